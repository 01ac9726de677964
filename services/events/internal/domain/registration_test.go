package domain

import (
	"testing"
	"time"
)

var t0 = time.Date(2021, 9, 1, 12, 0, 0, 0, time.UTC)

func meeting() *Event {
	return &Event{
		ID: "evt_1", Title: "Broadband Commission", Kind: KindMeeting, TimeZone: "America/New_York",
		Start: time.Date(2021, 9, 19, 13, 0, 0, 0, time.UTC), End: time.Date(2021, 9, 19, 16, 30, 0, 0, time.UTC),
		State: EventScheduled,
	}
}

func TestAdmit(t *testing.T) {
	active := ConsultativeStatus{OrganizationID: "org_a", State: StatusActive, Category: CategorySpecial}
	tests := []struct {
		name   string
		edit   func(*Event)
		adm    Admission
		want   RegistrationState
		reason string
	}{
		{name: "open-event-with-room-confirms", want: RegistrationConfirmed},
		{name: "no-capacity-limit-confirms", edit: func(e *Event) { e.Capacity = 0; e.Confirmed = 900 }, want: RegistrationConfirmed},
		{name: "full-event-waitlists", edit: func(e *Event) { e.Capacity = 10; e.Confirmed = 10 }, want: RegistrationWaitlisted},
		{name: "someone-waiting-keeps-turn", edit: func(e *Event) { e.Capacity = 10; e.Confirmed = 9; e.Waitlisted = 1 }, want: RegistrationWaitlisted},
		{name: "last-seat-confirms", edit: func(e *Event) { e.Capacity = 10; e.Confirmed = 9 }, want: RegistrationConfirmed},
		{name: "cancelled-event-412", edit: func(e *Event) { e.State = EventCancelled }, reason: ReasonEventCancelled},
		{name: "before-window-412", edit: func(e *Event) { e.RegistrationOpens = t0.Add(time.Hour) }, reason: ReasonRegistrationNotOpen},
		{name: "after-window-412", edit: func(e *Event) { e.RegistrationCloses = t0.Add(-time.Hour) }, reason: ReasonRegistrationClosed},
		{name: "at-close-instant-412", edit: func(e *Event) { e.RegistrationCloses = t0 }, reason: ReasonRegistrationClosed},
		{name: "at-open-instant-ok", edit: func(e *Event) { e.RegistrationOpens = t0 }, want: RegistrationConfirmed},
		{name: "after-start-without-close-412", edit: func(e *Event) { e.Start = t0.Add(-time.Minute); e.End = t0.Add(time.Hour) }, reason: ReasonRegistrationClosed},
		{name: "status-only-active-ok", edit: func(e *Event) { e.RequiresConsultativeStatus = true }, adm: Admission{Status: active}, want: RegistrationConfirmed},
		{name: "status-only-none-412", edit: func(e *Event) { e.RequiresConsultativeStatus = true }, adm: Admission{Status: ConsultativeStatus{State: StatusNone}}, reason: ReasonStatusRequired},
		{name: "status-only-suspended-412", edit: func(e *Event) { e.RequiresConsultativeStatus = true }, adm: Admission{Status: ConsultativeStatus{State: StatusSuspended}}, reason: ReasonStatusRequired},
		{name: "status-only-withdrawn-412", edit: func(e *Event) { e.RequiresConsultativeStatus = true }, adm: Admission{Status: ConsultativeStatus{State: StatusWithdrawn}}, reason: ReasonStatusRequired},
		{name: "status-only-accredited-ok", edit: func(e *Event) { e.RequiresConsultativeStatus = true }, adm: Admission{Status: ConsultativeStatus{State: StatusNone}, AccreditedForEvent: true}, want: RegistrationConfirmed},
		{name: "quota-reached-412", edit: func(e *Event) { e.QuotaPerOrganization = 2 }, adm: Admission{OrganizationLive: 2}, reason: ReasonQuotaExceeded},
		{name: "quota-never-waitlists", edit: func(e *Event) { e.QuotaPerOrganization = 2; e.Capacity = 1; e.Confirmed = 1 }, adm: Admission{OrganizationLive: 2}, reason: ReasonQuotaExceeded},
		{name: "under-quota-ok", edit: func(e *Event) { e.QuotaPerOrganization = 2 }, adm: Admission{OrganizationLive: 1}, want: RegistrationConfirmed},
		{name: "same-person-twice-409", adm: Admission{EmailTaken: true}, reason: ReasonAlreadyRegistered},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := meeting()
			if tc.edit != nil {
				tc.edit(e)
			}
			a := tc.adm
			a.Event, a.Now = e, t0
			got, err := Admit(a)
			if tc.reason != "" {
				if ReasonOf(err) != tc.reason {
					t.Fatalf("Admit() error = %v, want reason %s", err, tc.reason)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Admit() = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestRegistrationCancel(t *testing.T) {
	tests := []struct {
		from     RegistrationState
		heldSeat bool
	}{
		{RegistrationConfirmed, true},
		{RegistrationWaitlisted, false},
		{RegistrationCancelled, false},
	}
	for _, tc := range tests {
		r := Registration{State: tc.from}
		if tc.from == RegistrationWaitlisted {
			r.WaitlistPosition = 3
		}
		if got := r.Cancel(t0); got != tc.heldSeat || r.State != RegistrationCancelled || r.WaitlistPosition != 0 {
			t.Errorf("Cancel from %v = %v (state %v), want %v", tc.from, got, r.State, tc.heldSeat)
		}
	}
}

func TestRegistrationValidate(t *testing.T) {
	ok := Registration{OrganizationID: "org_a", Participant: Participant{GivenName: "Ada", FamilyName: "Lovelace", Email: "ada@example.org"}}
	tests := []struct {
		name  string
		edit  func(*Registration)
		field string
	}{
		{"valid", func(*Registration) {}, ""},
		{"no-organization", func(r *Registration) { r.OrganizationID = " " }, "registration.organization_id"},
		{"no-given-name", func(r *Registration) { r.Participant.GivenName = "" }, "registration.participant.given_name"},
		{"no-family-name", func(r *Registration) { r.Participant.FamilyName = "" }, "registration.participant.family_name"},
		{"bad-email", func(r *Registration) { r.Participant.Email = "not an address" }, "registration.participant.email"},
		{"display-name-email", func(r *Registration) { r.Participant.Email = "Ada <ada@example.org>" }, "registration.participant.email"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ok
			tc.edit(&r)
			checkField(t, r.Validate(), tc.field)
		})
	}
}

func checkField(t *testing.T, err error, field string) {
	t.Helper()
	if field == "" {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	e, _ := err.(*Error)
	if e == nil || e.Kind != KindInvalid {
		t.Fatalf("error = %v, want invalid %s", err, field)
	}
	for _, v := range e.Violations {
		if v.Field == field {
			return
		}
	}
	t.Fatalf("violations %+v do not name %s", e.Violations, field)
}

func TestNormalizeEmail(t *testing.T) {
	if got := NormalizeEmail("  Ada@Example.ORG "); got != "ada@example.org" {
		t.Fatalf("NormalizeEmail = %q", got)
	}
}
