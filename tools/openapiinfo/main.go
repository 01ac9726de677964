// Command openapiinfo finishes the merged OpenAPI document after generation. The generator
// takes the document's info from whichever contract file it merges first, so the title,
// description and security scheme of the whole API are set here, in one place.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
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
			"description": "A JWT from the UN identity provider (or `liaison token` in dev), sent as `Bearer <token>`. Public data may be read without one.",
		},
	}
	doc["security"] = []any{map[string]any{"bearer": []any{}}, map[string]any{}}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return os.WriteFile(path, out.Bytes(), 0o644)
}
