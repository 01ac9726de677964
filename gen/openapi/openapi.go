// Package openapi carries the merged OpenAPI 3.1 document generated from the liaison contracts,
// embedded so the gateway serves it from its own binary.
package openapi

import _ "embed"

// Document is liaison.openapi.json (OpenAPI 3.1): every REST route of the three services.
//
//go:embed liaison.openapi.json
var Document []byte
