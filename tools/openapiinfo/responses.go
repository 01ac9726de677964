package main

import "strings"

// errorDefinition is the body the edge writes for every failure: the gRPC status the generator
// describes, plus `status`, the code's name, which the edge adds for people reading it.
var errorDefinition = map[string]any{
	"type":        "object",
	"description": "What went wrong, in words a person can act on; details carry the machine-readable parts (field violations, error info).",
	"properties": map[string]any{
		"code":    map[string]any{"type": "integer", "format": "int32", "description": "The gRPC status code."},
		"status":  map[string]any{"type": "string", "description": "The gRPC status code by name."},
		"message": map[string]any{"type": "string"},
		"details": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/definitions/protobufAny"}},
	},
	"required": []any{"code", "status", "message", "details"},
}

// errorExample builds an error body as the edge writes it.
func errorExample(code int, status, message string, details ...any) map[string]any {
	if details == nil {
		details = []any{}
	}
	return map[string]any{"application/json": map[string]any{
		"code": code, "status": status, "message": message, "details": details,
	}}
}

func integerHeader(description string) map[string]any {
	return map[string]any{"type": "integer", "description": description}
}

var requestIDHeader = map[string]any{
	"type":        "string",
	"description": "The request's id: the caller's own X-Request-Id when it sent a sensible one. Quote it when reporting a problem.",
}

// rateLimitHeaders are on every answer to a rate-limited caller.
var rateLimitHeaders = map[string]any{
	"RateLimit-Limit":     integerHeader("Requests the caller may send at once (its burst)."),
	"RateLimit-Remaining": integerHeader("Requests the caller may still send at once."),
	"RateLimit-Reset":     integerHeader("Seconds until the caller's full burst is back."),
	"RateLimit-Policy":    map[string]any{"type": "string", "description": "The caller's allowance as burst;w=window-seconds, e.g. 40;w=2."},
	"X-Request-Id":        requestIDHeader,
}

// commonResponses are the failures any operation can meet at the edge, with an example each.
func commonResponses(method string, hasPathVariables bool) map[string]any {
	withRetry := map[string]any{"Retry-After": integerHeader("Seconds to wait before trying again.")}
	for k, v := range rateLimitHeaders {
		withRetry[k] = v
	}
	out := map[string]any{
		"401": map[string]any{
			"description": "The bearer token is missing (for a method that needs one), malformed, expired or not for this API.",
			"schema":      map[string]any{"$ref": "#/definitions/liaisonError"},
			"headers": map[string]any{
				"WWW-Authenticate": map[string]any{"type": "string", "description": `Bearer realm="liaison", with error="invalid_token" when a token was sent.`},
				"X-Request-Id":     requestIDHeader,
			},
			"examples": errorExample(16, "Unauthenticated", "token has expired"),
		},
		"403": map[string]any{
			"description": "The caller's roles or organization do not allow this.",
			"schema":      map[string]any{"$ref": "#/definitions/liaisonError"},
			"examples":    errorExample(7, "PermissionDenied", "this method is for the roles [officer]"),
		},
		"429": map[string]any{
			"description": "The caller sent more requests than its allowance; wait Retry-After seconds.",
			"schema":      map[string]any{"$ref": "#/definitions/liaisonError"},
			"headers":     withRetry,
			"examples":    errorExample(8, "ResourceExhausted", "too many requests; wait 1s before trying again"),
		},
		"503": map[string]any{
			"description": "A service behind the edge is down; retry after Retry-After seconds.",
			"schema":      map[string]any{"$ref": "#/definitions/liaisonError"},
			"headers":     map[string]any{"Retry-After": integerHeader("Seconds to wait before trying again.")},
			"examples":    errorExample(14, "Unavailable", "a liaison service is temporarily unavailable; retry shortly"),
		},
		"default": map[string]any{
			"description": "Any other failure, in the same shape.",
			"schema":      map[string]any{"$ref": "#/definitions/liaisonError"},
			"examples":    errorExample(13, "Internal", "internal error; quote request id 6f1c2a9e0b7d4c3a when reporting it"),
		},
	}
	if hasPathVariables {
		out["404"] = map[string]any{
			"description": "Nothing exists under this id, or the caller may not know it exists.",
			"schema":      map[string]any{"$ref": "#/definitions/liaisonError"},
			"examples":    errorExample(5, "NotFound", "no organization 01J8Z3Q4V6"),
		}
	}
	if method != "get" {
		out["400"] = map[string]any{
			"description": "The request is invalid: the body is not valid JSON for this request, or fields break the contract's rules (each named in a BadRequest detail).",
			"schema":      map[string]any{"$ref": "#/definitions/liaisonError"},
			"examples": errorExample(3, "InvalidArgument", "organization.country: ZZ is not an ISO 3166-1 country", map[string]any{
				"@type":           "type.googleapis.com/google.rpc.BadRequest",
				"fieldViolations": []any{map[string]any{"field": "organization.country", "description": "ZZ is not an ISO 3166-1 country"}},
			}),
		}
		out["412"] = map[string]any{
			"description": "A rule or the current state does not allow this step (e.g. submitting an application twice).",
			"schema":      map[string]any{"$ref": "#/definitions/liaisonError"},
			"examples":    errorExample(9, "FailedPrecondition", "the application is SUBMITTED; only a DRAFT or RETURNED application can be submitted"),
		}
		out["413"] = map[string]any{
			"description": "The body is larger than the route takes: 12 MiB for a document upload, 1 MiB elsewhere.",
			"schema":      map[string]any{"$ref": "#/definitions/liaisonError"},
			"examples":    errorExample(3, "InvalidArgument", "request body too large: this route takes at most 1 MiB"),
		}
	}
	return out
}

// describeResponses gives every operation the edge's error responses, points the generator's
// error schema at the edge's, and puts the rate-limit headers on each success.
func describeResponses(doc map[string]any) {
	defs, _ := doc["definitions"].(map[string]any)
	if defs != nil {
		defs["liaisonError"] = errorDefinition
	}
	paths, _ := doc["paths"].(map[string]any)
	for path, item := range paths {
		ops, _ := item.(map[string]any)
		for method, op := range ops {
			o, ok := op.(map[string]any)
			if !ok {
				continue
			}
			responses, _ := o["responses"].(map[string]any)
			if responses == nil {
				responses = map[string]any{}
				o["responses"] = responses
			}
			for code, r := range commonResponses(method, strings.Contains(path, "{")) {
				if _, set := responses[code]; !set || code == "default" {
					responses[code] = r
				}
			}
			if ok200, ok := responses["200"].(map[string]any); ok {
				ok200["headers"] = rateLimitHeaders
			}
		}
	}
}
