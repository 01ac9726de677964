package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
	"github.com/un-liaison/liaison/services/accreditation/migrations"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

var (
	ctx = context.Background()
	t0  = time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)
)

// each runs the contract on SQLite and PostgreSQL.
func each(t *testing.T, fn func(t *testing.T, s *sqlstore.Store)) {
	t.Parallel()
	sqltest.Each(t, sqldb.Options{Service: "accreditation", Migrations: migrations.FS}, func(t *testing.T, open func() *sqldb.DB) {
		fn(t, sqlstore.New(open()))
	})
}

func draft(id, org string) domain.Application {
	a, err := domain.NewApplication(id, org, domain.KindNew, domain.CategorySpecial, domain.Questionnaire{AimsAndPurposes: "aims"}, t0)
	if err != nil {
		panic(err)
	}
	return a
}

func insert(t *testing.T, s *sqlstore.Store, a *domain.Application) {
	t.Helper()
	if err := s.InTx(ctx, func(tx app.Tx) error { return tx.InsertApplication(ctx, a) }); err != nil {
		t.Fatal(err)
	}
}

func TestApplicationsRoundTrip(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		a := draft("app_1", "org_a")
		insert(t, s, &a)
		doc := domain.Document{ID: "doc_1", Kind: domain.DocConstitution, Filename: "s.pdf", ContentType: domain.ContentTypePDF,
			SizeBytes: 4, SHA256: "abcd", UploadTime: t0}
		err := s.InTx(ctx, func(tx app.Tx) error {
			got, err := tx.Application(ctx, "app_1")
			if err != nil {
				return err
			}
			got.Documents = append(got.Documents, doc)
			got.Questions = append(got.Questions, domain.Question{ID: "q_1", Text: "Why?", AskedBy: "GB", SessionID: "ses_1", AskedTime: t0})
			got.State, got.SubmitTime, got.DeferralCount = domain.StateDeferred, t0, 1
			if err := tx.InsertDocument(ctx, got.ID, doc, []byte("%PDF")); err != nil {
				return err
			}
			return tx.SaveApplication(ctx, &got)
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Application(ctx, "app_1")
		if err != nil {
			t.Fatal(err)
		}
		if got.Revision != 2 || got.State != domain.StateDeferred || !got.SubmitTime.Equal(t0) || got.DeferralCount != 1 ||
			len(got.Documents) != 1 || got.Documents[0] != doc || len(got.Questions) != 1 || got.Questions[0].Answered() ||
			got.Questionnaire.AimsAndPurposes != "aims" || !got.CreateTime.Equal(t0) {
			t.Fatalf("read back %+v", got)
		}
		// Answer the question: the upsert updates it in place.
		err = s.InTx(ctx, func(tx app.Tx) error {
			got.Questions[0].Answer, got.Questions[0].AnswerTime = "Because.", t0.Add(time.Hour)
			return tx.SaveApplication(ctx, &got)
		})
		if err != nil {
			t.Fatal(err)
		}
		again, _ := s.Application(ctx, "app_1")
		if len(again.Questions) != 1 || again.Questions[0].Answer != "Because." || !again.Questions[0].AnswerTime.Equal(t0.Add(time.Hour)) {
			t.Fatalf("answer not stored: %+v", again.Questions)
		}
		d, content, err := s.DocumentContent(ctx, "app_1", "doc_1")
		if err != nil || string(content) != "%PDF" || d.SHA256 != "abcd" {
			t.Fatalf("document %v %q %v", d, content, err)
		}
		var nf *domain.NotFoundError
		if _, err := s.Application(ctx, "nope"); !errors.As(err, &nf) {
			t.Fatalf("missing application: %v", err)
		}
		if _, _, err := s.DocumentContent(ctx, "app_1", "nope"); !errors.As(err, &nf) {
			t.Fatalf("missing document: %v", err)
		}
	})
}

func TestStaleRevisionConflicts(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		a := draft("app_1", "org_a")
		insert(t, s, &a)
		stale := a
		if err := s.InTx(ctx, func(tx app.Tx) error { return tx.SaveApplication(ctx, &a) }); err != nil {
			t.Fatal(err)
		}
		err := s.InTx(ctx, func(tx app.Tx) error { return tx.SaveApplication(ctx, &stale) })
		var ce *domain.ConflictError
		if !errors.As(err, &ce) {
			t.Fatalf("stale save: %v", err)
		}
	})
}

func TestOneOpenApplicationPerOrganization(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		a := draft("app_1", "org_a")
		insert(t, s, &a)
		b := draft("app_2", "org_a")
		err := s.InTx(ctx, func(tx app.Tx) error { return tx.InsertApplication(ctx, &b) })
		var ae *domain.AlreadyExistsError
		if !errors.As(err, &ae) {
			t.Fatalf("second open application: %v", err)
		}
		a.State = domain.StateWithdrawn
		if err := s.InTx(ctx, func(tx app.Tx) error { return tx.SaveApplication(ctx, &a) }); err != nil {
			t.Fatal(err)
		}
		insert(t, s, &b) // the first one is final now
	})
}

func TestEventsPage(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		a := draft("app_1", "org_a")
		insert(t, s, &a)
		err := s.InTx(ctx, func(tx app.Tx) error {
			for i := range 5 {
				e := domain.Event{ID: fmt.Sprintf("evt_%d", i), ApplicationID: a.ID, Action: domain.ActionUpdate,
					Actor: domain.Actor{Subject: "u", Roles: []string{"ngo", "admin"}, Org: "org_a"},
					From:  domain.StateDraft, To: domain.StateDraft, Time: t0.Add(time.Duration(i) * time.Minute), Note: "n"}
				if err := tx.AppendEvent(ctx, e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		first, seqs, err := s.Events(ctx, a.ID, 0, 3)
		if err != nil || len(first) != 3 || first[0].ID != "evt_0" || len(first[0].Actor.Roles) != 2 {
			t.Fatalf("first page %+v %v", first, err)
		}
		rest, _, err := s.Events(ctx, a.ID, seqs[2], 3)
		if err != nil || len(rest) != 2 || rest[0].ID != "evt_3" || !rest[1].Time.Equal(t0.Add(4*time.Minute)) {
			t.Fatalf("second page %+v %v", rest, err)
		}
	})
}

func TestSessions(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		mk := func(id string, y int, m time.Month, kind domain.SessionKind) domain.CommitteeSession {
			x, _ := domain.NewCommitteeSession(id, id, kind, domain.NewDate(y, m, 20), domain.NewDate(y, m, 29), nil, t0)
			return x
		}
		all := []domain.CommitteeSession{mk("s4", 2029, 5, domain.SessionResumed), mk("s1", 2028, 1, domain.SessionRegular),
			mk("s2", 2028, 5, domain.SessionResumed), mk("s3", 2029, 1, domain.SessionRegular)}
		err := s.InTx(ctx, func(tx app.Tx) error {
			for _, x := range all {
				if err := tx.InsertSession(ctx, x); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		page, err := s.Sessions(ctx, app.SessionQuery{Limit: 2})
		if err != nil || len(page) != 2 || page[0].ID != "s1" || page[1].ID != "s2" {
			t.Fatalf("page 1: %v %v", page, err)
		}
		page, _ = s.Sessions(ctx, app.SessionQuery{Limit: 5, After: &app.SessionCursor{Start: page[1].StartDate.String(), ID: page[1].ID}})
		if len(page) != 2 || page[0].ID != "s3" {
			t.Fatalf("page 2: %v", page)
		}
		page, _ = s.Sessions(ctx, app.SessionQuery{Limit: 5, Year: 2029, Kind: domain.SessionResumed})
		if len(page) != 1 || page[0].ID != "s4" || page[0].StartDate != domain.NewDate(2029, 5, 20) {
			t.Fatalf("filtered: %v", page)
		}
		got, err := s.Session(ctx, "s2")
		if err != nil || got.Kind != domain.SessionResumed || got.EndDate != domain.NewDate(2028, 5, 29) {
			t.Fatalf("get: %+v %v", got, err)
		}
	})
}

func TestStatusesAndChangeLog(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		if st, err := s.Status(ctx, "org_a"); err != nil || st.State != domain.StatusNone {
			t.Fatalf("unknown org: %+v %v", st, err)
		}
		grant := func(org string, c domain.Category) {
			err := s.InTx(ctx, func(tx app.Tx) error {
				st, err := tx.Status(ctx, org)
				if err != nil {
					return err
				}
				ch, err := st.Grant(c, domain.NewDate(2028, 7, 15), "E/2028/32", "app_"+org, t0)
				if err != nil {
					return err
				}
				if err := tx.SaveStatus(ctx, &st); err != nil {
					return err
				}
				ch.Status = st
				return tx.AppendChange(ctx, &ch)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		grant("org_a", domain.CategorySpecial)
		grant("org_b", domain.CategoryRoster)
		st, _ := s.Status(ctx, "org_a")
		if st.State != domain.StatusActive || st.NextReportDue != domain.NewDate(2032, 6, 1) || st.Revision != 1 {
			t.Fatalf("status %+v", st)
		}
		m, err := s.Statuses(ctx, []string{"org_a", "org_b", "org_c"})
		if err != nil || len(m) != 2 || m["org_b"].Category != domain.CategoryRoster {
			t.Fatalf("batch %v %v", m, err)
		}
		// A stale save conflicts.
		stale := st
		if err := s.InTx(ctx, func(tx app.Tx) error { return tx.SaveStatus(ctx, &st) }); err != nil {
			t.Fatal(err)
		}
		var ce *domain.ConflictError
		if err := s.InTx(ctx, func(tx app.Tx) error { return tx.SaveStatus(ctx, &stale) }); !errors.As(err, &ce) {
			t.Fatalf("stale status save: %v", err)
		}
		var due []domain.Status
		_ = s.InTx(ctx, func(tx app.Tx) error {
			due, err = tx.StatusesToEnforce(ctx, domain.NewDate(2032, 6, 2))
			return err
		})
		if len(due) != 1 || due[0].OrganizationID != "org_a" {
			t.Fatalf("to enforce %+v", due)
		}
		changes, err := s.ChangesAfter(ctx, 0, 10)
		if err != nil || len(changes) != 2 || changes[0].Sequence != 1 || changes[1].Sequence != 2 ||
			changes[0].Kind != domain.ChangeGranted || changes[0].Status.NextReportDue != domain.NewDate(2032, 6, 1) ||
			changes[1].ApplicationID != "app_org_b" || changes[1].PreviousState != domain.StatusNone {
			t.Fatalf("changes %+v %v", changes, err)
		}
		if last, _ := s.LastSequence(ctx); last != 2 {
			t.Fatalf("last sequence %d", last)
		}
		if rest, _ := s.ChangesAfter(ctx, 1, 10); len(rest) != 1 || rest[0].OrganizationID != "org_b" {
			t.Fatalf("after 1: %+v", rest)
		}
	})
}

// TestChangeSequencesUnderConcurrency checks that concurrent writers get
// distinct, gap-free sequences, so a reader never skips one.
func TestChangeSequencesUnderConcurrency(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		const n = 30
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Go(func() {
				errs <- s.InTx(ctx, func(tx app.Tx) error {
					c := domain.Change{OrganizationID: fmt.Sprintf("org_%d", i), Kind: domain.ChangeGranted, Time: t0,
						Status: domain.Status{State: domain.StatusActive, Category: domain.CategoryRoster}}
					return tx.AppendChange(ctx, &c)
				})
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		all, err := s.ChangesAfter(ctx, 0, 100)
		if err != nil || len(all) != n {
			t.Fatalf("%d changes, %v", len(all), err)
		}
		for i, c := range all {
			if c.Sequence != uint64(i+1) {
				t.Fatalf("change %d has sequence %d", i, c.Sequence)
			}
		}
	})
}

func TestReports(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		doc := domain.Document{ID: "doc_1", Kind: domain.DocOther, Filename: "r.pdf", ContentType: domain.ContentTypePDF, SizeBytes: 4, SHA256: "ff", UploadTime: t0}
		for i, start := range []int{2028, 2032} {
			r := domain.QuadrennialReport{ID: fmt.Sprintf("qr_%d", i), OrganizationID: "org_a", PeriodStartYear: start, PeriodEndYear: start + 3,
				Summary: "s", SubmitTime: t0, CreateTime: t0, UpdateTime: t0, Revision: 1}
			if i == 0 {
				r.Document = &doc
			}
			if err := s.InTx(ctx, func(tx app.Tx) error { return tx.InsertReport(ctx, r, []byte("%PDF")) }); err != nil {
				t.Fatal(err)
			}
		}
		dup := domain.QuadrennialReport{ID: "qr_x", OrganizationID: "org_a", PeriodStartYear: 2028, PeriodEndYear: 2031, SubmitTime: t0, CreateTime: t0, UpdateTime: t0}
		var ae *domain.AlreadyExistsError
		if err := s.InTx(ctx, func(tx app.Tx) error { return tx.InsertReport(ctx, dup, nil) }); !errors.As(err, &ae) {
			t.Fatalf("duplicate period: %v", err)
		}
		list, err := s.Reports(ctx, "org_a", nil, 1)
		if err != nil || len(list) != 1 || list[0].PeriodStartYear != 2032 || list[0].Document != nil {
			t.Fatalf("page 1 %+v %v", list, err)
		}
		list, _ = s.Reports(ctx, "org_a", &app.ReportCursor{PeriodStart: 2032, ID: list[0].ID}, 5)
		if len(list) != 1 || list[0].PeriodStartYear != 2028 || list[0].Document == nil || *list[0].Document != doc {
			t.Fatalf("page 2 %+v", list)
		}
	})
}

func TestRequestLog(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		key := app.RequestKey{Caller: "u", RequestID: "r1", Method: "CreateApplication"}
		if _, ok, err := s.Replay(ctx, key); ok || err != nil {
			t.Fatalf("empty log: %v %v", ok, err)
		}
		if err := s.InTx(ctx, func(tx app.Tx) error { return tx.Remember(ctx, key, []byte(`{"a":1}`), t0) }); err != nil {
			t.Fatal(err)
		}
		b, ok, err := s.Replay(ctx, key)
		if !ok || err != nil || string(b) != `{"a":1}` {
			t.Fatalf("replay %q %v %v", b, ok, err)
		}
		var ae *domain.AlreadyExistsError
		if err := s.InTx(ctx, func(tx app.Tx) error { return tx.Remember(ctx, key, []byte(`{}`), t0) }); !errors.As(err, &ae) {
			t.Fatalf("second remember: %v", err)
		}
	})
}

func TestWorkQueue(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		// Five applications: submitted 10, 20, 30, 40 days before now, one never submitted;
		// deferral counts 0..3; one final (closed after 5 days).
		now := t0.Add(100 * 24 * time.Hour)
		for i := range 5 {
			a := draft(fmt.Sprintf("app_%d", i), fmt.Sprintf("org_%d", i))
			insert(t, s, &a)
			if i == 4 {
				continue
			}
			a.State, a.SessionID, a.ReviewCycleYear, a.DeferralCount = domain.StateDeferred, "ses_1", 2028, i
			a.SubmitTime = now.Add(-time.Duration(10*(i+1)) * 24 * time.Hour)
			if i == 3 {
				a.State, a.FinalTime = domain.StateClosed, a.SubmitTime.Add(5*24*time.Hour)
			}
			if err := s.InTx(ctx, func(tx app.Tx) error { return tx.SaveApplication(ctx, &a) }); err != nil {
				t.Fatal(err)
			}
		}
		ids := func(p app.ApplicationPage) (out []string) {
			for _, a := range p.Applications {
				out = append(out, a.ID)
			}
			return out
		}
		tests := []struct {
			name string
			q    app.ApplicationQuery
			want string
		}{
			{"default longest waiting first, never submitted last", app.ApplicationQuery{Order: []app.OrderKey{{Field: "submit_time"}}}, "[app_3 app_2 app_1 app_0 app_4]"},
			{"submit desc, never submitted still last", app.ApplicationQuery{Order: []app.OrderKey{{Field: "submit_time", Desc: true}}}, "[app_0 app_1 app_2 app_3 app_4]"},
			{"deferred at least twice", app.ApplicationQuery{MinDeferrals: 2, Order: []app.OrderKey{{Field: "deferral_count", Desc: true}}}, "[app_3 app_2]"},
			{"pending 20 days or more (final ones frozen)", app.ApplicationQuery{MinDaysPending: 20, Order: []app.OrderKey{{Field: "days_pending", Desc: true}}}, "[app_2 app_1]"},
			{"state and session", app.ApplicationQuery{States: []domain.State{domain.StateDeferred}, SessionID: "ses_1", ReviewCycleYear: 2028,
				Category: domain.CategorySpecial, Order: []app.OrderKey{{Field: "create_time"}}}, "[app_0 app_1 app_2]"},
			{"one organization", app.ApplicationQuery{OrganizationID: "org_4", Order: []app.OrderKey{{Field: "update_time"}}}, "[app_4]"},
			{"drafts hidden", app.ApplicationQuery{HideDrafts: true, Order: []app.OrderKey{{Field: "create_time"}}}, "[app_0 app_1 app_2 app_3]"},
		}
		for _, tt := range tests {
			q := tt.q
			q.Now = now
			// Walk the pages two at a time to prove the keyset is consistent with the order.
			q.Limit = 2
			var all []string
			total := -1
			for range 10 {
				p, err := s.Applications(ctx, q)
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				all = append(all, ids(p)...)
				total = p.Total
				if p.Next == nil {
					break
				}
				q.After = p.Next
			}
			if got := fmt.Sprint(all); got != tt.want {
				t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
			}
			if total != len(all) {
				t.Errorf("%s: total %d, listed %d", tt.name, total, len(all))
			}
		}
	})
}
