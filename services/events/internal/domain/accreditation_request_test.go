package domain

import (
	"testing"
	"time"
)

func TestCheckMayRequestAccreditation(t *testing.T) {
	none := ConsultativeStatus{State: StatusNone}
	tests := []struct {
		name   string
		edit   func(*Event)
		status ConsultativeStatus
		reason string
	}{
		{"no-status-for-status-only-event-ok", func(e *Event) { e.RequiresConsultativeStatus = true }, none, ""},
		{"suspended-may-ask", func(e *Event) { e.RequiresConsultativeStatus = true }, ConsultativeStatus{State: StatusSuspended}, ""},
		{"open-event-412", func(*Event) {}, none, ReasonStatusNotRequired},
		{"cancelled-412", func(e *Event) { e.RequiresConsultativeStatus = true; e.State = EventCancelled }, none, ReasonEventCancelled},
		{"ended-412", func(e *Event) {
			e.RequiresConsultativeStatus = true
			e.End = t0.Add(-time.Minute)
			e.Start = t0.Add(-time.Hour)
		}, none, ReasonEventEnded},
		{"active-needs-none-412", func(e *Event) { e.RequiresConsultativeStatus = true }, ConsultativeStatus{State: StatusActive}, ReasonStatusHeld},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := meeting()
			tc.edit(e)
			if got := ReasonOf(CheckMayRequestAccreditation(e, tc.status, t0)); got != tc.reason {
				t.Fatalf("reason %q, want %q", got, tc.reason)
			}
		})
	}
}

func TestAccreditationDecide(t *testing.T) {
	tests := []struct {
		name    string
		from    RequestState
		approve bool
		reason  string
		want    RequestState
		kind    ErrorKind
	}{
		{"approve-pending", RequestPending, true, "", RequestApproved, 0},
		{"approve-with-note", RequestPending, true, "one delegate", RequestApproved, 0},
		{"reject-pending", RequestPending, false, "not relevant", RequestRejected, 0},
		{"reject-without-reason", RequestPending, false, "", RequestPending, KindInvalid},
		{"approve-decided", RequestRejected, true, "", RequestRejected, KindRefused},
		{"reject-decided", RequestApproved, false, "x", RequestApproved, KindRefused},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := AccreditationRequest{ID: "acr_1", State: tc.from}
			err := r.Decide(tc.approve, tc.reason, t0)
			if KindOf(err) != tc.kind || r.State != tc.want {
				t.Fatalf("Decide = %v, state %v", err, r.State)
			}
		})
	}
}

func TestAccreditationValidate(t *testing.T) {
	r := AccreditationRequest{OrganizationID: "org_a"}
	checkField(t, r.Validate(), "accreditation_request.justification")
	r.Justification = "We work on this"
	checkField(t, r.Validate(), "")
}
