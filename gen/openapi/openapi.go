// Package openapi carries the merged OpenAPI document generated from the liaison contracts,
// embedded so the gateway serves it from its own binary.
package openapi

import _ "embed"

// Document is liaison.swagger.json: every REST route of the three services.
//
//go:embed liaison.swagger.json
var Document []byte
