package gateway

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/un-liaison/liaison/gen/openapi"
)

// The merged document is checked with an independent implementation of the specification, so
// a generator quirk cannot hide an invalid document.
func TestOpenAPIDocumentIsValidAndCoversEveryService(t *testing.T) {
	rec := httptest.NewRecorder()
	serveOpenAPI(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET /openapi.json = %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	doc, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
	if err != nil {
		t.Fatalf("not an OpenAPI document: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("invalid OpenAPI: %v", err)
	}
	for _, p := range []string{
		"/v1/organizations", "/v1/organizations/{id}", "/v1/committees", "/v1/focalPoints", "/v1/partnerships",
		"/v1/applications", "/v1/applications/{id}:submit", "/v1/sessions", "/v1/organizations/{organizationId}/status",
		"/v1/statuses:batchGet", "/v1/events", "/v1/events/{eventId}/registrations", "/v1/calendar.ics",
	} {
		if doc.Paths.Find(p) == nil {
			t.Errorf("no route %s in /openapi.json", p)
		}
	}
	if doc.Info.Title != "liaison API" {
		t.Errorf("title = %q", doc.Info.Title)
	}
}

// What the issue found wrong with the 2.0 document stays fixed: files have their own media
// types, a partial update requires nothing and declares its mask, and the statuses a method
// names in its contract are listed.
func TestOpenAPIDocumentSaysWhatTheEdgeDoes(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(openapi.Document)
	if err != nil {
		t.Fatal(err)
	}
	calendar := doc.Paths.Find("/v1/calendar.ics").Get.Responses.Status(http.StatusOK).Value
	if calendar.Content.Get("text/calendar") == nil || calendar.Content.Get("application/json") != nil {
		t.Errorf("the calendar feed answers %v", calendar.Content)
	}
	download := doc.Paths.Find("/v1/applications/{applicationId}/documents/{documentId}:download").Get.Responses.Status(http.StatusOK).Value
	if download.Content.Get("application/pdf") == nil {
		t.Errorf("a document download answers %v", download.Content)
	}
	for _, p := range []string{"/v1/organizations/{id}", "/v1/applications/{id}", "/v1/events/{id}"} {
		patch := doc.Paths.Find(p).Patch
		if patch.Parameters.GetByInAndName("query", "updateMask") == nil {
			t.Errorf("PATCH %s does not declare updateMask", p)
		}
		body := patch.RequestBody.Value.Content.Get("application/json").Schema.Value
		if len(body.Required) != 0 {
			t.Errorf("PATCH %s requires %v in its body", p, body.Required)
		}
		for _, code := range []int{400, 401, 403, 404, 409} {
			if patch.Responses.Status(code) == nil {
				t.Errorf("PATCH %s does not list %d", p, code)
			}
		}
	}
	org := doc.Components.Schemas["liaison.registry.v1.Organization"].Value
	for _, always := range []string{"id", "name", "sdgs", "etag"} {
		if !contains(org.Required, always) {
			t.Errorf("an organization in a response always has %s, but the document does not require it", always)
		}
	}
	if contains(org.Required, "foundedOn") {
		t.Error("foundedOn is left out when not set, but the document requires it")
	}
	pageSize := doc.Paths.Find("/v1/organizations").Get.Parameters.GetByInAndName("query", "pageSize").Schema.Value
	if pageSize.Max == nil || *pageSize.Max != 500 {
		t.Errorf("pageSize's schema does not carry the contract's 0..500: %+v", pageSize)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
