package app_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/platform/notify/mailpittest"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// addresses is the registry's side of the notices: each organization's address of record and
// working languages.
var addresses = map[string]notify.Address{
	"organization:org_a": {Email: "focal@alpha.example", Name: "Alpha", Languages: []string{"ar", "en"}},
	"organization:org_b": {Email: "info@beta.example", Name: "Beta", Languages: []string{"zh"}},
}

func resolve(_ context.Context, ref string) (notify.Address, error) {
	a, ok := addresses[ref]
	if !ok {
		return a, notify.ErrNoAddress
	}
	return a, nil
}

// TestNoticesFromQuestionToReportDue drives a question, its three reminders and the answer, the
// decision and a report-due reminder, and reads every mail back from a real SMTP server: who it
// went to, in which language, and the link to the page where the organization acts. A second
// notifier started afterwards (a restart) sends nothing again, and the three-reminders rule sees
// the three reminders sent.
func TestNoticesFromQuestionToReportDue(t *testing.T) {
	t.Parallel()
	for _, dialect := range []sqldb.Dialect{sqldb.SQLite, sqldb.Postgres} {
		t.Run(dialect.String(), func(t *testing.T) {
			t.Parallel()
			mp := mailpittest.Start(t)
			f := newFixtureOn(t, dialect)
			f.svc = app.New(f.store, f.dir, f.clock, app.Options{NoAnswerRule: domain.ThreeReminders{Interval: 30 * 24 * time.Hour}})
			notifier := func() *notify.Notifier {
				mailer, err := notify.NewSMTP(notify.SMTPConfig{Addr: mp.SMTPAddr, TLS: "none"})
				if err != nil {
					t.Fatal(err)
				}
				return &notify.Notifier{Outbox: &notify.Outbox{DB: f.db}, Mailer: mailer, Resolve: resolve,
					From: "UN NGO liaison <no-reply@un.example>", PortalURL: "https://liaison.un.example", Now: f.clock.Now}
			}
			n := notifier()
			received, seen := 0, map[string]bool{}
			// expect sends what is due now and checks the one mail that must come of it.
			expect := func(step, to, lang, link, subjectHas string) mailpittest.Message {
				t.Helper()
				sent, err := n.SendDue(ctx)
				if err != nil || sent != 1 {
					t.Fatalf("%s: sent %d, %v; want 1", step, sent, err)
				}
				received++
				var m mailpittest.Message
				for _, got := range mp.WaitFor(t, received, 10*time.Second) {
					if !seen[got.Notice] {
						m = got
					}
				}
				seen[m.Notice] = true
				if len(m.To) != 1 || m.To[0] != to || m.Language != lang || !strings.Contains(m.Text, "https://liaison.un.example"+link) ||
					!strings.Contains(m.Subject, subjectHas) {
					t.Fatalf("%s: mail to %v in %q, subject %q, text:\n%s", step, m.To, m.Language, m.Subject, m.Text)
				}
				return m
			}
			nothingDue := func(step string) {
				t.Helper()
				if sent, err := n.SendDue(ctx); err != nil || sent != 0 {
					t.Fatalf("%s: %d sent, %v; want none", step, sent, err)
				}
			}

			a := f.submitted(t, ngoA, domain.CategorySpecial)
			regular := f.session(t, "2028 regular session", domain.SessionRegular, domain.NewDate(2028, 1, 22))
			resumed := f.session(t, "2028 resumed session", domain.SessionResumed, domain.NewDate(2028, 9, 1))
			a = must(f.svc.Screen(ctx, officer, app.StepCommand{ID: a.ID}, true, ""))
			a = must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: a.ID}, regular.ID))
			nothingDue("before any question")

			asked := time.Date(2028, 1, 23, 15, 0, 0, 0, time.UTC)
			f.clock.Set(asked)
			a = must(f.svc.PoseQuestion(ctx, committee, app.PoseQuestion{StepCommand: app.StepCommand{ID: a.ID}, Text: "Please give your budget.", AskedBy: "CN"}))
			link := "/portal/applications/" + a.ID
			m := expect("question", "focal@alpha.example", "ar", link, "سؤال")
			if !strings.Contains(m.Text, "Please give your budget.") || !strings.Contains(m.Text, "Alpha") {
				t.Fatalf("the question's mail lacks the question or the organization:\n%s", m.Text)
			}
			a = must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: a.ID}, resumed.ID))
			for i, digit := range []string{"١", "٢", "٣"} {
				f.clock.Set(asked.Add(time.Duration(i+1)*30*24*time.Hour - time.Hour))
				nothingDue(fmt.Sprintf("an hour before reminder %d", i+1))
				f.clock.Set(asked.Add(time.Duration(i+1) * 30 * 24 * time.Hour))
				expect(fmt.Sprintf("reminder %d", i+1), "focal@alpha.example", "ar", link, digit)
			}
			got := must(f.svc.GetApplication(ctx, officer, a.ID))
			if r := got.Questions[0].Reminders; len(r) != 3 || !r[2].Equal(asked.Add(90*24*time.Hour)) {
				t.Fatalf("reminders recorded as sent: %v", r)
			}
			// The rule counts those three: one interval after the third, the application is closable.
			rule := domain.ThreeReminders{Interval: 30 * 24 * time.Hour}
			if !rule.ShouldClose(got, domain.CommitteeSession{ID: resumed.ID, StartDate: domain.NewDate(2028, 9, 1)}, nil) {
				t.Fatal("three reminders sent and a month gone: the rule should close")
			}

			// Rescheduled for the resumed session, the open question is also recalled a week before
			// that session's deadline; the answer withdraws that warning.
			outbox := &notify.Outbox{DB: f.db}
			warning := "question:" + a.Questions[0].ID + ":deadline:" + resumed.ID
			if w, ok, err := outbox.Get(ctx, warning); err != nil || !ok || w.State != notify.Pending || !w.Due.Equal(time.Date(2028, 8, 25, 4, 0, 0, 0, time.UTC)) {
				t.Fatalf("deadline warning: %+v %v %v", w, ok, err)
			}
			f.clock.Set(asked.Add(95 * 24 * time.Hour))
			a = must(f.svc.Answer(ctx, ngoA, app.StepCommand{ID: a.ID}, a.Questions[0].ID, "Attached."))
			nothingDue("after the answer")
			if w, _, err := outbox.Get(ctx, warning); err != nil || w.State != notify.Cancelled {
				t.Fatalf("deadline warning after the answer: %s %v", w.State, err)
			}

			f.clock.Set(time.Date(2028, 9, 2, 15, 0, 0, 0, time.UTC))
			a = must(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID}, Outcome: domain.OutcomeRecommend, Category: domain.CategorySpecial}))
			nothingDue("after the recommendation")
			f.clock.Set(time.Date(2028, 10, 20, 15, 0, 0, 0, time.UTC))
			a = must(f.svc.RecordDecision(ctx, officer, app.RecordDecision{StepCommand: app.StepCommand{ID: a.ID}, Decision: domain.DecisionGrant,
				Ref: "E/2028/32", Effective: domain.NewDate(2028, 10, 20)}))
			m = expect("decision", "focal@alpha.example", "ar", link, "قرار")
			if !strings.Contains(m.Text, "E/2028/32") || !strings.Contains(m.Text, "منح المركز الاستشاري") {
				t.Fatalf("the decision's mail:\n%s", m.Text)
			}

			// The first report is due on 1 June 2032: reminded six months, one month and two weeks ahead.
			f.clock.Set(time.Date(2031, 11, 30, 23, 0, 0, 0, time.UTC))
			nothingDue("before six months ahead of the report")
			f.clock.Set(time.Date(2031, 12, 1, 0, 0, 0, 0, time.UTC))
			m = expect("report due in six months", "focal@alpha.example", "ar", "/portal/my", "٢٠٣٢")
			if !strings.Contains(m.Subject, "١ يونيو ٢٠٣٢") {
				t.Fatalf("the due date is not written in Arabic: %q", m.Subject)
			}
			f.clock.Set(time.Date(2032, 5, 1, 0, 0, 0, 0, time.UTC))
			expect("report due in a month", "focal@alpha.example", "ar", "/portal/my", "٢٠٣٢")

			// A notifier started again after all this finds nothing left to send.
			n = notifier()
			nothingDue("after a restart")
			once := map[string]bool{}
			for _, m := range mp.Messages(t) {
				if once[m.Notice] {
					t.Errorf("notice %s sent twice", m.Notice)
				}
				once[m.Notice] = true
			}
			if len(once) != 7 {
				t.Errorf("%d notices, want 7", len(once))
			}
		})
	}
}

// An organization may decline the early report-due reminders, never the last one nor the
// notices a rule depends on; declined notices are not sent.
func TestDeclinedOptionalNoticesAreNotSent(t *testing.T) {
	t.Parallel()
	mp := mailpittest.Start(t)
	f := newFixture(t)
	if _, err := f.svc.SetNoticePreferences(ctx, ngoA, "org_a", []string{notify.KindQuestionReminder}); err == nil {
		t.Fatal("a reminder the no-answer rule counts on was declined")
	}
	if _, err := f.svc.SetNoticePreferences(ctx, ngoB, "org_a", []string{notify.KindReportDue}); err == nil {
		t.Fatal("another organization changed org_a's preferences")
	}
	p := must(f.svc.SetNoticePreferences(ctx, ngoA, "org_a", []string{notify.KindReportDue, notify.KindReportDue}))
	if len(p.Declined) != 1 || must(f.svc.NoticePreferences(ctx, officer, "org_a")).Declined[0] != notify.KindReportDue {
		t.Fatalf("preferences %+v", p)
	}
	mailer, err := notify.NewSMTP(notify.SMTPConfig{Addr: mp.SMTPAddr, TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	n := &notify.Notifier{Outbox: &notify.Outbox{DB: f.db}, Mailer: mailer, From: "liaison@un.example", PortalURL: "https://liaison.un.example", Now: f.clock.Now,
		Resolve: func(ctx context.Context, ref string) (notify.Address, error) {
			a, err := resolve(ctx, ref)
			if err == nil {
				a.Declines, err = f.store.DeclinedNotices(ctx, strings.TrimPrefix(ref, "organization:"))
			}
			return a, err
		}}
	a := f.submitted(t, ngoA, domain.CategorySpecial)
	a = must(f.svc.Screen(ctx, officer, app.StepCommand{ID: a.ID}, true, ""))
	regular := f.session(t, "2028 regular session", domain.SessionRegular, domain.NewDate(2028, 1, 22))
	a = must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: a.ID}, regular.ID))
	f.clock.Set(time.Date(2028, 2, 1, 12, 0, 0, 0, time.UTC))
	a = must(f.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID}, Outcome: domain.OutcomeRecommend, Category: domain.CategorySpecial}))
	f.clock.Set(time.Date(2028, 7, 20, 15, 0, 0, 0, time.UTC))
	must(f.svc.RecordDecision(ctx, officer, app.RecordDecision{StepCommand: app.StepCommand{ID: a.ID}, Decision: domain.DecisionGrant,
		Ref: "E/2028/32", Effective: domain.NewDate(2028, 7, 20)}))
	if sent, err := n.SendDue(ctx); err != nil || sent != 1 {
		t.Fatalf("the decision: %d sent, %v", sent, err)
	}
	// Due 1 June 2032: the six-month and one-month reminders are declined, the two-week one comes.
	for _, day := range []time.Time{time.Date(2031, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2032, 5, 1, 0, 0, 0, 0, time.UTC)} {
		f.clock.Set(day)
		if sent, err := n.SendDue(ctx); err != nil || sent != 0 {
			t.Fatalf("%s: %d sent, %v; the reminder was declined", day, sent, err)
		}
	}
	f.clock.Set(time.Date(2032, 5, 18, 0, 0, 0, 0, time.UTC))
	if sent, err := n.SendDue(ctx); err != nil || sent != 1 {
		t.Fatalf("the last reminder: %d sent, %v", sent, err)
	}
	var keys []string
	for _, m := range mp.WaitFor(t, 2, 10*time.Second) {
		keys = append(keys, m.Notice)
	}
	if !slices.Contains(keys, "report:org_a:2032-06-01:2w") || slices.Contains(keys, "report:org_a:2032-06-01:6m") {
		t.Fatalf("mails sent: %v", keys)
	}
}

// With a Branch mailbox set, officers are told, in English, when an application is submitted
// and when an organization answers the Committee, with the link to the application.
func TestTheBranchMailboxHearsOfSubmissionsAndAnswers(t *testing.T) {
	t.Parallel()
	mp := mailpittest.Start(t)
	f := newFixture(t)
	f.svc = app.New(f.store, f.dir, f.clock, app.Options{BranchMailbox: "ngo-branch@un.example"})
	mailer, err := notify.NewSMTP(notify.SMTPConfig{Addr: mp.SMTPAddr, TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	n := &notify.Notifier{Outbox: &notify.Outbox{DB: f.db}, Mailer: mailer, From: "liaison@un.example", PortalURL: "https://liaison.un.example", Now: f.clock.Now,
		Resolve: func(ctx context.Context, ref string) (notify.Address, error) {
			if org, ok := strings.CutPrefix(ref, "branch:"); ok {
				a, _ := resolve(ctx, "organization:"+org)
				return notify.Address{Email: "ngo-branch@un.example", Name: a.Name, Languages: []string{"en"}}, nil
			}
			return resolve(ctx, ref)
		}}
	a := f.submitted(t, ngoA, domain.CategorySpecial)
	a = must(f.svc.Screen(ctx, officer, app.StepCommand{ID: a.ID}, true, ""))
	regular := f.session(t, "2028 regular session", domain.SessionRegular, domain.NewDate(2028, 1, 22))
	a = must(f.svc.Schedule(ctx, officer, app.StepCommand{ID: a.ID}, regular.ID))
	f.clock.Set(time.Date(2028, 1, 23, 15, 0, 0, 0, time.UTC))
	a = must(f.svc.PoseQuestion(ctx, committee, app.PoseQuestion{StepCommand: app.StepCommand{ID: a.ID}, Text: "Please give your budget.", AskedBy: "CN"}))
	f.clock.Set(time.Date(2028, 2, 1, 15, 0, 0, 0, time.UTC))
	must(f.svc.Answer(ctx, ngoA, app.StepCommand{ID: a.ID}, a.Questions[0].ID, "Our budget is attached."))
	if sent, err := n.SendDue(ctx); err != nil || sent != 3 {
		t.Fatalf("submission, question and answer: %d sent, %v", sent, err)
	}
	var toBranch []mailpittest.Message
	for _, m := range mp.WaitFor(t, 3, 10*time.Second) {
		if len(m.To) == 1 && m.To[0] == "ngo-branch@un.example" {
			toBranch = append(toBranch, m)
		}
	}
	if len(toBranch) != 2 {
		t.Fatalf("%d mails to the Branch, want 2", len(toBranch))
	}
	for _, m := range toBranch {
		if m.Language != "en" || !strings.Contains(m.Subject, "Alpha") || !strings.Contains(m.Text, "https://liaison.un.example/portal/applications/"+a.ID) {
			t.Errorf("to the Branch: %q %q\n%s", m.Language, m.Subject, m.Text)
		}
	}
	if !strings.Contains(toBranch[0].Subject+toBranch[1].Subject, "Answer received") || !strings.Contains(toBranch[0].Text+toBranch[1].Text, "Our budget is attached.") {
		t.Errorf("the answer's mail is missing")
	}
}
