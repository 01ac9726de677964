package gateway

import (
	"net/http"

	"github.com/un-liaison/liaison/gen/openapi"
)

// serveOpenAPI answers /openapi.json with the one merged document generated from the
// contracts, so integrators always read the description of the API this binary serves.
func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(openapi.Document)
}
