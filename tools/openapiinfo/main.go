// Command openapiinfo finishes the merged OpenAPI document after generation. The generator
// takes the document's info from whichever contract file it merges first, so the title,
// description, security scheme and the edge's error responses (with examples) of the whole API
// are set here, in one place. It also joins
// paths that differ only in the names of their variables (GET /v1/events/{id} and PATCH
// /v1/events/{event.id} are one URL), which the specification does not allow to stand apart.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
)

const description = `liaison runs the United Nations' NGO liaison work: the directory of organizations
(registry), ECOSOC consultative status (accreditation) and the meetings calendar with side
events and registrations (events).

Errors are JSON bodies {code, status, message, details}: 400 invalid input (details name each
field), 401 missing or bad token, 403 not allowed, 404 not found, 409 conflict, stale etag or
duplicate, 412 a rule or the current state does not allow the step, 429 rate limited, 503 a
service is down (retry after the Retry-After header).`

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: openapiinfo FILE")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "openapiinfo:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return err
	}
	doc["info"] = map[string]any{
		"title":       "liaison API",
		"version":     "v1",
		"description": description,
	}
	doc["securityDefinitions"] = map[string]any{
		"bearer": map[string]any{
			"type":        "apiKey",
			"name":        "Authorization",
			"in":          "header",
			"description": "A JWT from the UN identity provider (or `liaison token` in dev), sent as `Bearer <token>`, e.g. `Authorization: Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6...`. Public data may be read without one.",
		},
	}
	doc["security"] = []any{map[string]any{"bearer": []any{}}, map[string]any{}}
	if paths, ok := doc["paths"].(map[string]any); ok {
		if err := joinEquivalentPaths(paths); err != nil {
			return err
		}
	}
	describeResponses(doc)
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return os.WriteFile(path, out.Bytes(), 0o644)
}

var pathVariable = regexp.MustCompile(`\{[^}]*\}`)

// joinEquivalentPaths moves the operations of every path into the one spelling of its URL
// template that uses the plainest variable names, renaming the path parameters to match.
func joinEquivalentPaths(paths map[string]any) error {
	groups := map[string][]string{}
	for p := range paths {
		shape := pathVariable.ReplaceAllString(p, "{}")
		groups[shape] = append(groups[shape], p)
	}
	for _, spellings := range groups {
		if len(spellings) < 2 {
			continue
		}
		sort.Slice(spellings, func(i, j int) bool {
			di, dj := strings.Count(spellings[i], "."), strings.Count(spellings[j], ".")
			if di != dj {
				return di < dj
			}
			return spellings[i] < spellings[j]
		})
		canonical := spellings[0]
		target := paths[canonical].(map[string]any)
		want := variableNames(canonical)
		for _, other := range spellings[1:] {
			have := variableNames(other)
			rename := map[string]string{}
			for i := range have {
				rename[have[i]] = want[i]
			}
			for method, op := range paths[other].(map[string]any) {
				if _, taken := target[method]; taken {
					return fmt.Errorf("%s %s and %s %s are the same route", method, canonical, method, other)
				}
				renamePathParameters(op, rename)
				target[method] = op
			}
			delete(paths, other)
		}
	}
	return nil
}

func variableNames(path string) []string {
	var names []string
	for _, v := range pathVariable.FindAllString(path, -1) {
		names = append(names, strings.Trim(v, "{}"))
	}
	return names
}

func renamePathParameters(op any, rename map[string]string) {
	o, ok := op.(map[string]any)
	if !ok {
		return
	}
	params, _ := o["parameters"].([]any)
	for _, p := range params {
		param, ok := p.(map[string]any)
		if !ok || param["in"] != "path" {
			continue
		}
		if name, ok := param["name"].(string); ok && rename[name] != "" {
			param["name"] = rename[name]
		}
	}
}
