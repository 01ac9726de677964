package main

import (
	"regexp"
	"strings"
)

// errorSchemaName is the body the edge writes for every failure (gateway/errors.go): a
// google.rpc.Status in JSON plus `status`, the code's name, for people reading it.
const errorSchemaName = "liaison.Error"

var errorSchema = obj{
	"type":        "object",
	"description": "What went wrong, in words a person can act on; details carry the machine-readable parts (field violations, error info).",
	"properties": obj{
		"code":    obj{"type": "integer", "format": "int32", "description": "The gRPC status code."},
		"status":  obj{"type": "string", "description": "The gRPC status code by name, e.g. InvalidArgument."},
		"message": obj{"type": "string"},
		"details": obj{"type": "array", "items": obj{
			"type":        "object",
			"description": "A typed detail (google.rpc.BadRequest, ErrorInfo, PreconditionFailure, buf.validate.Violations), named by @type.",
			"properties":  obj{"@type": obj{"type": "string"}},
			"required":    []any{"@type"},
		}},
	},
	"required": []any{"code", "status", "message", "details"},
}

// statusOfCode is the edge's table from gRPC codes to HTTP statuses (gateway/errors.go).
var statusOfCode = map[string]string{
	"INVALID_ARGUMENT":    "400",
	"OUT_OF_RANGE":        "400",
	"UNAUTHENTICATED":     "401",
	"PERMISSION_DENIED":   "403",
	"NOT_FOUND":           "404",
	"ALREADY_EXISTS":      "409",
	"ABORTED":             "409",
	"FAILED_PRECONDITION": "412",
	"RESOURCE_EXHAUSTED":  "429",
	"UNAVAILABLE":         "503",
}

var codeName = regexp.MustCompile(`\b(INVALID_ARGUMENT|OUT_OF_RANGE|UNAUTHENTICATED|PERMISSION_DENIED|NOT_FOUND|ALREADY_EXISTS|ABORTED|FAILED_PRECONDITION|RESOURCE_EXHAUSTED|UNAVAILABLE)\b`)

// statusText describes each status once; the operation's own description says when it happens.
var statusText = map[string]string{
	"400": "The request is invalid: a parameter or the body breaks the contract's rules (each field named in a BadRequest detail), or the body is not valid JSON for this request.",
	"401": "The bearer token is missing (for a method that needs one), malformed, expired or not for this API.",
	"403": "The caller's roles or organization do not allow this.",
	"404": "Nothing exists under this id, or the caller may not know it exists.",
	"409": "A conflict: the etag is stale (read again and reapply the change) or the thing already exists.",
	"412": "A rule or the current state does not allow this step.",
	"413": "The body is larger than the route takes: 12 MiB for a document upload, 1 MiB elsewhere.",
	"429": "The caller sent more requests than its allowance; wait Retry-After seconds.",
	"503": "A service behind the edge is down; retry after Retry-After seconds.",
}

// statusesOf lists what an operation can answer besides success. The contracts name each
// method's errors in an `Errors:` paragraph of its comment; on top of those, any operation may
// meet a bad token (401), the rate limit (429), a service that is down (503) and a malformed
// parameter or body (400); one with path variables may name nothing (404); one with a body may
// send too much (413).
func statusesOf(path string, op obj) map[string]bool {
	out := map[string]bool{"400": true, "401": true, "429": true, "503": true}
	if strings.Contains(path, "{") {
		out["404"] = true
	}
	if _, ok := op["requestBody"]; ok {
		out["413"] = true
	}
	desc, _ := op["description"].(string)
	if i := strings.Index(desc, "Errors:"); i >= 0 {
		for _, c := range codeName.FindAllString(desc[i:], -1) {
			out[statusOfCode[c]] = true
		}
	}
	return out
}

func integerHeader(description string) obj {
	return obj{"description": description, "schema": obj{"type": "integer"}}
}

var requestIDHeader = obj{
	"description": "The request's id: the caller's own X-Request-Id when it sent a sensible one. Quote it when reporting a problem.",
	"schema":      obj{"type": "string"},
}

// rateLimitHeaders are on every answer to a rate-limited caller.
func rateLimitHeaders() obj {
	return obj{
		"RateLimit-Limit":     integerHeader("Requests the caller may send at once (its burst)."),
		"RateLimit-Remaining": integerHeader("Requests the caller may still send at once."),
		"RateLimit-Reset":     integerHeader("Seconds until the caller's full burst is back."),
		"RateLimit-Policy":    obj{"description": "The caller's allowance as burst;w=window-seconds, e.g. 40;w=2.", "schema": obj{"type": "string"}},
		"X-Request-Id":        requestIDHeader,
	}
}

func errorResponse(status string) obj {
	r := obj{
		"description": statusText[status],
		"content":     obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/" + errorSchemaName}}},
	}
	switch status {
	case "401":
		r["headers"] = obj{"WWW-Authenticate": obj{
			"description": `Bearer realm="liaison", with error="invalid_token" when a token was sent.`,
			"schema":      obj{"type": "string"},
		}}
	case "429":
		h := rateLimitHeaders()
		h["Retry-After"] = integerHeader("Seconds to wait before trying again.")
		r["headers"] = h
	case "503":
		r["headers"] = obj{"Retry-After": integerHeader("Seconds to wait before trying again.")}
	}
	return r
}

// describeStatuses replaces the generator's generic error with the edge's error body under
// every status each operation can answer, and puts the rate-limit headers on each success.
func describeStatuses(paths, schemas obj) {
	delete(schemas, "google.rpc.Status")
	delete(schemas, "google.protobuf.Any")
	schemas[errorSchemaName] = errorSchema
	operations(paths, func(path, _ string, op obj) {
		responses := child(op, "responses")
		for status := range statusesOf(path, op) {
			responses[status] = errorResponse(status)
		}
		responses["default"] = obj{
			"description": "Any other failure (500 with a request id to quote), in the same shape.",
			"content":     obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/" + errorSchemaName}}},
		}
		if ok, found := responses["200"].(obj); found {
			ok["headers"] = rateLimitHeaders()
		}
	})
}
