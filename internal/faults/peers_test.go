//go:build faults

package faults

import (
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/auth"
)

// TestAccreditationDownFailsStatusOnlyRegistrationsFast stops the
// accreditation service: a registration that needs consultative status is
// refused at once with 503 and leaves nothing behind, public reads keep
// answering, and once the service is back the same request succeeds.
func TestAccreditationDownFailsStatusOnlyRegistrationsFast(t *testing.T) {
	s := startSystem(t)
	officer := s.token("officer-1", "", auth.RoleOfficer)
	event := s.createMeeting(officer, "High-level political forum", true)
	org := s.orgInState("STATE_ACTIVE")

	if err := s.signal("accreditation", syscall.SIGKILL, 5*time.Second); err == nil {
		t.Log("accreditation killed")
	}
	time.Sleep(time.Second) // the events service notices its status stream is gone

	begun := time.Now()
	r := s.call(t.Context(), "POST", "/v1/events/"+event+"/registrations?requestId=down-1", officer, registration(org.ID, "down@example.org"))
	took := time.Since(begun)
	if r.err != nil || r.status != http.StatusServiceUnavailable {
		t.Fatalf("registration with accreditation down: %v, want 503", r)
	}
	if took > 5*time.Second {
		t.Errorf("the 503 took %v: not failing fast", took)
	}
	if n := len(s.registrations(officer, event)); n != 0 {
		t.Fatalf("%d registrations stored by a refused request", n)
	}
	for _, path := range []string{"/v1/organizations/" + org.ID, "/v1/events/" + event, "/v1/events?pageSize=5", "/v1/calendar.ics"} {
		if r := s.call(t.Context(), "GET", path, "", nil); r.err != nil || r.status != http.StatusOK {
			t.Errorf("public read GET %s with accreditation down: %v", path, r)
		}
	}

	s.start("accreditation")
	s.waitReady(60 * time.Second)
	// The edge reaching accreditation again says nothing of the events service's own
	// connection, which may still be waiting out its reconnect backoff: retry as a client
	// told "503, Retry-After" does, with the same request id.
	var reg struct {
		ID string `json:"id"`
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		r = s.call(t.Context(), "POST", "/v1/events/"+event+"/registrations?requestId=down-1", officer, registration(org.ID, "down@example.org"))
		if r.err == nil && r.status == http.StatusOK {
			r.decode(t, &reg)
			break
		}
		if r.status != http.StatusServiceUnavailable || time.Now().After(deadline) {
			t.Fatalf("registration once accreditation is back: %v", r)
		}
		time.Sleep(500 * time.Millisecond)
	}
	if ids := s.registrations(officer, event); len(ids) != 1 || !ids[reg.ID] {
		t.Fatalf("after the retry the event holds %v, want just %s", ids, reg.ID)
	}
}

// TestStatusConsumerResumesFromItsCursor kills the registry, which mirrors
// consultative statuses from the accreditation service's change stream,
// between two status changes: after a restart it shows both, having resumed
// from its stored cursor rather than missing what happened while it was down.
func TestStatusConsumerResumesFromItsCursor(t *testing.T) {
	s := startSystem(t)
	officer := s.token("officer-1", "", auth.RoleOfficer)
	var active []organization
	deadline := time.Now().Add(30 * time.Second)
	for len(active) < 2 {
		active = active[:0]
		for _, o := range s.organizations() {
			if o.ConsultativeStatus.State == "STATE_ACTIVE" {
				active = append(active, o)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("want 2 NGOs in status, have %d", len(active))
		}
		time.Sleep(200 * time.Millisecond)
	}
	first, second := active[0], active[1]

	s.must("POST", "/v1/organizations/"+first.ID+"/status:withdraw", officer, map[string]any{"reason": "asked to"}, nil)
	if err := s.signal("registry", syscall.SIGKILL, 5*time.Second); err != nil {
		t.Log(err)
	}
	s.must("POST", "/v1/organizations/"+second.ID+"/status:withdraw", officer, map[string]any{"reason": "asked to"}, nil)
	s.start("registry")
	s.waitReady(60 * time.Second)

	deadline = time.Now().Add(20 * time.Second)
	for {
		states := map[string]string{}
		for _, o := range s.organizations() {
			states[o.ID] = o.ConsultativeStatus.State
		}
		if states[first.ID] == "STATE_WITHDRAWN" && states[second.ID] == "STATE_WITHDRAWN" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("20 s after the restart the registry shows %s and %s, want both STATE_WITHDRAWN",
				states[first.ID], states[second.ID])
		}
		time.Sleep(200 * time.Millisecond)
	}
}
