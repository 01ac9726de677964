package gateway

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
)

// The merged document is checked with an independent implementation of the specification,
// after conversion to OpenAPI 3, so a generator quirk cannot hide an invalid document.
func TestOpenAPIDocumentIsValidAndCoversEveryService(t *testing.T) {
	rec := httptest.NewRecorder()
	serveOpenAPI(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET /openapi.json = %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var doc2 openapi2.T
	if err := doc2.UnmarshalJSON(rec.Body.Bytes()); err != nil {
		t.Fatalf("not an OpenAPI 2 document: %v", err)
	}
	doc3, err := openapi2conv.ToV3(&doc2)
	if err != nil {
		t.Fatalf("cannot convert: %v", err)
	}
	if err := doc3.Validate(context.Background()); err != nil {
		t.Fatalf("invalid OpenAPI: %v", err)
	}
	for _, p := range []string{
		"/v1/organizations", "/v1/organizations/{id}", "/v1/committees", "/v1/focalPoints", "/v1/partnerships",
		"/v1/applications", "/v1/applications/{id}:submit", "/v1/sessions", "/v1/organizations/{organizationId}/status",
		"/v1/statuses:batchGet", "/v1/events", "/v1/events/{eventId}/registrations", "/v1/calendar.ics",
	} {
		if doc3.Paths.Find(p) == nil {
			t.Errorf("no route %s in /openapi.json", p)
		}
	}
	if doc2.Info.Title != "liaison API" {
		t.Errorf("title = %q", doc2.Info.Title)
	}
}
