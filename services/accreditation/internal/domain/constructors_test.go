package domain

import (
	"errors"
	"testing"
)

func TestNewApplicationRefusals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		org   string
		kind  Kind
		cat   Category
		field string
	}{
		{"no organization", "", KindNew, CategoryGeneral, "application.organization_id"},
		{"unknown kind", "org", Kind("MERGER"), CategoryGeneral, "application.kind"},
		{"no category", "org", KindNew, CategoryNone, "application.requested_category"},
		{"unknown category", "org", KindNew, Category("OBSERVER"), "application.requested_category"},
	}
	for _, tt := range tests {
		_, err := NewApplication("app", tt.org, tt.kind, tt.cat, Questionnaire{}, t0)
		var ie *InvalidError
		if !errors.As(err, &ie) || ie.Fields[0].Field != tt.field {
			t.Errorf("%s: %v, want a violation on %s", tt.name, err, tt.field)
		}
	}
	a, err := NewApplication("app", "org", "", CategoryRoster, Questionnaire{}, t0)
	if err != nil || a.Kind != KindNew || a.State != StateDraft {
		t.Fatalf("defaults: %+v %v", a, err)
	}
}

func TestNewCommitteeSessionRefusals(t *testing.T) {
	t.Parallel()
	start, end := NewDate(2028, 1, 24), NewDate(2028, 2, 2)
	tests := []struct {
		name       string
		title      string
		kind       SessionKind
		start, end Date
		field      string
	}{
		{"no name", " ", SessionRegular, start, end, "committee_session.name"},
		{"no kind", "2028 regular", "", start, end, "committee_session.kind"},
		{"partial start", "2028 regular", SessionRegular, Date{Year: 2028}, end, "committee_session.start_date"},
		{"no end", "2028 regular", SessionRegular, start, Date{}, "committee_session.end_date"},
		{"ends before it starts", "2028 regular", SessionRegular, end, start, "committee_session.end_date"},
	}
	for _, tt := range tests {
		_, err := NewCommitteeSession("ses", tt.title, tt.kind, tt.start, tt.end, nil, t0)
		var ie *InvalidError
		if !errors.As(err, &ie) || ie.Fields[0].Field != tt.field {
			t.Errorf("%s: %v, want a violation on %s", tt.name, err, tt.field)
		}
	}
	s, err := NewCommitteeSession("ses", "2028 regular", SessionRegular, start, end, nil, t0)
	if err != nil || s.Ended(NewDate(2028, 2, 2)) || !s.Ended(NewDate(2028, 2, 3)) {
		t.Fatalf("session %+v %v", s, err)
	}
}

func TestDraftsAreTheOrganizations(t *testing.T) {
	t.Parallel()
	draft := Application{OrganizationID: "org_a", State: StateDraft}
	submitted := Application{OrganizationID: "org_a", State: StateSubmitted}
	committee := Actor{Subject: "c", Roles: []string{RoleCommittee}}
	tests := []struct {
		app   Application
		actor Actor
		see   bool
	}{
		{draft, ngo, true},
		{draft, officer, true},
		{draft, committee, false},
		{submitted, committee, true},
	}
	for _, tt := range tests {
		if got := VisibleTo(tt.app, tt.actor); got != tt.see {
			t.Errorf("%s sees a %s application: %v, want %v", tt.actor.Subject, tt.app.State, got, tt.see)
		}
	}
}
