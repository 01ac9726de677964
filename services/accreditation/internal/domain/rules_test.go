package domain

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestReviewCycleYear(t *testing.T) {
	t.Parallel()
	tests := []struct {
		received Date
		want     int
	}{
		{NewDate(2027, 1, 1), 2028},
		{NewDate(2027, 5, 31), 2028},
		{NewDate(2027, 6, 1), 2028}, // on the deadline counts
		{NewDate(2027, 6, 2), 2029},
		{NewDate(2027, 12, 31), 2029},
	}
	for _, tt := range tests {
		if got := ReviewCycleYear(tt.received); got != tt.want {
			t.Errorf("ReviewCycleYear(%s) = %d, want %d", tt.received, got, tt.want)
		}
	}
}

func TestSubmitUsesHeadquartersDate(t *testing.T) {
	t.Parallel()
	// 03:00 UTC on 2 June is still 1 June in New York: in time for the next cycle.
	a := completeApplication()
	if _, err := a.Submit(ngo, oldOrg, time.Date(2027, 6, 2, 3, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if a.ReviewCycleYear != 2028 {
		t.Fatalf("review cycle %d, want 2028", a.ReviewCycleYear)
	}
}

func TestCheckExistence(t *testing.T) {
	t.Parallel()
	received := NewDate(2027, 3, 10)
	tests := []struct {
		name    string
		founded Date
		ok      bool
	}{
		{"exactly two years", NewDate(2025, 3, 10), true},
		{"one day short", NewDate(2025, 3, 11), false},
		{"long ago", NewDate(1990, 1, 1), true},
		{"year only, latest possible day counts", Date{Year: 2025}, false},
		{"year only, old enough", Date{Year: 2024}, true},
		{"month known, end of month counts", Date{Year: 2025, Month: 3}, false},
		{"month known, old enough", Date{Year: 2025, Month: 2}, true},
		{"unknown founding date", Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := CheckExistence(Organization{FoundedOn: tt.founded}, received)
			if (v == nil) != tt.ok {
				t.Fatalf("CheckExistence(%s) = %+v, want ok=%v", tt.founded, v, tt.ok)
			}
		})
	}
}

func TestCheckSubmissionListsEverythingMissing(t *testing.T) {
	t.Parallel()
	a, _ := NewApplication("app", "org", KindNew, CategoryRoster, Questionnaire{AimsAndPurposes: "x", FundingSources: "  "}, t0)
	a.Documents = []Document{{Kind: DocFinancialStatement}, {Kind: DocOther}}
	young := Organization{FoundedOn: NewDate(2026, 1, 1)}
	err := CheckSubmission(a, young, NewDate(2027, 3, 10))
	var pe *PreconditionError
	if !errors.As(err, &pe) || pe.Reason != "INCOMPLETE" {
		t.Fatalf("err = %v", err)
	}
	var subjects []string
	for _, v := range pe.Violations {
		subjects = append(subjects, v.Subject)
	}
	want := []string{
		"questionnaire.main_activities", "questionnaire.governance_structure", "questionnaire.funding_sources",
		"questionnaire.un_contributions", "DOCUMENT_KIND_CONSTITUTION", "DOCUMENT_KIND_REGISTRATION_CERTIFICATE", "founded_on",
	}
	if !slices.Equal(subjects, want) {
		t.Fatalf("violations %v\nwant %v", subjects, want)
	}
}

func TestCheckSubmissionTooRecentAlone(t *testing.T) {
	t.Parallel()
	a := completeApplication()
	_, err := a.Submit(ngo, Organization{FoundedOn: NewDate(2026, 1, 1)}, t0)
	var pe *PreconditionError
	if !errors.As(err, &pe) || pe.Reason != "TOO_RECENT" || len(pe.Violations) != 1 {
		t.Fatalf("err = %#v", err)
	}
	if a.State != StateDraft {
		t.Fatalf("state %s", a.State)
	}
}

func TestCheckMayApply(t *testing.T) {
	t.Parallel()
	today := NewDate(2030, 6, 1)
	active := Status{State: StatusActive, Category: CategorySpecial}
	tests := []struct {
		name   string
		kind   Kind
		cat    Category
		status Status
		reason string // "" = allowed
	}{
		{"new, no status", KindNew, CategoryGeneral, NoStatus("o"), ""},
		{"new, active", KindNew, CategoryGeneral, active, "STATUS_HELD"},
		{"new, suspended", KindNew, CategoryGeneral, Status{State: StatusSuspended, Category: CategorySpecial}, "STATUS_HELD"},
		{"new, withdrawn under 2008/4 2 years ago", KindNew, CategoryGeneral, Status{State: StatusWithdrawn, WithdrawnOn: NewDate(2028, 6, 2), Reason: ReasonReporting}, "REAPPLY_WAIT"},
		{"new, withdrawn under 2008/4 exactly 3 years ago", KindNew, CategoryGeneral, Status{State: StatusWithdrawn, WithdrawnOn: NewDate(2027, 6, 1), Reason: ReasonReporting}, ""},
		{"new, withdrawn at its own request 2 years ago", KindNew, CategoryGeneral, Status{State: StatusWithdrawn, WithdrawnOn: NewDate(2028, 6, 2), Reason: ReasonOrganizationRequest}, ""},
		{"new, withdrawn as it ceased to exist", KindNew, CategoryGeneral, Status{State: StatusWithdrawn, WithdrawnOn: NewDate(2028, 6, 2), Reason: ReasonCeasedToExist}, ""},
		{"reclassification, active other category", KindReclassification, CategoryGeneral, active, ""},
		{"reclassification, same category", KindReclassification, CategorySpecial, active, "SAME_CATEGORY"},
		{"reclassification, no status", KindReclassification, CategoryGeneral, NoStatus("o"), "NO_ACTIVE_STATUS"},
		{"reclassification, suspended", KindReclassification, CategoryGeneral, Status{State: StatusSuspended, Category: CategorySpecial}, "NO_ACTIVE_STATUS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := CheckMayApply(tt.kind, tt.cat, tt.status, today)
			if tt.reason == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var pe *PreconditionError
			if !errors.As(err, &pe) || pe.Reason != tt.reason {
				t.Fatalf("err = %v, want %s", err, tt.reason)
			}
		})
	}
}

func TestAuthorize(t *testing.T) {
	t.Parallel()
	other := Actor{Subject: "u2", Roles: []string{RoleNGO}, Org: "org_b"}
	committee := Actor{Subject: "c", Roles: []string{RoleCommittee}}
	system := Actor{Subject: "s", Roles: []string{RoleSystem}}
	type want int
	const (
		ok want = iota
		notFound
		denied
		unauth
	)
	tests := []struct {
		action Action
		actor  Actor
		want   want
	}{
		{ActionCreate, ngo, ok},
		{ActionCreate, other, denied},
		{ActionCreate, officer, ok},
		{ActionCreate, committee, denied},
		{ActionCreate, Actor{}, unauth},
		{ActionRead, ngo, ok},
		{ActionRead, other, notFound},
		{ActionRead, committee, ok},
		{ActionRead, system, denied},
		{ActionReadHistory, ngo, ok},
		{ActionReadHistory, committee, denied},
		{ActionReadHistory, other, notFound},
		{ActionUpdate, ngo, ok},
		{ActionUpdate, other, notFound},
		{ActionUpdate, officer, denied},
		{ActionSubmit, ngo, ok},
		{ActionSubmit, officer, denied},
		{ActionAddDocument, ngo, ok},
		{ActionAnswerQuestion, ngo, ok},
		{ActionAnswerQuestion, committee, denied},
		{ActionWithdraw, ngo, ok},
		{ActionWithdraw, other, notFound},
		{ActionScreen, officer, ok},
		{ActionScreen, ngo, denied},
		{ActionScreen, committee, denied},
		{ActionSchedule, officer, ok},
		{ActionRecordOutcome, officer, ok},
		{ActionRecordOutcome, committee, denied},
		{ActionRecordDecision, officer, ok},
		{ActionRecordDecision, ngo, denied},
		{ActionPoseQuestion, committee, ok},
		{ActionPoseQuestion, officer, ok},
		{ActionPoseQuestion, ngo, denied},
		{ActionPoseQuestion, other, notFound},
		{ActionCloseNoAnswer, system, ok},
		{ActionCloseNoAnswer, officer, ok},
		{ActionCloseNoAnswer, committee, denied},
	}
	for _, tt := range tests {
		err := Authorize(tt.action, tt.actor, "org_a", "app_1")
		var got want
		var nf *NotFoundError
		var pd *PermissionError
		var ua *UnauthenticatedError
		switch {
		case err == nil:
			got = ok
		case errors.As(err, &nf):
			got = notFound
		case errors.As(err, &pd):
			got = denied
		case errors.As(err, &ua):
			got = unauth
		default:
			t.Fatalf("%s by %v: unexpected %v", tt.action, tt.actor, err)
		}
		if got != tt.want {
			t.Errorf("%s by %+v: got %d (%v), want %d", tt.action, tt.actor, got, err, tt.want)
		}
	}
}

func TestQuestionSimilarity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b   string
		repeat bool
	}{
		{"Please provide your budget for 2026.", "please provide your budget for 2026", true},
		{"Please provide your  budget, for 2026!", "PLEASE PROVIDE YOUR BUDGET FOR 2026", true},
		{"Please provide your budget for 2026.", "Kindly provide your budget for 2026.", true},
		{"Please provide your budget for 2026.", "Please list your projects in Africa.", false},
		{"Who are your members?", "Who funds your activities?", false},
	}
	for _, tt := range tests {
		got := QuestionSimilarity(tt.a, tt.b) >= repeatThreshold
		if got != tt.repeat {
			t.Errorf("%q vs %q: similarity %.2f, repeat=%v want %v", tt.a, tt.b, QuestionSimilarity(tt.a, tt.b), got, tt.repeat)
		}
	}
}
