package domain

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var (
	t0      = time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)
	ngo     = Actor{Subject: "u-ngo", Roles: []string{RoleNGO}, Org: "org_a"}
	officer = Actor{Subject: "u-off", Roles: []string{RoleOfficer}}
	session = CommitteeSession{ID: "ses_1", Name: "2028 regular session", Kind: SessionRegular,
		StartDate: NewDate(2028, 1, 22), EndDate: NewDate(2028, 1, 31), Members: []Member{
			{Code: "CN", Name: "China", TermStart: NewDate(2027, 1, 1), TermEnd: NewDate(2030, 12, 31)},
			{Code: "GB", Name: "United Kingdom", TermStart: NewDate(2027, 1, 1), TermEnd: NewDate(2030, 12, 31)}}}
	// tIn is a moment during the session.
	tIn    = time.Date(2028, 1, 23, 15, 0, 0, 0, time.UTC)
	oldOrg = Organization{ID: "org_a", FoundedOn: NewDate(2001, 5, 1)}
)

func completeApplication() Application {
	a, err := NewApplication("app_1", "org_a", KindNew, CategorySpecial, Questionnaire{
		AimsAndPurposes: "a", MainActivities: "b", GovernanceStructure: "c", FundingSources: "d", UNContributions: "e",
	}, t0)
	if err != nil {
		panic(err)
	}
	for i, k := range RequiredDocuments {
		a.Documents = append(a.Documents, Document{ID: string(rune('a' + i)), Kind: k})
	}
	return a
}

func inState(s State) Application {
	a := completeApplication()
	a.State = s
	a.ReviewCycleYear = 2028
	a.SubmitTime = t0
	if s == StateDeferred {
		a.SessionID = session.ID
		a.Questions = []Question{{ID: "q1", Text: "Why?", AskedBy: "GB", SessionID: session.ID, AskedTime: t0}}
	}
	if s == StatePendingCommittee {
		a.SessionID = session.ID
	}
	return a
}

// doStep takes action on a with valid inputs, so that only the state decides.
func doStep(a *Application, action Action) (Event, error) {
	switch action {
	case ActionUpdate:
		return a.Edit(ngo, CategoryGeneral, a.Questionnaire, t0)
	case ActionAddDocument:
		return a.AttachDocument(ngo, Document{ID: "d9", Kind: DocOther}, t0)
	case ActionSubmit:
		return a.Submit(ngo, oldOrg, t0)
	case ActionScreen:
		return a.Screen(officer, true, "", t0)
	case ActionSchedule:
		return a.Schedule(officer, session, t0)
	case ActionPoseQuestion:
		return a.PoseQuestion(officer, "q2", "What is your budget?", "CN", session, t0)
	case ActionAnswerQuestion:
		return a.AnswerQuestion(ngo, "q1", "Here.", t0)
	case ActionRecordOutcome:
		return a.RecordOutcome(officer, OutcomeRecommend, CategorySpecial, session, "", CategoryNone, nil, tIn)
	case ActionRecordDecision:
		return a.RecordDecision(officer, DecisionGrant, "E/2028/32", "", Date{}, t0)
	case ActionWithdraw:
		return a.Withdraw(ngo, "", t0)
	case ActionCloseNoAnswer:
		return a.CloseForNoAnswer(officer, session.ID, "rule", t0)
	}
	panic(action)
}

func TestEveryStepFromEveryState(t *testing.T) {
	t.Parallel()
	for _, action := range stepOrder {
		for _, from := range AllStates {
			t.Run(string(action)+"/"+string(from), func(t *testing.T) {
				t.Parallel()
				a := inState(from)
				ev, err := doStep(&a, action)
				if CanTake(action, from) {
					if err != nil {
						t.Fatalf("%s from %s: %v", action, from, err)
					}
					if ev.Action != action || ev.From != from || ev.To != a.State || ev.Actor.Subject == "" {
						t.Errorf("event = %+v, state now %s", ev, a.State)
					}
					return
				}
				var pe *PreconditionError
				if !errors.As(err, &pe) || pe.Reason != "ILLEGAL_TRANSITION" {
					t.Fatalf("%s from %s: err = %v, want ILLEGAL_TRANSITION", action, from, err)
				}
				if !strings.Contains(pe.Message, string(from)) {
					t.Errorf("message %q does not name the state", pe.Message)
				}
				if a.State != from {
					t.Errorf("state moved to %s on a refusal", a.State)
				}
			})
		}
	}
}

func TestTransitionTargets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		from State
		do   func(a *Application) (Event, error)
		want State
	}{
		{"submit draft", StateDraft, func(a *Application) (Event, error) { return a.Submit(ngo, oldOrg, t0) }, StateSubmitted},
		{"resubmit returned", StateReturned, func(a *Application) (Event, error) { return a.Submit(ngo, oldOrg, t0) }, StateSubmitted},
		{"screen complete", StateSubmitted, func(a *Application) (Event, error) { return a.Screen(officer, true, "", t0) }, StatePendingCommittee},
		{"screen incomplete", StateSubmitted, func(a *Application) (Event, error) { return a.Screen(officer, false, "no statute", t0) }, StateReturned},
		{"schedule keeps state", StatePendingCommittee, func(a *Application) (Event, error) { return a.Schedule(officer, session, t0) }, StatePendingCommittee},
		{"schedule deferred keeps state", StateDeferred, func(a *Application) (Event, error) { return a.Schedule(officer, session, t0) }, StateDeferred},
		{"question defers", StatePendingCommittee, func(a *Application) (Event, error) {
			return a.PoseQuestion(officer, "q2", "Budget?", "CN", session, t0)
		}, StateDeferred},
		{"last answer returns to committee", StateDeferred, func(a *Application) (Event, error) { return a.AnswerQuestion(ngo, "q1", "x", t0) }, StatePendingCommittee},
		{"recommend", StatePendingCommittee, func(a *Application) (Event, error) {
			return a.RecordOutcome(officer, OutcomeRecommend, CategoryRoster, session, "", CategoryNone, nil, tIn)
		}, StateRecommended},
		{"defer", StatePendingCommittee, func(a *Application) (Event, error) {
			return a.RecordOutcome(officer, OutcomeDefer, CategoryNone, session, "", CategoryNone, []NewQuestion{{ID: "q9", Text: "Budget?", AskedBy: "CN"}}, tIn)
		}, StateDeferred},
		{"close", StateDeferred, func(a *Application) (Event, error) {
			return a.RecordOutcome(officer, OutcomeClose, CategoryNone, session, "", CategoryNone, nil, tIn)
		}, StateClosed},
		{"not recommend", StatePendingCommittee, func(a *Application) (Event, error) {
			return a.RecordOutcome(officer, OutcomeNotRecommend, CategoryNone, session, "", CategoryNone, nil, tIn)
		}, StateNotRecommended},
		{"grant", StateRecommended, func(a *Application) (Event, error) {
			return a.RecordDecision(officer, DecisionGrant, "E/1", "", Date{}, t0)
		}, StateGranted},
		{"grant over non-recommendation", StateNotRecommended, func(a *Application) (Event, error) {
			return a.RecordDecision(officer, DecisionGrant, "E/1", "", Date{}, t0)
		}, StateGranted},
		{"reject", StateRecommended, func(a *Application) (Event, error) {
			return a.RecordDecision(officer, DecisionReject, "E/1", "", Date{}, t0)
		}, StateRejected},
		{"refer back", StateRecommended, func(a *Application) (Event, error) {
			return a.RecordDecision(officer, DecisionReferBack, "E/1", "", Date{}, t0)
		}, StatePendingCommittee},
		{"withdraw draft", StateDraft, func(a *Application) (Event, error) { return a.Withdraw(ngo, "", t0) }, StateWithdrawn},
		{"withdraw recommended", StateRecommended, func(a *Application) (Event, error) { return a.Withdraw(ngo, "", t0) }, StateWithdrawn},
		{"close for no answer", StateDeferred, func(a *Application) (Event, error) { return a.CloseForNoAnswer(officer, "ses_1", "48h", t0) }, StateClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := inState(tt.from)
			ev, err := tt.do(&a)
			if err != nil {
				t.Fatal(err)
			}
			if a.State != tt.want || ev.To != tt.want || ev.From != tt.from {
				t.Fatalf("state %s, event %s->%s; want %s->%s", a.State, ev.From, ev.To, tt.from, tt.want)
			}
			if a.State.Final() != !a.FinalTime.IsZero() {
				t.Errorf("final %v but FinalTime %v", a.State.Final(), a.FinalTime)
			}
		})
	}
}

func TestStepRefusals(t *testing.T) {
	t.Parallel()
	ended := session
	ended.EndDate = NewDate(2027, 1, 31)
	early := session
	early.StartDate, early.EndDate = NewDate(2027, 5, 20), NewDate(2027, 5, 30)
	answered := inState(StateDeferred)
	answered.Questions = append(answered.Questions, Question{ID: "q0", AnswerTime: t0})
	reclass := inState(StatePendingCommittee)
	reclass.Kind = KindReclassification
	unscheduled := inState(StatePendingCommittee)
	unscheduled.SessionID = ""

	tests := []struct {
		name       string
		app        Application
		do         func(a *Application) (Event, error)
		wantReason string // PreconditionError reason, or "" for other kinds
		wantErr    any
	}{
		{"incomplete screen without notes", inState(StateSubmitted), func(a *Application) (Event, error) { return a.Screen(officer, false, " ", t0) }, "", &InvalidError{}},
		{"schedule ended session", inState(StatePendingCommittee), func(a *Application) (Event, error) { return a.Schedule(officer, ended, t0) }, "SESSION_ENDED", nil},
		{"schedule before review cycle", inState(StatePendingCommittee), func(a *Application) (Event, error) { return a.Schedule(officer, early, t0) }, "BEFORE_REVIEW_CYCLE", nil},
		{"question without session", unscheduled, func(a *Application) (Event, error) {
			return a.PoseQuestion(officer, "q", "x?", "GB", CommitteeSession{}, t0)
		}, "NOT_SCHEDULED", nil},
		{"question without text", inState(StatePendingCommittee), func(a *Application) (Event, error) { return a.PoseQuestion(officer, "q", " ", "GB", session, t0) }, "", &InvalidError{}},
		{"question bad state code", inState(StatePendingCommittee), func(a *Application) (Event, error) { return a.PoseQuestion(officer, "q", "x?", "gbr", session, t0) }, "", &InvalidError{}},
		{"answer unknown question", inState(StateDeferred), func(a *Application) (Event, error) { return a.AnswerQuestion(ngo, "nope", "x", t0) }, "", &NotFoundError{}},
		{"answer twice", answered, func(a *Application) (Event, error) { return a.AnswerQuestion(ngo, "q0", "x", t0) }, "ALREADY_ANSWERED", nil},
		{"answer blank", inState(StateDeferred), func(a *Application) (Event, error) { return a.AnswerQuestion(ngo, "q1", "", t0) }, "", &InvalidError{}},
		{"recommend without category", inState(StatePendingCommittee), func(a *Application) (Event, error) {
			return a.RecordOutcome(officer, OutcomeRecommend, CategoryNone, session, "", CategoryNone, nil, tIn)
		}, "", &InvalidError{}},
		{"defer with category", inState(StatePendingCommittee), func(a *Application) (Event, error) {
			return a.RecordOutcome(officer, OutcomeDefer, CategoryGeneral, session, "", CategoryNone, nil, tIn)
		}, "", &InvalidError{}},
		{"reclassify to held category", reclass, func(a *Application) (Event, error) {
			return a.RecordOutcome(officer, OutcomeRecommend, CategoryRoster, session, "", CategoryRoster, nil, tIn)
		}, "SAME_CATEGORY", nil},
		{"decision without ref", inState(StateRecommended), func(a *Application) (Event, error) {
			return a.RecordDecision(officer, DecisionGrant, "", "", Date{}, t0)
		}, "", &InvalidError{}},
		{"edit to no category", inState(StateDraft), func(a *Application) (Event, error) { return a.Edit(ngo, CategoryNone, Questionnaire{}, t0) }, "", &InvalidError{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := tt.app
			before := a.State
			_, err := tt.do(&a)
			if err == nil {
				t.Fatal("accepted")
			}
			if tt.wantReason != "" {
				var pe *PreconditionError
				if !errors.As(err, &pe) || pe.Reason != tt.wantReason {
					t.Fatalf("err = %v, want reason %s", err, tt.wantReason)
				}
			} else {
				switch tt.wantErr.(type) {
				case *InvalidError:
					var e *InvalidError
					if !errors.As(err, &e) {
						t.Fatalf("err = %T %v, want InvalidError", err, err)
					}
				case *NotFoundError:
					var e *NotFoundError
					if !errors.As(err, &e) {
						t.Fatalf("err = %T %v, want NotFoundError", err, err)
					}
				}
			}
			if a.State != before {
				t.Errorf("state moved to %s on a refusal", a.State)
			}
		})
	}
}

func TestDeferralsCountOncePerSession(t *testing.T) {
	t.Parallel()
	a := inState(StatePendingCommittee)
	ses2, ses3 := session, session
	ses2.ID, ses3.ID = "ses_2", "ses_3"
	steps := []struct {
		do   func() error
		want int
	}{
		{func() error {
			_, err := a.PoseQuestion(officer, "q2", "What is your budget?", "CN", session, t0)
			return err
		}, 1},
		{func() error { _, err := a.PoseQuestion(officer, "q3", "Who funds you?", "GB", session, t0); return err }, 1},
		{func() error {
			_, err := a.RecordOutcome(officer, OutcomeDefer, CategoryNone, session, "", CategoryNone, nil, tIn)
			return err
		}, 1},
		{func() error {
			_, err := a.PoseQuestion(officer, "q4", "What is your budget??", "CN", ses2, t0)
			return err
		}, 2},
		{func() error {
			a.SessionID = ses3.ID
			_, err := a.RecordOutcome(officer, OutcomeDefer, CategoryNone, ses3, "", CategoryNone, []NewQuestion{{ID: "q5", Text: "Staff?", AskedBy: "GB"}}, tIn)
			return err
		}, 3},
	}
	for i, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if a.DeferralCount != s.want {
			t.Fatalf("after step %d deferral_count = %d, want %d", i, a.DeferralCount, s.want)
		}
	}
	if got := a.Questions[len(a.Questions)-2].RepeatsQuestionID; got != "q2" {
		t.Errorf("repeat of q2 flagged as %q", got)
	}
	if got := a.Questions[len(a.Questions)-3].RepeatsQuestionID; got != "" {
		t.Errorf("a new question flagged as repeating %q", got)
	}
}

func TestAnswerReturnsToCommitteeOnlyWhenAllAnswered(t *testing.T) {
	t.Parallel()
	a := inState(StateDeferred)
	a.Questions = append(a.Questions, Question{ID: "q2", Text: "More?", SessionID: session.ID, AskedTime: t0})
	if _, err := a.AnswerQuestion(ngo, "q1", "one", t0); err != nil {
		t.Fatal(err)
	}
	if a.State != StateDeferred {
		t.Fatalf("state %s with a question open", a.State)
	}
	if _, err := a.AnswerQuestion(ngo, "q2", "two", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if a.State != StatePendingCommittee || a.SessionID != session.ID {
		t.Fatalf("state %s session %q", a.State, a.SessionID)
	}
}

func TestDaysPending(t *testing.T) {
	t.Parallel()
	a := inState(StateDeferred)
	if got := a.DaysPending(t0.Add(49 * time.Hour)); got != 2 {
		t.Errorf("open: %d days, want 2", got)
	}
	a.FinalTime = t0.Add(10 * 24 * time.Hour)
	if got := a.DaysPending(t0.Add(400 * 24 * time.Hour)); got != 10 {
		t.Errorf("final: %d days, want 10 (frozen)", got)
	}
	if got := (Application{}).DaysPending(t0); got != 0 {
		t.Errorf("never submitted: %d", got)
	}
}
