package app_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// TestWholeLife drives one application from draft to a reinstated status,
// with the clock moved between steps, and checks the history and the
// change log it leaves.
func TestWholeLife(t *testing.T) {
	t.Parallel()
	for _, dialect := range []sqldb.Dialect{sqldb.SQLite, sqldb.Postgres} {
		t.Run(dialect.String(), func(t *testing.T) {
			t.Parallel()
			wholeLife(t, newFixtureOn(t, dialect))
		})
	}
}

func wholeLife(t *testing.T, f *fixture) {
	a := must(f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategorySpecial}))
	if a.State != domain.StateDraft || a.Kind != domain.KindNew {
		t.Fatalf("created %+v", a)
	}
	a = must(f.svc.UpdateApplication(ctx, ngoA, app.UpdateApplication{ID: a.ID, ETag: app.ETag(a.ID, a.Revision),
		Paths: []string{"questionnaire"}, Questionnaire: complete}))
	a = f.uploads(t, ngoA, a.ID)

	f.clock.Set(time.Date(2027, 5, 30, 12, 0, 0, 0, time.UTC))
	a = must(f.svc.Submit(ctx, ngoA, app.StepCommand{ID: a.ID, ETag: app.ETag(a.ID, a.Revision)}))
	if a.State != domain.StateSubmitted || a.ReviewCycleYear != 2028 {
		t.Fatalf("submitted %s cycle %d", a.State, a.ReviewCycleYear)
	}
	regular := f.session(t, "2028 regular session", domain.SessionRegular, domain.NewDate(2028, 1, 22))
	resumed := f.session(t, "2028 resumed session", domain.SessionResumed, domain.NewDate(2028, 5, 20))

	f.clock.Set(time.Date(2027, 7, 1, 12, 0, 0, 0, time.UTC))
	a = must(f.svc.Screen(ctx, officer, app.StepCommand{ID: a.ID}, true, "complete"))
	a = must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: a.ID}, regular.ID))
	if a.State != domain.StatePendingCommittee || a.SessionID != regular.ID {
		t.Fatalf("scheduled %s %s", a.State, a.SessionID)
	}

	f.clock.Set(time.Date(2028, 1, 23, 15, 0, 0, 0, time.UTC))
	a = must(f.svc.PoseQuestion(ctx, committee, app.PoseQuestion{StepCommand: app.StepCommand{ID: a.ID}, Text: "Please give your budget.", AskedBy: "CN"}))
	if a.State != domain.StateDeferred || a.DeferralCount != 1 || a.Questions[0].SessionID != regular.ID || a.Questions[0].AskedBy != "CN" {
		t.Fatalf("deferred %+v", a)
	}

	f.clock.Set(time.Date(2028, 3, 1, 12, 0, 0, 0, time.UTC))
	a = must(f.svc.Answer(ctx, ngoA, app.StepCommand{ID: a.ID}, a.Questions[0].ID, "Our budget is attached."))
	if a.State != domain.StatePendingCommittee {
		t.Fatalf("answered: %s", a.State)
	}
	a = must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: a.ID}, resumed.ID))

	f.clock.Set(time.Date(2028, 5, 21, 15, 0, 0, 0, time.UTC))
	a = must(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID}, Outcome: domain.OutcomeRecommend, Category: domain.CategorySpecial}))

	f.clock.Set(time.Date(2028, 7, 20, 15, 0, 0, 0, time.UTC))
	a = must(f.svc.RecordDecision(ctx, officer, app.RecordDecision{StepCommand: app.StepCommand{ID: a.ID}, Decision: domain.DecisionGrant,
		Ref: "E/2028/32", Effective: domain.NewDate(2028, 7, 20)}))
	if a.State != domain.StateGranted || a.DaysPending(f.clock.Now()) != 417 {
		t.Fatalf("granted %s, days pending %d", a.State, a.DaysPending(f.clock.Now()))
	}
	st := must(f.svc.ConsultativeStatus(ctx, "org_a"))
	if st.State != domain.StatusActive || st.Category != domain.CategorySpecial || st.NextReportDue != domain.NewDate(2032, 6, 1) {
		t.Fatalf("status %+v", st)
	}

	f.clock.Set(time.Date(2032, 6, 2, 15, 0, 0, 0, time.UTC))
	lists := must(f.svc.ProposeReportingLists(ctx, officer, domain.Date{}))
	if len(lists.Suspend) != 1 || lists.Suspend[0].OrganizationID != "org_a" {
		t.Fatalf("proposed %+v", lists)
	}
	if st := must(f.svc.ConsultativeStatus(ctx, "org_a")); st.State != domain.StatusActive {
		t.Fatalf("a proposal changed the status: %+v", st)
	}
	f.clock.Set(time.Date(2032, 7, 22, 15, 0, 0, 0, time.UTC))
	must(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2032/250", Date: domain.NewDate(2032, 7, 22),
		Entries: []domain.DecisionEntry{{Action: domain.DecisionActionSuspend, OrganizationID: "org_a", Reason: domain.ReasonReporting}}}, ""))
	if st := must(f.svc.ConsultativeStatus(ctx, "org_a")); st.State != domain.StatusSuspended || st.SuspendedUntil != domain.NewDate(2033, 7, 21) {
		t.Fatalf("suspended %+v", st)
	}

	f.clock.Set(time.Date(2032, 9, 1, 15, 0, 0, 0, time.UTC))
	filed := must(f.svc.SubmitReport(ctx, ngoA, app.SubmitReport{OrganizationID: "org_a", PeriodStart: 2028, PeriodEnd: 2031, Summary: "Four years of work."}))
	if filed.Status.State != domain.StatusSuspended || filed.Status.NextReportDue != domain.NewDate(2036, 6, 1) {
		t.Fatalf("after report %+v", filed.Status)
	}
	f.clock.Set(time.Date(2033, 7, 20, 15, 0, 0, 0, time.UTC))
	must(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2033/240", Date: domain.NewDate(2033, 7, 20),
		Entries: []domain.DecisionEntry{{Action: domain.DecisionActionReinstate, OrganizationID: "org_a"}}}, ""))

	var ae *domain.AlreadyExistsError
	if _, err := f.svc.SubmitReport(ctx, ngoA, app.SubmitReport{OrganizationID: "org_a", PeriodStart: 2028, PeriodEnd: 2031, Summary: "again"}); !errors.As(err, &ae) {
		t.Fatalf("the same period filed twice: %v", err)
	}
	var pe *domain.PreconditionError
	if _, err := f.svc.WithdrawStatus(ctx, ngoB, "org_b", "", `"x"`, ""); !errors.As(err, &pe) {
		t.Fatalf("withdrawing no status: %v", err)
	}

	page := must(f.svc.ListEvents(ctx, ngoA, a.ID, 0, ""))
	var steps []string
	for _, e := range page.Events {
		if e.Actor.Subject == "" || e.Time.IsZero() {
			t.Errorf("event without actor or time: %+v", e)
		}
		steps = append(steps, fmt.Sprintf("%s:%s>%s", e.Action, e.From, e.To))
	}
	want := "[CREATE:DRAFT>DRAFT UPDATE:DRAFT>DRAFT ADD_DOCUMENT:DRAFT>DRAFT ADD_DOCUMENT:DRAFT>DRAFT ADD_DOCUMENT:DRAFT>DRAFT " +
		"SUBMIT:DRAFT>SUBMITTED SCREEN:SUBMITTED>PENDING_COMMITTEE SCHEDULE:PENDING_COMMITTEE>PENDING_COMMITTEE " +
		"POSE_QUESTION:PENDING_COMMITTEE>DEFERRED ANSWER_QUESTION:DEFERRED>PENDING_COMMITTEE SCHEDULE:PENDING_COMMITTEE>PENDING_COMMITTEE " +
		"RECORD_OUTCOME:PENDING_COMMITTEE>RECOMMENDED RECORD_DECISION:RECOMMENDED>GRANTED]"
	if got := fmt.Sprint(steps); got != want {
		t.Fatalf("history\n got %s\nwant %s", got, want)
	}

	changes := must(f.store.ChangesAfter(ctx, 0, 10))
	var kinds []domain.ChangeKind
	for _, c := range changes {
		kinds = append(kinds, c.Kind)
	}
	if fmt.Sprint(kinds) != "[GRANTED SUSPENDED REPORT_FILED REINSTATED]" {
		t.Fatalf("change log %v", kinds)
	}
}

func TestSubmissionRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	young := domain.Actor{Subject: "yan", Roles: []string{domain.RoleNGO}, Org: "org_young"}
	a := must(f.svc.CreateApplication(ctx, young, app.CreateApplication{OrganizationID: "org_young", Category: domain.CategoryRoster, Questionnaire: complete}))
	f.uploads(t, young, a.ID)
	_, err := f.svc.Submit(ctx, young, app.StepCommand{ID: a.ID})
	var pe *domain.PreconditionError
	if !errors.As(err, &pe) || pe.Reason != "TOO_RECENT" {
		t.Fatalf("young organization: %v", err)
	}

	b := must(f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategoryGeneral}))
	_, err = f.svc.Submit(ctx, ngoA, app.StepCommand{ID: b.ID})
	if !errors.As(err, &pe) || pe.Reason != "INCOMPLETE" || len(pe.Violations) != 8 {
		t.Fatalf("incomplete: %v (%d violations)", err, len(pe.Violations))
	}
}

func TestOwnershipEtagAndRetries(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := must(f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategoryGeneral, RequestID: "req-1"}))
	again := must(f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategoryGeneral, RequestID: "req-1"}))
	if again.ID != a.ID {
		t.Fatalf("retried create made %s, first was %s", again.ID, a.ID)
	}
	var ae *domain.AlreadyExistsError
	if _, err := f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategoryGeneral, RequestID: "req-2"}); !errors.As(err, &ae) {
		t.Fatalf("second open application: %v", err)
	}

	var nf *domain.NotFoundError
	if _, err := f.svc.GetApplication(ctx, ngoB, a.ID); !errors.As(err, &nf) {
		t.Fatalf("another NGO read: %v", err)
	}
	if _, err := f.svc.Withdraw(ctx, ngoB, app.StepCommand{ID: a.ID}, ""); !errors.As(err, &nf) {
		t.Fatalf("another NGO withdrew: %v", err)
	}
	var pd *domain.PermissionError
	if _, err := f.svc.CreateApplication(ctx, ngoB, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategoryGeneral}); !errors.As(err, &pd) {
		t.Fatalf("applying for another organization: %v", err)
	}
	if _, err := f.svc.ListApplications(ctx, ngoB, app.ListApplications{OrganizationID: "org_a"}); !errors.As(err, &pd) {
		t.Fatalf("listing another organization's applications: %v", err)
	}
	if l := must(f.svc.ListApplications(ctx, ngoB, app.ListApplications{})); len(l.Applications) != 0 {
		t.Fatalf("ngo B sees %d applications", len(l.Applications))
	}

	stale := app.ETag(a.ID, a.Revision)
	a = must(f.svc.UpdateApplication(ctx, ngoA, app.UpdateApplication{ID: a.ID, ETag: stale, Paths: []string{"questionnaire.funding_sources"},
		Questionnaire: domain.Questionnaire{FundingSources: "dues"}}))
	if a.Questionnaire.FundingSources != "dues" {
		t.Fatalf("partial update: %+v", a.Questionnaire)
	}
	var ce *domain.ConflictError
	if _, err := f.svc.Submit(ctx, ngoA, app.StepCommand{ID: a.ID, ETag: stale}); !errors.As(err, &ce) {
		t.Fatalf("stale etag: %v", err)
	}
	var ie *domain.InvalidError
	if _, err := f.svc.UpdateApplication(ctx, ngoA, app.UpdateApplication{ID: a.ID}); !errors.As(err, &ie) {
		t.Fatalf("update without etag: %v", err)
	}
	if _, err := f.svc.UpdateApplication(ctx, ngoA, app.UpdateApplication{ID: a.ID, ETag: app.ETag(a.ID, a.Revision), Paths: []string{"state"}}); !errors.As(err, &ie) {
		t.Fatalf("update of state: %v", err)
	}

	// A retried step with the same request_id makes one transition and one history entry.
	f.uploads(t, ngoA, a.ID)
	a = must(f.svc.UpdateApplication(ctx, ngoA, app.UpdateApplication{ID: a.ID, ETag: `W/` + app.ETag(a.ID, a.Revision+3), Paths: []string{"questionnaire"}, Questionnaire: complete}))
	first := must(f.svc.Submit(ctx, ngoA, app.StepCommand{ID: a.ID, RequestID: "sub-1"}))
	second := must(f.svc.Submit(ctx, ngoA, app.StepCommand{ID: a.ID, RequestID: "sub-1", ETag: "stale-but-replayed"}))
	if first.Revision != second.Revision || second.State != domain.StateSubmitted {
		t.Fatalf("replayed submit: %d vs %d", first.Revision, second.Revision)
	}
	events := must(f.svc.ListEvents(ctx, officer, a.ID, 0, ""))
	submits := 0
	for _, e := range events.Events {
		if e.Action == domain.ActionSubmit {
			submits++
			if e.RequestID != "sub-1" {
				t.Errorf("submit entry request_id %q", e.RequestID)
			}
		}
	}
	if submits != 1 {
		t.Fatalf("%d submit entries", submits)
	}
}

func TestRegistryDown(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := must(f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategoryGeneral, Questionnaire: complete, RequestID: "c1"}))
	f.uploads(t, ngoA, a.ID)
	f.dir.setDown(true)
	var ue *domain.UnavailableError
	if _, err := f.svc.Submit(ctx, ngoA, app.StepCommand{ID: a.ID}); !errors.As(err, &ue) {
		t.Fatalf("submit with the registry down: %v", err)
	}
	if _, err := f.svc.CreateApplication(ctx, ngoB, app.CreateApplication{OrganizationID: "org_b", Category: domain.CategoryGeneral}); !errors.As(err, &ue) {
		t.Fatalf("create with the registry down: %v", err)
	}
	// A replay needs no registry.
	if _, err := f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategoryGeneral, RequestID: "c1"}); err != nil {
		t.Fatalf("replay with the registry down: %v", err)
	}
	var nf *domain.NotFoundError
	f.dir.setDown(false)
	if _, err := f.svc.CreateApplication(ctx, officer, app.CreateApplication{OrganizationID: "org_unknown", Category: domain.CategoryGeneral}); !errors.As(err, &nf) {
		t.Fatalf("unknown organization: %v", err)
	}
}
