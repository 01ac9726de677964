package app_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Each test here is a rule that used to leak: it fails on the behaviour
// before the Committee's practice was encoded.

func TestAnOutcomeNeedsTheSessionAgendaAndItsStart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.submitted(t, ngoA, domain.CategorySpecial)
	must(f.svc.Screen(ctx, officer, app.StepCommand{ID: a.ID}, true, ""))
	// No session at all.
	precondition(t, must2(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID},
		Outcome: domain.OutcomeRecommend, Category: domain.CategorySpecial})), "NOT_ON_AGENDA")
	// A session the application is not listed for.
	other := f.session(t, "2028 resumed session", domain.SessionResumed, domain.NewDate(2028, 5, 15))
	precondition(t, must2(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID}, SessionID: other.ID,
		Outcome: domain.OutcomeRecommend, Category: domain.CategorySpecial})), "NOT_ON_AGENDA")
	// Its session, before the session starts (and so before its review year).
	regular := f.session(t, "2028 regular session", domain.SessionRegular, domain.NewDate(2028, 1, 24))
	must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: a.ID}, regular.ID))
	f.at(2027, 12, 1)
	precondition(t, must2(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID},
		Outcome: domain.OutcomeRecommend, Category: domain.CategorySpecial})), "SESSION_NOT_STARTED")
	f.at(2028, 1, 24)
	must(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID}, Outcome: domain.OutcomeRecommend, Category: domain.CategorySpecial}))
}

func TestAGrantIsNotRecordedTheDayOfTheRecommendation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	regular := f.session(t, "2028 regular session", domain.SessionRegular, domain.NewDate(2028, 1, 24))
	a := f.onAgenda(t, ngoA, domain.CategorySpecial, regular)
	f.at(2028, 1, 26)
	must(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID}, Outcome: domain.OutcomeRecommend, Category: domain.CategorySpecial}))
	precondition(t, must2(f.svc.RecordDecision(ctx, officer, app.RecordDecision{StepCommand: app.StepCommand{ID: a.ID}, Decision: domain.DecisionGrant,
		Ref: "E/2028/32", Effective: domain.NewDate(2028, 1, 26)})), "NOT_AFTER_RECOMMENDATION")
	precondition(t, must2(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2028/1", Date: domain.NewDate(2028, 1, 26),
		Entries: []domain.DecisionEntry{{Action: domain.DecisionActionGrant, ApplicationID: a.ID, Category: domain.CategorySpecial}}}, "")), "NOT_AFTER_RECOMMENDATION")
	if st := must(f.svc.ConsultativeStatus(ctx, "org_a")); st.State != domain.StatusNone {
		t.Fatalf("granted the same day: %+v", st)
	}
}

func TestTheAskingStateMustSitOnTheCommittee(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	regular := f.session(t, "2028 regular session", domain.SessionRegular, domain.NewDate(2028, 1, 24))
	a := f.onAgenda(t, ngoA, domain.CategorySpecial, regular)
	var ie *domain.InvalidError
	for _, code := range []string{"ZZ", "FR"} { // no State holds ZZ; France does not sit on this Committee
		if _, err := f.svc.PoseQuestion(ctx, committee, app.PoseQuestion{StepCommand: app.StepCommand{ID: a.ID}, Text: "Budget?", AskedBy: code}); !errors.As(err, &ie) {
			t.Fatalf("a question asked by %s: %v", code, err)
		}
	}
	if _, err := f.svc.CreateSession(ctx, officer, app.CreateSession{Name: "x", Kind: domain.SessionRegular, Start: domain.NewDate(2029, 1, 22), End: domain.NewDate(2029, 1, 30),
		Members: []domain.Member{{Code: "ZZ", Name: "Nowhere", TermStart: domain.NewDate(2027, 1, 1), TermEnd: domain.NewDate(2030, 12, 31)}}}); !errors.As(err, &ie) {
		t.Fatalf("ZZ recorded as a member State: %v", err)
	}
	must(f.svc.PoseQuestion(ctx, committee, app.PoseQuestion{StepCommand: app.StepCommand{ID: a.ID}, Text: "Budget?", AskedBy: "CN"}))
}

func TestADeferralLeavesAQuestionToAnswer(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	regular := f.session(t, "2028 regular session", domain.SessionRegular, domain.NewDate(2028, 1, 24))
	a := f.onAgenda(t, ngoA, domain.CategorySpecial, regular)
	f.at(2028, 1, 26)
	precondition(t, must2(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID}, Outcome: domain.OutcomeDefer})), "DEFER_WITHOUT_QUESTION")
	a = must(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID}, Outcome: domain.OutcomeDefer,
		Questions: []domain.NewQuestion{{Text: "Who funds you?", AskedBy: "CU"}}}))
	if a.State != domain.StateDeferred || len(a.OpenQuestions()) != 1 || a.OpenQuestions()[0].AskedBy != "CU" {
		t.Fatalf("deferred %+v", a)
	}
}

func TestReclassificationFromRosterDoesNotMakeAReportDueDaysLater(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	grantedTo(t, f, ngoA, domain.CategoryRoster)
	ses := f.session(t, "2032 regular session", domain.SessionRegular, domain.NewDate(2032, 1, 26))
	f.at(2030, 5, 1)
	r := must(f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Kind: domain.KindReclassification, Category: domain.CategorySpecial, Questionnaire: complete}))
	f.uploads(t, ngoA, r.ID)
	must(f.svc.Submit(ctx, ngoA, app.StepCommand{ID: r.ID}))
	must(f.svc.Screen(ctx, officer, app.StepCommand{ID: r.ID}, true, ""))
	must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: r.ID}, ses.ID))
	f.at(2032, 1, 27)
	must(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: r.ID}, Outcome: domain.OutcomeRecommend, Category: domain.CategorySpecial}))
	// Reclassified on 20 May 2032: the old rule made the 2028-2031 report due on 1 June 2032, twelve days later.
	f.at(2032, 5, 20)
	must(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2032/201", Date: domain.NewDate(2032, 5, 20),
		Entries: []domain.DecisionEntry{{Action: domain.DecisionActionGrant, ApplicationID: r.ID, Category: domain.CategorySpecial}}}, ""))
	st := must(f.svc.ConsultativeStatus(ctx, "org_a"))
	if st.Category != domain.CategorySpecial || st.NextReportDue != domain.NewDate(2036, 6, 1) {
		t.Fatalf("reclassified %+v, want the first report due 2036-06-01", st)
	}
}

func TestTheThreeYearWaitFollowsOnlyAWithdrawalUnder2008_4(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	grantedTo(t, f, ngoA, domain.CategorySpecial)
	f.clock.Set(start)
	grantedTo(t, f, ngoB, domain.CategorySpecial)
	f.at(2029, 3, 1)
	must(f.svc.WithdrawStatus(ctx, ngoA, "org_a", "we are closing our UN programme", "", ""))
	must(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2029/201", Date: domain.NewDate(2029, 3, 1),
		Entries: []domain.DecisionEntry{{Action: domain.DecisionActionWithdraw, OrganizationID: "org_b", Reason: domain.ReasonCeasedToExist}}}, ""))
	f.at(2029, 4, 1)
	must(f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategoryRoster}))
	must(f.svc.CreateApplication(ctx, ngoB, app.CreateApplication{OrganizationID: "org_b", Category: domain.CategoryRoster}))
}

func TestAWithdrawalSaysWhyAndByWhichDecision(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	grantedTo(t, f, ngoA, domain.CategorySpecial)
	f.at(2029, 7, 24)
	must(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2029/245", Date: domain.NewDate(2029, 7, 24),
		Entries: []domain.DecisionEntry{{Action: domain.DecisionActionWithdraw, OrganizationID: "org_a", Reason: domain.ReasonCeasedToExist}}}, ""))
	changes := must(f.store.ChangesAfter(ctx, 0, 10))
	last := changes[len(changes)-1]
	if last.Kind != domain.ChangeWithdrawn || last.Reason != domain.ReasonCeasedToExist || last.Decision != "2029/245" || strings.Contains(last.Note, "request") {
		t.Fatalf("withdrawal %+v", last)
	}
}

func TestTheReplyDeadlineIsTwoBusinessDays(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// The session opens on Monday 24 January 2028: two business days before is Thursday 20 January.
	regular := f.session(t, "2028 regular session", domain.SessionRegular, domain.NewDate(2028, 1, 24))
	a := f.onAgenda(t, ngoA, domain.CategorySpecial, regular)
	f.at(2027, 12, 1)
	must(f.svc.PoseQuestion(ctx, committee, app.PoseQuestion{StepCommand: app.StepCommand{ID: a.ID}, Text: "Budget?", AskedBy: "CN"}))
	// Friday 21 January, noon in New York: 48 clock hours have not run, two business days have.
	f.clock.Set(time.Date(2028, 1, 21, 17, 0, 0, 0, time.UTC))
	res := must(f.svc.ApplyNoAnswerRule(ctx, officer, regular.ID, false, ""))
	if len(res.Closed) != 1 {
		t.Fatalf("closed %d on the Friday before a Monday session", len(res.Closed))
	}
	if got := domain.BusinessDaysBefore(domain.NewDate(2028, 1, 24), 2); got != domain.NewDate(2028, 1, 20) {
		t.Fatalf("two business days before Monday 24 January: %s", got)
	}
}

func TestSanctionsWaitForTheDecision(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	grantedTo(t, f, ngoA, domain.CategorySpecial)
	f.at(2033, 9, 1) // the report due 2032-06-01 long overdue
	must(f.svc.ProposeReportingLists(ctx, officer, domain.Date{}))
	f.svc.RunJobsOnce(ctx)
	if st := must(f.svc.ConsultativeStatus(ctx, "org_a")); st.State != domain.StatusActive {
		t.Fatalf("suspended without a decision: %+v", st)
	}
	// A sanction under 1996/31 says for how long.
	var ie *domain.InvalidError
	if _, err := f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2033/1", Date: domain.NewDate(2033, 9, 1),
		Entries: []domain.DecisionEntry{{Action: domain.DecisionActionSuspend, OrganizationID: "org_a", Reason: domain.ReasonSanction, SuspensionYears: 4}}}, ""); !errors.As(err, &ie) {
		t.Fatalf("a four-year sanction: %v", err)
	}
	must(f.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: "2033/2", Date: domain.NewDate(2033, 9, 1),
		Entries: []domain.DecisionEntry{{Action: domain.DecisionActionSuspend, OrganizationID: "org_a", Reason: domain.ReasonSanction, SuspensionYears: 3}}}, ""))
	if st := must(f.svc.ConsultativeStatus(ctx, "org_a")); st.State != domain.StatusSuspended || st.SuspendedUntil != domain.NewDate(2036, 8, 31) {
		t.Fatalf("sanction %+v", st)
	}
}

func TestAReportIsReviewedByTheCommittee(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	grantedTo(t, f, ngoA, domain.CategorySpecial)
	resumed := f.session(t, "2032 resumed session", domain.SessionResumed, domain.NewDate(2032, 5, 17))
	f.at(2032, 2, 1)
	filed := must(f.svc.SubmitReport(ctx, ngoA, app.SubmitReport{OrganizationID: "org_a", PeriodStart: 2028, PeriodEnd: 2031, Summary: "Four years."}))
	agenda := must(f.svc.AssembleAgenda(ctx, officer, resumed.ID, ""))
	if len(agenda.Reports) != 1 || agenda.Reports[0].ID != filed.Report.ID {
		t.Fatalf("agenda reports %+v", agenda.Reports)
	}
	f.at(2032, 5, 18)
	precondition(t, must2(f.svc.ReviewReport(ctx, officer, filed.Report.ID, resumed.ID, false, nil, "")), "DEFER_WITHOUT_QUESTION")
	r := must(f.svc.ReviewReport(ctx, officer, filed.Report.ID, resumed.ID, false, []domain.NewQuestion{{Text: "Please detail your expenditure.", AskedBy: "RU"}}, ""))
	if r.ReviewState != domain.ReportDeferred || len(r.Questions) != 1 {
		t.Fatalf("deferred report %+v", r)
	}
	r = must(f.svc.ReviewReport(ctx, officer, filed.Report.ID, resumed.ID, true, nil, ""))
	if r.ReviewState != domain.ReportTakenNote {
		t.Fatalf("taken note %+v", r)
	}
}

func TestAProfileIsAcceptedBeforeTheOrganizationApplies(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.dir.mu.Lock()
	f.dir.orgs["org_new"] = domain.Organization{ID: "org_new", Name: "New", FoundedOn: domain.NewDate(2001, 1, 1), ProfilePending: true}
	f.dir.mu.Unlock()
	ngo := domain.Actor{Subject: "nina", Roles: []string{domain.RoleNGO}, Org: "org_new"}
	precondition(t, must2(f.svc.CreateApplication(ctx, ngo, app.CreateApplication{OrganizationID: "org_new", Category: domain.CategoryRoster})), "PROFILE_NOT_ACCEPTED")
	f.dir.mu.Lock()
	f.dir.orgs["org_new"] = domain.Organization{ID: "org_new", Name: "New", FoundedOn: domain.NewDate(2001, 1, 1)}
	f.dir.mu.Unlock()
	must(f.svc.CreateApplication(ctx, ngo, app.CreateApplication{OrganizationID: "org_new", Category: domain.CategoryRoster}))
}

func TestAChangeOfNameIsARequestTheCommitteeTakesNoteOf(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ses := f.session(t, "2029 regular session", domain.SessionRegular, domain.NewDate(2029, 1, 22))
	a := f.submitted(t, ngoB, domain.CategoryRoster)
	f.at(2028, 11, 1)
	name := must(f.svc.FileRequest(ctx, ngoA, "org_a", domain.RequestChangeOfName, "New name: Alpha Rights Network (certificate of 3 October 2028 attached)", "", ""))
	withdraw := must(f.svc.FileRequest(ctx, ngoB, "org_b", domain.RequestWithdrawApplication, "We will apply after our merger.", a.ID, ""))
	var nf *domain.NotFoundError
	if _, err := f.svc.FileRequest(ctx, ngoA, "org_a", domain.RequestWithdrawApplication, "not ours", a.ID, ""); !errors.As(err, &nf) {
		t.Fatalf("withdrawing another organization's application: %v", err)
	}
	f.at(2029, 1, 10)
	agenda := must(f.svc.AssembleAgenda(ctx, officer, ses.ID, ""))
	if len(agenda.Requests) != 2 {
		t.Fatalf("requests on the agenda %+v", agenda.Requests)
	}
	precondition(t, must2(f.svc.ReviewRequest(ctx, officer, name.ID, ses.ID, true, nil, "")), "SESSION_NOT_STARTED")
	f.at(2029, 1, 23)
	precondition(t, must2(f.svc.ReviewRequest(ctx, officer, name.ID, ses.ID, false, nil, "")), "DEFER_WITHOUT_QUESTION")
	r := must(f.svc.ReviewRequest(ctx, officer, name.ID, ses.ID, false, []domain.NewQuestion{{Text: "Please send the certificate showing both names.", AskedBy: "CN"}}, ""))
	if r.State != domain.RequestDeferred || len(r.Questions) != 1 {
		t.Fatalf("deferred %+v", r)
	}
	must(f.svc.ReviewRequest(ctx, officer, withdraw.ID, ses.ID, true, nil, ""))
	if got := must(f.svc.GetApplication(ctx, officer, a.ID)); got.State != domain.StateWithdrawn {
		t.Fatalf("the application the Committee took note of withdrawing is %s", got.State)
	}
}
