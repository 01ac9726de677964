package main

const description = `liaison runs the United Nations' NGO liaison work: the directory of organizations
(registry), ECOSOC consultative status (accreditation) and the meetings calendar with side
events and registrations (events).

Responses carry every scalar, list and map field even when it is zero or empty; a field that
holds an object (a timestamp, a date, a nested message) is left out when it is not set, and is
never null. The fields a response always carries are listed as required.

Errors are JSON bodies {code, status, message, details}: 400 invalid input (details name each
field), 401 missing or bad token, 403 not allowed, 404 not found, 409 conflict, stale etag or
duplicate, 412 a rule or the current state does not allow the step, 413 body too large, 429 rate
limited, 503 a service is down (retry after the Retry-After header). Each operation lists the
statuses it can answer.`

// describeAPI sets what the generator takes from whichever contract file it merges first: the
// title and description of the whole API, and how callers authenticate.
func describeAPI(doc obj) {
	doc["info"] = obj{
		"title":       "liaison API",
		"version":     "v1",
		"description": description,
	}
	child(doc, "components")["securitySchemes"] = obj{
		"bearer": obj{
			"type":         "http",
			"scheme":       "bearer",
			"bearerFormat": "JWT",
			"description":  "A JWT from the UN identity provider (or `liaison token` in dev), sent as `Authorization: Bearer <token>`. Public data may be read without one.",
		},
	}
	// Either a token or none: each operation's description says who may call it.
	doc["security"] = []any{obj{"bearer": []any{}}, obj{}}
}
