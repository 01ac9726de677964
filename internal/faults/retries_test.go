//go:build faults

package faults

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/auth"
)

// TestRetriesWithTheSameRequestIDNeverDuplicate sends every create twice
// with one requestId — the first time also cut short by a client timeout, as
// a caller that gave up and retried would — and finds one resource, with the
// same id, each time.
func TestRetriesWithTheSameRequestIDNeverDuplicate(t *testing.T) {
	s := startSystem(t)
	officer := s.token("officer-1", "", auth.RoleOfficer)

	// giveUp sends a request and abandons it almost at once, as a client
	// whose deadline passed; the server may or may not have finished it.
	giveUp := func(method, path string, body any) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Millisecond)
		defer cancel()
		_ = s.call(ctx, method, path, officer, body)
	}
	type created struct {
		ID string `json:"id"`
	}
	twice := func(what, path string, body any) string {
		t.Helper()
		giveUp("POST", path, body)
		var a, b created
		s.must("POST", path, officer, body, &a)
		s.must("POST", path, officer, body, &b)
		if a.ID == "" || a.ID != b.ID {
			t.Fatalf("%s: retries answered %q and %q, want one id", what, a.ID, b.ID)
		}
		return a.ID
	}

	orgBody := map[string]any{"name": "Pacific Islands Ocean Alliance", "stakeholderGroup": "STAKEHOLDER_GROUP_NGO", "country": "FJ"}
	orgID := twice("organization", "/v1/organizations?requestId=retry-org", orgBody)
	var page struct {
		Organizations []organization `json:"organizations"`
	}
	s.must("GET", "/v1/organizations?pageSize=100&query=Pacific", "", nil, &page)
	n := 0
	for _, o := range page.Organizations {
		if o.Name == "Pacific Islands Ocean Alliance" {
			n++
			if o.ID != orgID {
				t.Errorf("a second organization %s was made", o.ID)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d organizations named as the retried one, want 1", n)
	}

	event := twice("event", "/v1/events?requestId=retry-event", map[string]any{
		"title": "Retried meeting", "kind": "KIND_MEETING",
		"startTime": "2028-10-06T09:00:00Z", "endTime": "2028-10-06T17:00:00Z",
		"timeZone": "UTC", "venue": "Geneva", "capacity": 10,
	})
	regID := twice("registration", "/v1/events/"+event+"/registrations?requestId=retry-reg", registration(orgID, "retry@example.org"))
	if ids := s.registrations(officer, event); len(ids) != 1 || !ids[regID] {
		t.Fatalf("the event holds %v after retries, want just %s", ids, regID)
	}
	// A different requestId is a different registration of the same person,
	// which the events service refuses as a duplicate rather than storing.
	r := s.call(context.Background(), "POST", "/v1/events/"+event+"/registrations?requestId=retry-reg-2", officer, registration(orgID, "retry@example.org"))
	if r.err != nil || r.status == http.StatusOK {
		t.Errorf("a second registration of the same person: %v, want a refusal", r)
	}

	twice("application", "/v1/applications?requestId=retry-app", map[string]any{
		"organizationId": orgID, "requestedCategory": "CATEGORY_SPECIAL", "kind": "KIND_NEW",
	})
}
