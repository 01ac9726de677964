package app_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

var system = domain.Actor{Subject: "registry", Roles: []string{domain.RoleSystem}}

// at sets the fixture's clock to noon UTC on a day.
func (f *fixture) at(y int, m time.Month, d int) {
	f.clock.Set(time.Date(y, m, d, 15, 0, 0, 0, time.UTC))
}

// addOrgs adds n organizations org_0000... founded long ago, and returns their NGO users.
func (f *fixture) addOrgs(n int) []domain.Actor {
	f.dir.mu.Lock()
	defer f.dir.mu.Unlock()
	out := make([]domain.Actor, n)
	for i := range n {
		id := fmt.Sprintf("org_%04d", i)
		f.dir.orgs[id] = domain.Organization{ID: id, Name: "NGO " + id, FoundedOn: domain.NewDate(1995, 1, 1)}
		out[i] = domain.Actor{Subject: "ngo-" + id, Roles: []string{domain.RoleNGO}, Org: id}
	}
	return out
}

// onAgenda submits, screens and lists an application of actor's before ses.
func (f *fixture) onAgenda(t *testing.T, actor domain.Actor, cat domain.Category, ses domain.CommitteeSession) domain.Application {
	t.Helper()
	a := f.submitted(t, actor, cat)
	must(f.svc.Screen(ctx, officer, app.StepCommand{ID: a.ID}, true, ""))
	return must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: a.ID}, ses.ID))
}

func precondition(t *testing.T, err error, reason string) *domain.PreconditionError {
	t.Helper()
	var pe *domain.PreconditionError
	if !errors.As(err, &pe) || pe.Reason != reason {
		t.Fatalf("err = %v, want FAILED_PRECONDITION %s", err, reason)
	}
	return pe
}

// TestARegularAndAResumedSession runs the Committee's two sessions of 2028
// end to end on PostgreSQL: 300 applications on the regular session's
// agenda, outcomes for all of them in batches, the deferred ones carried
// over to the resumed session with their questions (and closed there if
// unanswered), and one ECOSOC decision granting the 100 recommended by
// category, each grant on the change stream with the decision's symbol.
func TestARegularAndAResumedSession(t *testing.T) {
	t.Parallel()
	f := newFixtureOn(t, sqldb.Postgres)
	ngos := f.addOrgs(300)
	cats := []domain.Category{domain.CategorySpecial, domain.CategoryGeneral, domain.CategoryRoster}
	regular := f.session(t, "2028 regular session", domain.SessionRegular, domain.NewDate(2028, 1, 24))
	resumed := f.session(t, "2028 resumed session", domain.SessionResumed, domain.NewDate(2028, 5, 15))

	f.at(2027, 5, 3)
	apps := make([]domain.Application, len(ngos))
	for i, n := range ngos {
		a := f.submitted(t, n, cats[i%3])
		apps[i] = must(f.svc.Screen(ctx, officer, app.StepCommand{ID: a.ID}, true, "complete"))
	}

	f.at(2028, 1, 10)
	agenda := must(f.svc.AssembleAgenda(ctx, officer, regular.ID, "agenda-regular"))
	if len(agenda.Applications) != 300 {
		t.Fatalf("regular agenda holds %d applications, want 300", len(agenda.Applications))
	}
	if again := must(f.svc.AssembleAgenda(ctx, officer, regular.ID, "")); len(again.Applications) != 300 {
		t.Fatalf("assembling again: %d", len(again.Applications))
	}
	if _, err := f.svc.RecordOutcomes(ctx, officer, regular.ID, []app.OutcomeItem{{ApplicationID: apps[0].ID, Outcome: domain.OutcomeClose}}, ""); err == nil {
		t.Fatal("an outcome before the session started")
	}

	// In session: 100 recommended (each for the category asked), 160 deferred with a member
	// State's question, 36 closed, 4 not recommended; in batches of 50, all or nothing.
	f.clock.Set(time.Date(2028, 1, 26, 16, 0, 0, 0, time.UTC))
	askers := []string{"CN", "CU", "PK", "RU", "IN", "US", "GB"}
	rows := make([]app.OutcomeItem, len(apps))
	for i, a := range apps {
		rows[i] = app.OutcomeItem{ApplicationID: a.ID}
		switch {
		case i < 100:
			rows[i].Outcome, rows[i].Category = domain.OutcomeRecommend, a.RequestedCategory
		case i < 260:
			rows[i].Outcome = domain.OutcomeDefer
			rows[i].Questions = []domain.NewQuestion{{Text: fmt.Sprintf("Please list your partners in project %d.", i), AskedBy: askers[i%len(askers)]}}
		case i < 296:
			rows[i].Outcome = domain.OutcomeClose
		default:
			rows[i].Outcome = domain.OutcomeNotRecommend
		}
	}
	bad := append([]app.OutcomeItem{rows[0]}, app.OutcomeItem{ApplicationID: rows[100].ApplicationID, Outcome: domain.OutcomeDefer})
	precondition(t, must2(f.svc.RecordOutcomes(ctx, officer, regular.ID, bad, "")), "DEFER_WITHOUT_QUESTION")
	if a := must(f.svc.GetApplication(ctx, officer, apps[0].ID)); a.State != domain.StatePendingCommittee {
		t.Fatalf("a refused batch recorded its first row: %s", a.State)
	}
	for start := 0; start < len(rows); start += 50 {
		out := must(f.svc.RecordOutcomes(ctx, officer, regular.ID, rows[start:start+50], fmt.Sprintf("batch-%d", start)))
		if len(out) != 50 {
			t.Fatalf("batch %d recorded %d", start, len(out))
		}
	}
	// A retried batch replays its answer instead of deferring twice.
	must(f.svc.RecordOutcomes(ctx, officer, regular.ID, rows[100:150], "batch-100"))
	if a := must(f.svc.GetApplication(ctx, officer, apps[120].ID)); a.State != domain.StateDeferred || a.DeferralCount != 1 || len(a.Questions) != 1 {
		t.Fatalf("deferred %+v", a)
	}

	// Forty organizations answer in time; 120 do not.
	f.at(2028, 3, 15)
	for i := 100; i < 140; i++ {
		a := must(f.svc.GetApplication(ctx, ngos[i], apps[i].ID))
		must(f.svc.Answer(ctx, ngos[i], app.StepCommand{ID: a.ID}, a.Questions[0].ID, "Our partners are listed in the annex."))
	}

	// The resumed session's agenda carries over all 160, the 120 with their questions open.
	f.at(2028, 4, 20)
	agenda = must(f.svc.AssembleAgenda(ctx, officer, resumed.ID, "agenda-resumed"))
	withQuestions := 0
	for _, a := range agenda.Applications {
		if a.State == domain.StateDeferred && len(a.OpenQuestions()) == 1 && a.OpenQuestions()[0].SessionID == regular.ID {
			withQuestions++
		}
	}
	if len(agenda.Applications) != 160 || withQuestions != 120 {
		t.Fatalf("resumed agenda: %d applications, %d carried over with questions; want 160 and 120", len(agenda.Applications), withQuestions)
	}

	// Two business days before the session opens (Thursday 11 May), the rule reaches the carried-over items.
	f.clock.Set(time.Date(2028, 5, 11, 12, 0, 0, 0, time.UTC))
	closed := must(f.svc.ApplyNoAnswerRule(ctx, officer, resumed.ID, false, ""))
	if len(closed.Closed) != 120 {
		t.Fatalf("closed %d for no answer, want 120", len(closed.Closed))
	}
	f.clock.Set(time.Date(2028, 5, 16, 16, 0, 0, 0, time.UTC))
	var resumedRows []app.OutcomeItem
	for i := 100; i < 140; i++ {
		row := app.OutcomeItem{ApplicationID: apps[i].ID, Outcome: domain.OutcomeRecommend, Category: apps[i].RequestedCategory}
		if i >= 130 {
			row = app.OutcomeItem{ApplicationID: apps[i].ID, Outcome: domain.OutcomeDefer,
				Questions: []domain.NewQuestion{{Text: "Please give your 2027 budget.", AskedBy: "CN"}}}
		}
		resumedRows = append(resumedRows, row)
	}
	must(f.svc.RecordOutcomes(ctx, officer, resumed.ID, resumedRows, ""))

	// 6 June: one ECOSOC decision grants the regular session's 100, by category.
	changes := make(chan domain.Change, 200)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		_ = f.svc.WatchStatusChanges(wctx, system, 0, func(c domain.Change) error { changes <- c; return nil })
	}()
	f.at(2028, 6, 6)
	decision := domain.EcosocDecision{Symbol: "2028/215", Date: domain.NewDate(2028, 6, 6)}
	for i := range 100 {
		decision.Entries = append(decision.Entries, domain.DecisionEntry{Action: domain.DecisionActionGrant, ApplicationID: apps[i].ID, Category: apps[i].RequestedCategory})
	}
	must(f.svc.RecordEcosocDecision(ctx, officer, decision, ""))
	var ae *domain.AlreadyExistsError
	if _, err := f.svc.RecordEcosocDecision(ctx, officer, decision, ""); !errors.As(err, &ae) {
		t.Fatalf("the same decision recorded twice: %v", err)
	}
	byCategory := map[domain.Category]int{}
	for range 100 {
		select {
		case c := <-changes:
			if c.Kind != domain.ChangeGranted || c.Decision != "2028/215" || c.Status.DecisionRef != "2028/215" || c.Status.GrantedOn != domain.NewDate(2028, 6, 6) {
				t.Fatalf("change on the stream %+v", c)
			}
			byCategory[c.Status.Category]++
		case <-time.After(10 * time.Second):
			t.Fatalf("only %d grants on the stream", len(byCategory))
		}
	}
	if byCategory[domain.CategorySpecial] != 34 || byCategory[domain.CategoryGeneral] != 33 || byCategory[domain.CategoryRoster] != 33 {
		t.Fatalf("granted by category %v", byCategory)
	}
}

func must2[T any](_ T, err error) error { return err }

// TestLifecycle2028To2036 follows two organizations with the clock pinned
// from the grant in 2028 to 2036: the report overdue puts a status on the
// proposed suspension list, only ECOSOC's decision suspends it, the report
// filed does not reinstate it until a decision does, the other one is
// withdrawn by decision, and reports for later periods are refused naming
// the period due.
func TestLifecycle2028To2036(t *testing.T) {
	t.Parallel()
	f := newFixtureOn(t, sqldb.Postgres)
	regular := f.session(t, "2028 regular session", domain.SessionRegular, domain.NewDate(2028, 1, 24))
	a := f.onAgenda(t, ngoA, domain.CategorySpecial, regular)
	b := f.onAgenda(t, ngoB, domain.CategoryGeneral, regular)
	f.at(2028, 1, 26)
	must(f.svc.RecordOutcomes(ctx, officer, regular.ID, []app.OutcomeItem{
		{ApplicationID: a.ID, Outcome: domain.OutcomeRecommend, Category: domain.CategorySpecial},
		{ApplicationID: b.ID, Outcome: domain.OutcomeRecommend, Category: domain.CategoryGeneral}}, ""))
	f.at(2028, 6, 6)
	must(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2028/215", Date: domain.NewDate(2028, 6, 6), Entries: []domain.DecisionEntry{
		{Action: domain.DecisionActionGrant, ApplicationID: a.ID, Category: domain.CategorySpecial},
		{Action: domain.DecisionActionGrant, ApplicationID: b.ID, Category: domain.CategoryGeneral}}}, ""))

	// 1 August 2028: no report can be filed yet, and a future period names the one due.
	f.at(2028, 8, 1)
	for _, p := range [][2]int{{2032, 2035}, {2036, 2039}} {
		pe := precondition(t, must2(f.svc.SubmitReport(ctx, ngoA, app.SubmitReport{OrganizationID: "org_a", PeriodStart: p[0], PeriodEnd: p[1], Summary: "s"})), "WRONG_PERIOD")
		if !strings.Contains(pe.Message, "2028-2031") {
			t.Fatalf("the refusal does not name the period due: %s", pe.Message)
		}
	}
	pe := precondition(t, must2(f.svc.SubmitReport(ctx, ngoA, app.SubmitReport{OrganizationID: "org_a", PeriodStart: 2028, PeriodEnd: 2031, Summary: "s"})), "PERIOD_NOT_ENDED")
	if !strings.Contains(pe.Message, "2032-01-01") {
		t.Fatalf("the refusal does not say when: %s", pe.Message)
	}
	if st := must(f.svc.ConsultativeStatus(ctx, "org_a")); st.NextReportDue != domain.NewDate(2032, 6, 1) {
		t.Fatalf("the due date moved: %+v", st)
	}

	// 2 June 2032: both reports overdue: proposed, not applied.
	f.at(2032, 6, 1)
	if l := must(f.svc.ProposeReportingLists(ctx, officer, domain.Date{})); len(l.Suspend) != 0 {
		t.Fatalf("on the due day: %+v", l)
	}
	f.at(2032, 6, 2)
	if l := must(f.svc.ProposeReportingLists(ctx, officer, domain.Date{})); len(l.Suspend) != 2 {
		t.Fatalf("proposed suspensions %+v", l.Suspend)
	}
	if st := must(f.svc.ConsultativeStatus(ctx, "org_a")); st.State != domain.StatusActive {
		t.Fatalf("suspended without a decision: %+v", st)
	}
	f.at(2032, 7, 23)
	must(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2032/250", Date: domain.NewDate(2032, 7, 23), Entries: []domain.DecisionEntry{
		{Action: domain.DecisionActionSuspend, OrganizationID: "org_a", Reason: domain.ReasonReporting},
		{Action: domain.DecisionActionSuspend, OrganizationID: "org_b", Reason: domain.ReasonReporting}}}, ""))
	if st := must(f.svc.ConsultativeStatus(ctx, "org_a")); st.State != domain.StatusSuspended || st.SuspendedUntil != domain.NewDate(2033, 7, 22) {
		t.Fatalf("after the decision %+v", st)
	}

	// October 2032: org_a files; it stays suspended and goes on the reinstatement list.
	f.at(2032, 10, 1)
	filed := must(f.svc.SubmitReport(ctx, ngoA, app.SubmitReport{OrganizationID: "org_a", PeriodStart: 2028, PeriodEnd: 2031, Summary: "Four years."}))
	if filed.Status.State != domain.StatusSuspended || filed.Status.NextReportDue != domain.NewDate(2036, 6, 1) {
		t.Fatalf("after the report %+v", filed.Status)
	}
	if l := must(f.svc.ProposeReportingLists(ctx, officer, domain.Date{})); len(l.Reinstate) != 1 || l.Reinstate[0].OrganizationID != "org_a" {
		t.Fatalf("reinstatement list %+v", l)
	}

	// July 2033: one decision reinstates org_a and withdraws org_b.
	f.at(2033, 7, 25)
	l := must(f.svc.ProposeReportingLists(ctx, officer, domain.Date{}))
	if len(l.Withdraw) != 1 || l.Withdraw[0].OrganizationID != "org_b" || len(l.Reinstate) != 1 {
		t.Fatalf("lists in July 2033 %+v", l)
	}
	must(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2033/240", Date: domain.NewDate(2033, 7, 25), Entries: []domain.DecisionEntry{
		{Action: domain.DecisionActionReinstate, OrganizationID: "org_a"},
		{Action: domain.DecisionActionWithdraw, OrganizationID: "org_b", Reason: domain.ReasonReporting}}}, ""))
	if st := must(f.svc.ConsultativeStatus(ctx, "org_a")); st.State != domain.StatusActive {
		t.Fatalf("not reinstated %+v", st)
	}
	if st := must(f.svc.ConsultativeStatus(ctx, "org_b")); st.State != domain.StatusWithdrawn || st.Reason != domain.ReasonReporting {
		t.Fatalf("not withdrawn %+v", st)
	}

	// Withdrawn under 2008/4, org_b waits three years.
	f.at(2035, 1, 10)
	precondition(t, must2(f.svc.CreateApplication(ctx, ngoB, app.CreateApplication{OrganizationID: "org_b", Category: domain.CategoryRoster})), "REAPPLY_WAIT")
	f.at(2036, 7, 25)
	must(f.svc.CreateApplication(ctx, ngoB, app.CreateApplication{OrganizationID: "org_b", Category: domain.CategoryRoster}))

	// 2036: org_a's next report is due on 1 June; overdue, it is proposed again.
	f.at(2036, 6, 2)
	if l := must(f.svc.ProposeReportingLists(ctx, officer, domain.Date{})); len(l.Suspend) != 1 || l.Suspend[0].OrganizationID != "org_a" {
		t.Fatalf("2036 lists %+v", l)
	}
	kinds := []string{}
	for _, c := range must(f.store.ChangesAfter(ctx, 0, 100)) {
		kinds = append(kinds, fmt.Sprintf("%s:%s:%s", c.OrganizationID, c.Kind, c.Decision))
	}
	want := "[org_a:GRANTED:2028/215 org_b:GRANTED:2028/215 org_a:SUSPENDED:2032/250 org_b:SUSPENDED:2032/250 org_a:REPORT_FILED: org_a:REINSTATED:2033/240 org_b:WITHDRAWN:2033/240]"
	if fmt.Sprint(kinds) != want {
		t.Fatalf("change log\n got %v\nwant %s", kinds, want)
	}
}
