package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

const schemaPrefix = "#/components/schemas/"

// describeResponseFields makes `required` of every message schema the fields the edge writes
// in every response (see alwaysWritten). The generator's `required` (fields a caller must send
// on create) moves to the request schemas made by splitRequestSchemas.
func describeResponseFields(schemas obj) error {
	for name, s := range schemas {
		schema, _ := s.(obj)
		props, _ := schema["properties"].(obj)
		if props == nil {
			continue
		}
		md, ok := messageOf(name)
		if !ok {
			if strings.HasPrefix(name, "liaison.") {
				return fmt.Errorf("schema %s has no message in the contracts this tool was built with", name)
			}
			continue
		}
		var required []string
		for prop := range props {
			if fd := fieldByJSONName(md, prop); fd != nil && alwaysWritten(fd) {
				required = append(required, prop)
			}
		}
		setRequired(schema, required)
	}
	return nil
}

func setRequired(schema obj, names []string) {
	if len(names) == 0 {
		delete(schema, "required")
		return
	}
	sort.Strings(names)
	list := make([]any, len(names))
	for i, n := range names {
		list[i] = n
	}
	schema["required"] = list
}

// splitRequestSchemas points every request body at schemas of its own: `<Message>Input` asks
// for the fields a caller must send (REQUIRED in the contract, or a protovalidate `required`),
// and the body of a partial update, `<Message>Patch`, requires nothing, as the server takes any
// subset of the fields with `updateMask`. Every PATCH declares `updateMask`.
func splitRequestSchemas(paths, schemas obj) error {
	var err error
	operations(paths, func(path, method string, op obj) {
		body, _ := op["requestBody"].(obj)
		content, _ := body["content"].(obj)
		media, _ := content["application/json"].(obj)
		schema, _ := media["schema"].(obj)
		if method == "patch" {
			if e := declareUpdateMask(path, op); e != nil {
				err = e
			}
		}
		if schema == nil {
			return
		}
		if ref, ok := schema["$ref"].(string); ok && method == "patch" {
			media["schema"] = obj{"$ref": schemaPrefix + patchSchema(schemas, strings.TrimPrefix(ref, schemaPrefix))}
			return
		}
		media["schema"] = toInput(schemas, schema)
	})
	return err
}

// toInput rewrites every reference within v to the request variant of its schema.
func toInput(schemas obj, v any) any {
	switch t := v.(type) {
	case obj:
		if ref, ok := t["$ref"].(string); ok {
			t["$ref"] = schemaPrefix + inputSchema(schemas, strings.TrimPrefix(ref, schemaPrefix))
		}
		for k, c := range t {
			if k != "$ref" {
				t[k] = toInput(schemas, c)
			}
		}
	case []any:
		for i, c := range t {
			t[i] = toInput(schemas, c)
		}
	}
	return v
}

// inputSchema returns the name of the request variant of a message schema, making it on first
// use; enums and other schemas without fields are the same either way.
func inputSchema(schemas obj, name string) string {
	md, ok := messageOf(name)
	schema, _ := schemas[name].(obj)
	if !ok || schema["properties"] == nil {
		return name
	}
	variant := name + "Input"
	if _, made := schemas[variant]; made {
		return variant
	}
	cp := deepCopy(schema)
	schemas[variant] = cp // before recursing, so that a message that contains itself ends
	var required []string
	for prop := range cp["properties"].(obj) {
		if fd := fieldByJSONName(md, prop); fd != nil && (requiredInRequest(fd) || validateRequired(fd)) {
			required = append(required, prop)
		}
	}
	setRequired(cp, required)
	cp["properties"] = toInput(schemas, cp["properties"])
	for _, k := range []string{"oneOf", "allOf"} {
		if c, ok := cp[k]; ok {
			cp[k] = toInput(schemas, c)
		}
	}
	return variant
}

// patchSchema returns the name of the partial-update variant of a message schema: the request
// variant with nothing required at its top level.
func patchSchema(schemas obj, name string) string {
	variant := name + "Patch"
	if _, made := schemas[variant]; made {
		return variant
	}
	input := inputSchema(schemas, name)
	cp := deepCopy(schemas[input].(obj))
	delete(cp, "required")
	cp["description"] = fmt.Sprintf("The fields of %s to change: send those named in updateMask (or, without a mask, only those to change).", name)
	schemas[variant] = cp
	return variant
}

// declareUpdateMask makes sure a PATCH names its update mask among its query parameters.
func declareUpdateMask(path string, op obj) error {
	params, _ := op["parameters"].([]any)
	for _, p := range params {
		if param, ok := p.(obj); ok && param["name"] == "updateMask" && param["in"] == "query" {
			return nil
		}
	}
	id, _ := op["operationId"].(string)
	m, err := methodOf(id)
	if err != nil {
		return err
	}
	if m.Input().Fields().ByName(protoreflect.Name("update_mask")) == nil {
		return fmt.Errorf("PATCH %s (%s) has no update_mask field", path, id)
	}
	op["parameters"] = append(params, obj{
		"name":        "updateMask",
		"in":          "query",
		"description": "The fields to change, comma-separated, by JSON or proto name.",
		"schema":      obj{"type": "string"},
	})
	return nil
}

func deepCopy(o obj) obj {
	raw, _ := json.Marshal(o)
	var out obj
	_ = json.Unmarshal(raw, &out)
	return out
}

// answerOnly drops readOnly from the properties of response schemas, where every property is
// something the server wrote: left there, it makes client generators turn the fields a response
// always carries (id, etag, createTime of a stored thing) into optional ones. The request
// variants keep it, to tell callers the server ignores those fields.
func answerOnly(schemas obj) {
	for name, s := range schemas {
		if _, ok := messageOf(name); !ok {
			continue
		}
		props, _ := s.(obj)["properties"].(obj)
		for _, p := range props {
			if prop, ok := p.(obj); ok {
				delete(prop, "readOnly")
			}
		}
	}
}
