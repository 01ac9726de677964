package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// deferredFor takes actor's new application to DEFERRED at session s.
func (f *fixture) deferredFor(t *testing.T, actor domain.Actor, s domain.CommitteeSession) domain.Application {
	t.Helper()
	a := f.submitted(t, actor, domain.CategorySpecial)
	must(f.svc.Screen(ctx, officer, app.StepCommand{ID: a.ID}, true, ""))
	must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: a.ID}, s.ID))
	return must(f.svc.PoseQuestion(ctx, committee, app.PoseQuestion{StepCommand: app.StepCommand{ID: a.ID}, Text: "Budget?", AskedBy: "CU"}))
}

func TestNoAnswerRule(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resumed := f.session(t, "2028 resumed", domain.SessionResumed, domain.NewDate(2028, 5, 20))
	silent := f.deferredFor(t, ngoA, resumed)
	answering := f.deferredFor(t, ngoB, resumed)
	must(f.svc.Answer(ctx, ngoB, app.StepCommand{ID: answering.ID}, answering.Questions[0].ID, "Here it is."))

	// The 48-hour deadline is 2028-05-18 04:00 UTC.
	f.clock.Set(time.Date(2028, 5, 18, 3, 0, 0, 0, time.UTC))
	var pe *domain.PreconditionError
	if _, err := f.svc.ApplyNoAnswerRule(ctx, officer, resumed.ID, false, ""); !errors.As(err, &pe) || pe.Reason != "DEADLINE_NOT_PASSED" {
		t.Fatalf("before the deadline: %v", err)
	}
	f.clock.Set(time.Date(2028, 5, 18, 5, 0, 0, 0, time.UTC))
	preview := must(f.svc.ApplyNoAnswerRule(ctx, officer, resumed.ID, true, ""))
	if len(preview.Closed) != 1 || preview.Closed[0].ID != silent.ID {
		t.Fatalf("preview %+v", preview)
	}
	if a := must(f.svc.GetApplication(ctx, officer, silent.ID)); a.State != domain.StateDeferred {
		t.Fatalf("validate_only changed the state to %s", a.State)
	}
	res := must(f.svc.ApplyNoAnswerRule(ctx, officer, resumed.ID, false, ""))
	if len(res.Closed) != 1 || res.Closed[0].State != domain.StateClosed || res.Rule == "" {
		t.Fatalf("applied %+v", res)
	}
	if again := must(f.svc.ApplyNoAnswerRule(ctx, officer, resumed.ID, false, "")); len(again.Closed) != 0 {
		t.Fatalf("second run closed %d", len(again.Closed))
	}
	// The organization may apply again: the closed application is final.
	must(f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategoryRoster}))
}

func TestJobsApplyTheRules(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resumed := f.session(t, "2028 resumed", domain.SessionResumed, domain.NewDate(2028, 5, 20))
	silent := f.deferredFor(t, ngoA, resumed)
	f.clock.Set(time.Date(2028, 5, 19, 12, 0, 0, 0, time.UTC))
	jobCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { f.svc.RunJobs(jobCtx, 0, time.Hour); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for must(f.svc.GetApplication(ctx, officer, silent.ID)).State != domain.StateClosed {
		if time.Now().After(deadline) {
			t.Fatal("the job did not close the application")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
	events := must(f.svc.ListEvents(ctx, officer, silent.ID, 0, ""))
	last := events.Events[len(events.Events)-1]
	if last.Action != domain.ActionCloseNoAnswer || last.Actor.Subject != "system:no-answer-rule" {
		t.Fatalf("last entry %+v", last)
	}
}

func grantedTo(t *testing.T, f *fixture, actor domain.Actor, cat domain.Category) domain.Application {
	t.Helper()
	ses := f.session(t, "session "+actor.Org, domain.SessionRegular, domain.NewDate(2028, 1, 22))
	a := f.submitted(t, actor, cat)
	must(f.svc.Screen(ctx, officer, app.StepCommand{ID: a.ID}, true, ""))
	must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: a.ID}, ses.ID))
	if inSession := time.Date(2028, 1, 23, 15, 0, 0, 0, time.UTC); f.clock.Now().Before(inSession) {
		f.clock.Set(inSession)
	}
	must(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID}, Outcome: domain.OutcomeRecommend, Category: cat}))
	if decided := time.Date(2028, 7, 20, 15, 0, 0, 0, time.UTC); f.clock.Now().Before(decided) {
		f.clock.Set(decided)
	}
	return must(f.svc.RecordDecision(ctx, officer, app.RecordDecision{StepCommand: app.StepCommand{ID: a.ID}, Decision: domain.DecisionGrant,
		Ref: "E/2028/32", Effective: domain.NewDate(2028, 7, 20)}))
}

func TestReclassificationAndWithdrawal(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	grantedTo(t, f, ngoA, domain.CategoryRoster)
	var pe *domain.PreconditionError
	if _, err := f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategoryGeneral}); !errors.As(err, &pe) || pe.Reason != "STATUS_HELD" {
		t.Fatalf("new application while ACTIVE: %v", err)
	}
	if _, err := f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Kind: domain.KindReclassification, Category: domain.CategoryRoster}); !errors.As(err, &pe) || pe.Reason != "SAME_CATEGORY" {
		t.Fatalf("reclassification to the same category: %v", err)
	}
	f.clock.Set(time.Date(2029, 1, 10, 12, 0, 0, 0, time.UTC))
	r := must(f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Kind: domain.KindReclassification, Category: domain.CategorySpecial, Questionnaire: complete}))
	f.uploads(t, ngoA, r.ID)
	must(f.svc.Submit(ctx, ngoA, app.StepCommand{ID: r.ID}))
	must(f.svc.Screen(ctx, officer, app.StepCommand{ID: r.ID}, true, ""))
	ses := f.session(t, "2030 regular session", domain.SessionRegular, domain.NewDate(2030, 1, 21))
	must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: r.ID}, ses.ID))
	f.clock.Set(time.Date(2030, 1, 22, 12, 0, 0, 0, time.UTC))
	must(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: r.ID}, Outcome: domain.OutcomeRecommend, Category: domain.CategorySpecial}))
	var ie *domain.InvalidError
	if _, err := f.svc.RecordDecision(ctx, officer, app.RecordDecision{StepCommand: app.StepCommand{ID: r.ID}, Decision: domain.DecisionGrant,
		Ref: "E/2030/9", Effective: domain.NewDate(2030, 7, 1)}); !errors.As(err, &ie) {
		t.Fatalf("a grant dated in the future: %v", err)
	}
	f.clock.Set(time.Date(2030, 7, 1, 15, 0, 0, 0, time.UTC))
	must(f.svc.RecordDecision(ctx, officer, app.RecordDecision{StepCommand: app.StepCommand{ID: r.ID}, Decision: domain.DecisionGrant, Ref: "E/2030/9", Effective: domain.NewDate(2030, 7, 1)}))
	st := must(f.svc.ConsultativeStatus(ctx, "org_a"))
	if st.Category != domain.CategorySpecial || st.GrantedOn != domain.NewDate(2028, 7, 20) || st.NextReportDue != domain.NewDate(2034, 6, 1) {
		t.Fatalf("reclassified %+v", st)
	}

	var ce *domain.ConflictError
	if _, err := f.svc.WithdrawStatus(ctx, ngoA, "org_a", "", `"stale"`, ""); !errors.As(err, &ce) {
		t.Fatalf("stale status etag: %v", err)
	}
	var pd *domain.PermissionError
	if _, err := f.svc.WithdrawStatus(ctx, ngoB, "org_a", "", "", ""); !errors.As(err, &pd) {
		t.Fatalf("another NGO withdrew the status: %v", err)
	}
	st = must(f.svc.WithdrawStatus(ctx, ngoA, "org_a", "merging", app.ETag("org_a", st.Revision), "w1"))
	if st.State != domain.StatusWithdrawn || st.WithdrawnOn != domain.NewDate(2030, 7, 1) {
		t.Fatalf("withdrawn %+v", st)
	}
	// A withdrawal of its own accord carries no three-year wait (only one under 2008/4 does).
	must(f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategoryRoster}))
	kinds := ""
	for _, c := range must(f.store.ChangesAfter(ctx, 0, 10)) {
		kinds += string(c.Kind) + " "
	}
	if kinds != "GRANTED RECLASSIFIED WITHDRAWN " {
		t.Fatalf("change log %s", kinds)
	}
}

func TestReportingListsAreProposedAndDecided(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	grantedTo(t, f, ngoA, domain.CategoryGeneral)
	f.clock.Set(time.Date(2032, 6, 10, 12, 0, 0, 0, time.UTC))
	preview := must(f.svc.ProposeReportingLists(ctx, officer, domain.NewDate(2032, 6, 2)))
	if len(preview.Suspend) != 1 || must(f.svc.ConsultativeStatus(ctx, "org_a")).State != domain.StatusActive {
		t.Fatalf("preview: %+v", preview)
	}
	if early := must(f.svc.ProposeReportingLists(ctx, officer, domain.NewDate(2032, 6, 1))); len(early.Suspend) != 0 {
		t.Fatalf("on the due day: %+v", early)
	}
	f.clock.Set(time.Date(2032, 7, 22, 12, 0, 0, 0, time.UTC))
	must(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2032/250", Date: domain.NewDate(2032, 7, 22),
		Entries: []domain.DecisionEntry{{Action: domain.DecisionActionSuspend, OrganizationID: "org_a", Reason: domain.ReasonReporting}}}, ""))
	var pe *domain.PreconditionError
	f.clock.Set(time.Date(2033, 7, 25, 12, 0, 0, 0, time.UTC))
	if _, err := f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2033/240", Date: domain.NewDate(2033, 7, 25),
		Entries: []domain.DecisionEntry{{Action: domain.DecisionActionReinstate, OrganizationID: "org_a"}}}, ""); !errors.As(err, &pe) || pe.Reason != "REPORT_NOT_FILED" {
		t.Fatalf("reinstated without the report: %v", err)
	}
	lists := must(f.svc.ProposeReportingLists(ctx, officer, domain.Date{}))
	if len(lists.Withdraw) != 1 || len(lists.Reinstate) != 0 {
		t.Fatalf("after the suspension year: %+v", lists)
	}
	must(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2033/241", Date: domain.NewDate(2033, 7, 25),
		Entries: []domain.DecisionEntry{{Action: domain.DecisionActionWithdraw, OrganizationID: "org_a", Reason: domain.ReasonReporting}}}, ""))
	if _, err := f.svc.SubmitReport(ctx, ngoA, app.SubmitReport{OrganizationID: "org_a", PeriodStart: 2028, PeriodEnd: 2031, Summary: "late"}); !errors.As(err, &pe) {
		t.Fatalf("report after withdrawal: %v", err)
	}
}

func TestWatchResumesFromACursor(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	grantedTo(t, f, ngoA, domain.CategorySpecial)
	system := domain.Actor{Subject: "registry", Roles: []string{domain.RoleSystem}}

	got := make(chan domain.Change, 10)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		_ = f.svc.WatchStatusChanges(wctx, system, 0, func(c domain.Change) error { got <- c; return nil })
	}()
	first := <-got
	if first.Sequence != 1 || first.Kind != domain.ChangeGranted {
		t.Fatalf("first %+v", first)
	}
	// A report filed while ACTIVE is published, as is a withdrawal, each within the poll interval.
	f.clock.Set(time.Date(2032, 1, 2, 0, 0, 0, 0, time.UTC))
	must(f.svc.SubmitReport(ctx, ngoA, app.SubmitReport{OrganizationID: "org_a", PeriodStart: 2028, PeriodEnd: 2031, Summary: "s"}))
	select {
	case c := <-got:
		if c.Sequence != 2 || c.Kind != domain.ChangeReportFiled || c.Status.NextReportDue != domain.NewDate(2036, 6, 1) {
			t.Fatalf("after the filing %+v", c)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("report filing not delivered")
	}
	began := time.Now()
	must(f.svc.WithdrawStatus(ctx, officer, "org_a", "", "", ""))
	select {
	case c := <-got:
		if c.Sequence != 3 || c.Kind != domain.ChangeWithdrawn {
			t.Fatalf("next %+v", c)
		}
		if time.Since(began) > time.Second {
			t.Fatalf("delivered after %v", time.Since(began))
		}
	case <-time.After(2 * time.Second):
		t.Fatal("withdrawal not delivered")
	}

	var pe *domain.PreconditionError
	if err := f.svc.WatchStatusChanges(ctx, system, 99, func(domain.Change) error { return nil }); !errors.As(err, &pe) {
		t.Fatalf("cursor ahead: %v", err)
	}
}

func TestWorkQueuePages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, who := range []domain.Actor{ngoA, ngoB} {
		f.submitted(t, who, domain.CategorySpecial)
		f.clock.Advance(24 * time.Hour)
	}
	page := must(f.svc.ListApplications(ctx, officer, app.ListApplications{PageSize: 1, States: []domain.State{domain.StateSubmitted}}))
	if len(page.Applications) != 1 || page.Total != 2 || page.NextPageToken == "" || page.Applications[0].OrganizationID != "org_a" {
		t.Fatalf("page 1 %+v", page)
	}
	next := must(f.svc.ListApplications(ctx, officer, app.ListApplications{PageSize: 1, States: []domain.State{domain.StateSubmitted}, PageToken: page.NextPageToken}))
	if len(next.Applications) != 1 || next.Applications[0].OrganizationID != "org_b" || next.NextPageToken != "" {
		t.Fatalf("page 2 %+v", next)
	}
	var ie *domain.InvalidError
	if _, err := f.svc.ListApplications(ctx, officer, app.ListApplications{States: []domain.State{domain.StateDeferred}, PageToken: page.NextPageToken}); !errors.As(err, &ie) {
		t.Fatalf("token reused with other filters: %v", err)
	}
	tampered := page.NextPageToken[:len(page.NextPageToken)-2] + "xy"
	if _, err := f.svc.ListApplications(ctx, officer, app.ListApplications{States: []domain.State{domain.StateSubmitted}, PageToken: tampered}); !errors.As(err, &ie) {
		t.Fatalf("tampered token: %v", err)
	}
	if _, err := f.svc.ListApplications(ctx, officer, app.ListApplications{OrderBy: "name"}); !errors.As(err, &ie) {
		t.Fatalf("bad order_by: %v", err)
	}
	byDeferrals := must(f.svc.ListApplications(ctx, committee, app.ListApplications{OrderBy: "deferral_count desc, submit_time"}))
	if len(byDeferrals.Applications) != 2 {
		t.Fatalf("committee queue %+v", byDeferrals)
	}
	// A draft is the organization's work in progress: the Committee does not see it, the NGO Branch does.
	young := domain.Actor{Subject: "yan", Roles: []string{domain.RoleNGO}, Org: "org_young"}
	draft := must(f.svc.CreateApplication(ctx, young, app.CreateApplication{OrganizationID: "org_young", Category: domain.CategoryRoster}))
	if l := must(f.svc.ListApplications(ctx, committee, app.ListApplications{})); l.Total != 2 {
		t.Fatalf("the Committee lists %d applications, drafts included", l.Total)
	}
	if l := must(f.svc.ListApplications(ctx, officer, app.ListApplications{})); l.Total != 3 {
		t.Fatalf("the NGO Branch lists %d applications", l.Total)
	}
	var nf *domain.NotFoundError
	if _, err := f.svc.GetApplication(ctx, committee, draft.ID); !errors.As(err, &nf) {
		t.Fatalf("the Committee read a draft: %v", err)
	}
	must(f.svc.GetApplication(ctx, officer, draft.ID))
}

func TestBatchStatuses(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	grantedTo(t, f, ngoB, domain.CategoryGeneral)
	list := must(f.svc.ConsultativeStatuses(ctx, []string{"org_x", "org_b"}))
	if list[0].State != domain.StatusNone || list[0].OrganizationID != "org_x" || list[1].Category != domain.CategoryGeneral {
		t.Fatalf("batch %+v", list)
	}
	var ie *domain.InvalidError
	if _, err := f.svc.ConsultativeStatuses(ctx, []string{"a", "a"}); !errors.As(err, &ie) {
		t.Fatalf("repeated id: %v", err)
	}
	if _, err := f.svc.ConsultativeStatuses(ctx, nil); !errors.As(err, &ie) {
		t.Fatalf("empty batch: %v", err)
	}
}
