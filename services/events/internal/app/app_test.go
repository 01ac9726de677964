package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

var (
	now     = time.Date(2021, 9, 1, 12, 0, 0, 0, time.UTC)
	officer = Actor{Subject: "officer-1", Roles: []string{RoleOfficer}}
)

func ngoUser(org string) Actor {
	return Actor{Subject: "user-" + org, Roles: []string{RoleNGO}, Org: org}
}

type fixture struct {
	svc    *Service
	store  *memStore
	status *fakeStatus
	event  domain.Event
}

func setup(t *testing.T, edit func(*domain.Event)) *fixture {
	t.Helper()
	f := &fixture{store: newMemStore(), status: &fakeStatus{states: map[string]domain.StatusState{}}}
	f.svc = New(f.store, f.status, nil, fixedClock(now))
	start := time.Date(2021, 9, 19, 13, 0, 0, 0, time.UTC)
	e := domain.Event{Title: "Broadband Commission", Kind: domain.KindMeeting, Start: start, End: start.Add(3 * time.Hour), TimeZone: "America/New_York"}
	if edit != nil {
		edit(&e)
	}
	var err error
	if f.event, err = f.svc.CreateEvent(context.Background(), officer, e, ""); err != nil {
		t.Fatal(err)
	}
	return f
}

func reg(org, email string) domain.Registration {
	return domain.Registration{OrganizationID: org, Participant: domain.Participant{GivenName: "Ada", FamilyName: "Lovelace", Email: email}}
}

func TestRegisterParticipant(t *testing.T) {
	tests := []struct {
		name       string
		statusOnly bool
		actor      Actor
		org        string
		status     domain.StatusState
		down       bool
		accredited bool
		wantKind   domain.ErrorKind
		wantAsked  int
	}{
		{name: "open-event-asks-no-status", actor: ngoUser("org_a"), org: "org_a", wantAsked: 0},
		{name: "status-only-active", statusOnly: true, actor: ngoUser("org_a"), org: "org_a", status: domain.StatusActive, wantAsked: 1},
		{name: "status-only-without-status-412", statusOnly: true, actor: ngoUser("org_a"), org: "org_a", status: domain.StatusNone, wantKind: domain.KindRefused, wantAsked: 1},
		{name: "status-unknown-503", statusOnly: true, actor: ngoUser("org_a"), org: "org_a", down: true, wantKind: domain.KindUnavailable, wantAsked: 1},
		{name: "accredited-needs-no-status-answer", statusOnly: true, actor: ngoUser("org_a"), org: "org_a", down: true, accredited: true, wantAsked: 1},
		{name: "ngo-for-another-organization-403", actor: ngoUser("org_a"), org: "org_b", wantKind: domain.KindForbidden},
		{name: "officer-for-any-organization", actor: officer, org: "org_b"},
		{name: "anonymous-403", actor: Actor{}, org: "org_a", wantKind: domain.KindForbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, func(e *domain.Event) { e.RequiresConsultativeStatus = tc.statusOnly })
			f.status.states[tc.org], f.status.down = tc.status, tc.down
			f.store.accredited[tc.org] = tc.accredited
			r, err := f.svc.RegisterParticipant(context.Background(), tc.actor, f.event.ID, reg(tc.org, "ada@example.org"), "")
			if domain.KindOf(err) != tc.wantKind {
				t.Fatalf("error %v, want kind %v", err, tc.wantKind)
			}
			if err == nil && (r.State != domain.RegistrationConfirmed || !strings.HasPrefix(r.ID, "reg_")) {
				t.Fatalf("registration %+v", r)
			}
			if f.status.asked != tc.wantAsked {
				t.Fatalf("status asked %d times, want %d", f.status.asked, tc.wantAsked)
			}
		})
	}
}

func TestRegisterRetryReturnsTheFirstRegistration(t *testing.T) {
	f := setup(t, func(e *domain.Event) { e.QuotaPerOrganization = 1 })
	ctx := context.Background()
	a, err := f.svc.RegisterParticipant(ctx, ngoUser("org_a"), f.event.ID, reg("org_a", "ada@example.org"), "r-1")
	if err != nil {
		t.Fatal(err)
	}
	// The retry would break the quota and the one-person rule if it were run again.
	b, err := f.svc.RegisterParticipant(ctx, ngoUser("org_a"), f.event.ID, reg("org_a", "ada@example.org"), "r-1")
	if err != nil || b.ID != a.ID {
		t.Fatalf("retry: %v, %s vs %s", err, b.ID, a.ID)
	}
	// Request ids belong to their caller: another user's same id is a new request.
	if _, err := f.svc.RegisterParticipant(ctx, officer, f.event.ID, reg("org_a", "bob@example.org"), "r-1"); domain.ReasonOf(err) != domain.ReasonQuotaExceeded {
		t.Fatalf("another caller's request: %v", err)
	}
}

func TestUpdateEvent(t *testing.T) {
	tests := []struct {
		name   string
		fields []string
		etag   func(e domain.Event) string
		patch  func(*domain.Event)
		before func(*fixture)
		kind   domain.ErrorKind
	}{
		{name: "title", fields: []string{"title"}, patch: func(e *domain.Event) { e.Title = "Renamed" }},
		{name: "missing-etag-400", fields: []string{"title"}, etag: func(domain.Event) string { return "" }, kind: domain.KindInvalid},
		{name: "unknown-field-400", fields: []string{"state"}, kind: domain.KindInvalid},
		{name: "no-fields-400", fields: nil, kind: domain.KindInvalid},
		{name: "stale-etag-409", fields: []string{"title"}, etag: func(domain.Event) string { return `"e0"` }, kind: domain.KindStale},
		{name: "result-ends-before-start-400", fields: []string{"end_time"}, patch: func(e *domain.Event) { e.End = e.Start.Add(-time.Hour) }, kind: domain.KindInvalid},
		{name: "own-parent-400", fields: []string{"parent_event_id"}, patch: func(e *domain.Event) { e.ParentEventID = e.ID }, kind: domain.KindInvalid},
		{name: "missing-parent-400", fields: []string{"parent_event_id"}, patch: func(e *domain.Event) { e.ParentEventID = "evt_nowhere" }, kind: domain.KindInvalid},
		{name: "capacity-below-confirmed-412", fields: []string{"capacity"}, patch: func(e *domain.Event) { e.Capacity = 1 },
			before: func(f *fixture) {
				for _, m := range []string{"a@example.org", "b@example.org"} {
					if _, err := f.svc.RegisterParticipant(context.Background(), officer, f.event.ID, reg("org_a", m), ""); err != nil {
						panic(err)
					}
				}
			}, kind: domain.KindRefused},
		{name: "cancelled-event-412", fields: []string{"title"},
			before: func(f *fixture) {
				_, _ = f.svc.CancelEvent(context.Background(), officer, f.event.ID, "", "called off", "")
			}, kind: domain.KindRefused},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, nil)
			if tc.before != nil {
				tc.before(f)
			}
			cur, _ := f.store.GetEvent(context.Background(), f.event.ID)
			patch := cur
			if tc.patch != nil {
				tc.patch(&patch)
			}
			etag := cur.Etag()
			if tc.etag != nil {
				etag = tc.etag(cur)
			}
			got, err := f.svc.UpdateEvent(context.Background(), officer, patch, tc.fields, etag)
			if domain.KindOf(err) != tc.kind {
				t.Fatalf("error %v, want kind %v", err, tc.kind)
			}
			if err == nil && (got.Title != "Renamed" || got.Etag() == cur.Etag()) {
				t.Fatalf("updated %+v", got)
			}
		})
	}
}

func TestProposeSideEvent(t *testing.T) {
	proposal := func(org string) domain.SideEventProposal {
		return domain.SideEventProposal{OrganizationID: org, Title: "Dignity online", Description: "d", TimeZone: "America/New_York",
			PreferredStart: time.Date(2021, 9, 22, 15, 0, 0, 0, time.UTC), PreferredEnd: time.Date(2021, 9, 22, 16, 0, 0, 0, time.UTC)}
	}
	tests := []struct {
		name   string
		actor  Actor
		status domain.StatusState
		down   bool
		kind   domain.ErrorKind
	}{
		{"active-ngo", ngoUser("org_a"), domain.StatusActive, false, 0},
		{"officer-cannot-propose-403", officer, domain.StatusActive, false, domain.KindForbidden},
		{"no-status-412", ngoUser("org_a"), domain.StatusNone, false, domain.KindRefused},
		{"suspended-412", ngoUser("org_a"), domain.StatusSuspended, false, domain.KindRefused},
		{"status-unknown-503", ngoUser("org_a"), 0, true, domain.KindUnavailable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, nil)
			f.status.states["org_a"], f.status.down = tc.status, tc.down
			p, err := f.svc.ProposeSideEvent(context.Background(), tc.actor, f.event.ID, proposal("org_a"), "")
			if domain.KindOf(err) != tc.kind {
				t.Fatalf("error %v, want kind %v", err, tc.kind)
			}
			if err == nil && p.State != domain.ProposalProposed {
				t.Fatalf("proposal %+v", p)
			}
		})
	}
}

func TestPageTokens(t *testing.T) {
	f := OwnedFilter{EventID: "evt_1"}
	tok := encodePageToken(Cursor{Seq: 42}, f)
	c, err := decodePageToken(tok, f)
	if err != nil || c.Seq != 42 {
		t.Fatalf("round trip: %v %v", c, err)
	}
	tampered := []byte(tok)
	tampered[3] ^= 1
	for name, tc := range map[string]struct {
		tok    string
		filter any
	}{
		"tampered":      {string(tampered), f},
		"other-filters": {tok, OwnedFilter{EventID: "evt_2"}},
		"garbage":       {"not-a-token", f},
	} {
		if _, err := decodePageToken(tc.tok, tc.filter); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("%s: %v", name, err)
		}
	}
	for in, want := range map[int]int{0: 50, -1: 50, 10: 10, 500: 500, 501: 500} {
		if got := pageSize(in); got != want {
			t.Errorf("pageSize(%d) = %d", in, got)
		}
	}
}

func TestActorScope(t *testing.T) {
	tests := []struct {
		name      string
		actor     Actor
		requested string
		want      string
		forbidden bool
	}{
		{"officer-sees-all", officer, "", "", false},
		{"officer-filters", officer, "org_b", "org_b", false},
		{"ngo-sees-own", ngoUser("org_a"), "", "org_a", false},
		{"ngo-asks-own", ngoUser("org_a"), "org_a", "org_a", false},
		{"ngo-asks-other-403", ngoUser("org_a"), "org_b", "", true},
		{"committee-403", Actor{Subject: "c", Roles: []string{"committee"}}, "", "", true},
	}
	for _, tc := range tests {
		got, err := tc.actor.scope(tc.requested)
		if (err != nil) != tc.forbidden || got != tc.want {
			t.Errorf("%s: %q %v", tc.name, got, err)
		}
	}
}

// An ngo user whose token names no organization yet lists nothing: an empty page, not every
// organization's registrations and not an error it could not act on.
func TestNGOWithoutOrganizationListsNothing(t *testing.T) {
	f := setup(t, nil)
	if _, err := f.svc.RegisterParticipant(context.Background(), ngoUser("org_a"), f.event.ID, reg("org_a", "a@example.org"), ""); err != nil {
		t.Fatal(err)
	}
	newcomer := Actor{Subject: "newcomer", Roles: []string{RoleNGO}}
	list, err := f.svc.ListRegistrations(context.Background(), newcomer, OwnedFilter{EventID: f.event.ID}, 10, "")
	if err != nil || len(list.Registrations) != 0 {
		t.Fatalf("an ngo user with no organization: %d registrations, %v; want an empty page", len(list.Registrations), err)
	}
	if _, err := f.svc.ListProposals(context.Background(), newcomer, OwnedFilter{EventID: "evt_missing"}, 10, ""); domain.KindOf(err) != domain.KindNotFound {
		t.Fatalf("an unknown event: %v, want not found", err)
	}
}
