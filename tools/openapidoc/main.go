// Command openapidoc finishes the OpenAPI 3.1 document that protoc-gen-openapiv3 and
// openapiv3-merge make from the contracts, so that it says exactly what the edge does:
//
//   - which fields every response carries (the edge writes scalars, lists and maps even when
//     zero, and leaves out unset messages and oneof members), as `required`;
//   - separate request schemas, with no `required` in the body of a partial update, and
//     `updateMask` as a query parameter of every PATCH;
//   - the protovalidate rules of the contracts as JSON Schema keywords where they map;
//   - every status an operation can answer, with the edge's error body;
//   - the real media type of the responses that are files (HttpBody).
//
// It reads the rules, field behaviours and oneofs from the compiled descriptors of gen/, so a
// new RPC or field is covered by `make generate` alone.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: openapidoc MERGED.json OUT.json")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "openapidoc:", err)
		os.Exit(1)
	}
}

// obj is a JSON object of the document, edited in place.
type obj = map[string]any

func run(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var doc obj
	if err := json.Unmarshal(raw, &doc); err != nil {
		return err
	}
	if err := finish(doc); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// finish applies every step, in an order where each sees what the previous ones settled.
func finish(doc obj) error {
	describeAPI(doc)
	paths := child(doc, "paths")
	camelPathVariables(paths)
	if err := joinEquivalentPaths(paths); err != nil {
		return err
	}
	schemas := child(child(doc, "components"), "schemas")
	if err := describeResponseFields(schemas); err != nil {
		return err
	}
	if err := applyRules(paths, schemas); err != nil {
		return err
	}
	if err := splitRequestSchemas(paths, schemas); err != nil {
		return err
	}
	answerOnly(schemas)
	describeFileResponses(paths)
	describeStatuses(paths, schemas)
	dropUnusedHttpBody(doc, schemas)
	return nil
}

func mustJSON(v any) string {
	raw, _ := json.Marshal(v)
	return string(raw)
}

// child returns o[key] as an object, creating it when missing.
func child(o obj, key string) obj {
	if c, ok := o[key].(obj); ok {
		return c
	}
	c := obj{}
	o[key] = c
	return c
}

// operations calls fn for every operation of the document.
func operations(paths obj, fn func(path, method string, op obj)) {
	for path, item := range paths {
		ops, _ := item.(obj)
		for method, op := range ops {
			switch method {
			case "get", "put", "post", "delete", "patch", "options", "head", "trace":
				if o, ok := op.(obj); ok {
					fn(path, method, o)
				}
			}
		}
	}
}
