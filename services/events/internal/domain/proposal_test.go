package domain

import (
	"testing"
	"time"
)

func proposal() *SideEventProposal {
	return &SideEventProposal{
		ID: "sep_1", EventID: "evt_1", OrganizationID: "org_a", OrganizationName: "Access Now",
		Title: "Human dignity online", Description: "A dialogue", TimeZone: "America/New_York",
		CoOrganizers:   []Organizer{{Name: "OHCHR"}},
		PreferredStart: time.Date(2021, 9, 22, 15, 0, 0, 0, time.UTC), PreferredEnd: time.Date(2021, 9, 22, 16, 15, 0, 0, time.UTC),
		State: ProposalProposed, OnlineURL: "https://example.org/live",
	}
}

func TestProposalValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*SideEventProposal)
		field string
	}{
		{"valid", func(*SideEventProposal) {}, ""},
		{"no-title", func(p *SideEventProposal) { p.Title = "" }, "side_event_proposal.title"},
		{"no-description", func(p *SideEventProposal) { p.Description = "" }, "side_event_proposal.description"},
		{"ends-before-start", func(p *SideEventProposal) { p.PreferredEnd = p.PreferredStart }, "side_event_proposal.preferred_end_time"},
		{"abbreviated-zone", func(p *SideEventProposal) { p.TimeZone = "AST" }, "side_event_proposal.time_zone"},
		{"bad-url", func(p *SideEventProposal) { p.RegistrationURL = "mailto:x@y" }, "side_event_proposal.registration_url"},
		{"unnamed-co-organizer", func(p *SideEventProposal) { p.CoOrganizers = []Organizer{{}} }, "side_event_proposal.co_organizers[0].name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := proposal()
			tc.edit(p)
			checkField(t, p.Validate(), tc.field)
		})
	}
}

func TestCheckCanHostSideEvent(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*Event)
		reason string
	}{
		{"scheduled-meeting-ok", func(*Event) {}, ""},
		{"side-event-cannot-host", func(e *Event) { e.Kind = KindSideEvent }, ReasonNotAMeeting},
		{"cancelled", func(e *Event) { e.State = EventCancelled }, ReasonEventCancelled},
		{"ended", func(e *Event) { e.Start = t0.Add(-2 * time.Hour); e.End = t0.Add(-time.Hour) }, ReasonEventEnded},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := meeting()
			tc.edit(e)
			if got := ReasonOf(CheckCanHostSideEvent(e, t0)); got != tc.reason {
				t.Fatalf("reason = %q, want %q", got, tc.reason)
			}
		})
	}
}

func TestCheckMayPropose(t *testing.T) {
	for s, want := range map[StatusState]string{StatusActive: "", StatusNone: ReasonStatusRequired, StatusSuspended: ReasonStatusRequired, StatusWithdrawn: ReasonStatusRequired} {
		if got := ReasonOf(CheckMayPropose(ConsultativeStatus{State: s})); got != want {
			t.Errorf("%v: reason %q, want %q", s, got, want)
		}
	}
}

func TestProposalApprove(t *testing.T) {
	p := proposal()
	ev, err := p.Approve(meeting(), ApprovalChoice{Venue: "Conference Room 11"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Kind != KindSideEvent || ev.ParentEventID != "evt_1" || !ev.Start.Equal(p.PreferredStart) || ev.Venue != "Conference Room 11" {
		t.Fatalf("side event %+v", ev)
	}
	if len(ev.Organizers) != 2 || ev.Organizers[0].OrganizationID != "org_a" || ev.Organizers[0].Name != "Access Now" || ev.Capacity != 0 {
		t.Fatalf("organizers %+v", ev.Organizers)
	}
	if err := ev.Validate(); err != nil {
		t.Fatalf("side event does not validate: %v", err)
	}
	other := time.Date(2021, 9, 23, 14, 0, 0, 0, time.UTC)
	ev, _ = p.Approve(meeting(), ApprovalChoice{Start: other, End: other.Add(time.Hour)}, t0)
	if !ev.Start.Equal(other) {
		t.Fatalf("officer's time not used: %v", ev.Start)
	}
	p.Approved("evt_2", t0)
	if p.State != ProposalApproved || p.SideEventID != "evt_2" {
		t.Fatalf("proposal %+v", p)
	}
	if _, err := p.Approve(meeting(), ApprovalChoice{}, t0); ReasonOf(err) != ReasonProposalDecided {
		t.Fatalf("second approval = %v", err)
	}
	cancelled := meeting()
	cancelled.State = EventCancelled
	if _, err := proposal().Approve(cancelled, ApprovalChoice{}, t0); ReasonOf(err) != ReasonEventCancelled {
		t.Fatalf("approval under cancelled meeting = %v", err)
	}
}

func TestProposalReject(t *testing.T) {
	p := proposal()
	if err := p.Reject(" ", t0); KindOf(err) != KindInvalid {
		t.Fatalf("reject without reason = %v", err)
	}
	if err := p.Reject("no room left", t0); err != nil || p.State != ProposalRejected || p.RejectionReason != "no room left" {
		t.Fatalf("reject = %v, %+v", err, p)
	}
	if err := p.Reject("again", t0); ReasonOf(err) != ReasonProposalDecided {
		t.Fatalf("second reject = %v", err)
	}
}
