package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/platform/notify/mailpittest"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
	"github.com/un-liaison/liaison/services/events/migrations"
)

// A person moved up from the waiting list is told, in their organization's language, with the
// link to the event's page; the notice is written in the promotion's transaction and read back
// from a real SMTP server.
func TestWaitlistPromotionSendsANotice(t *testing.T) {
	t.Parallel()
	mp := mailpittest.Start(t)
	sqltest.Each(t, sqldb.Options{Service: "events", Migrations: migrations.FS}, func(t *testing.T, open func() *sqldb.DB) {
		ctx := context.Background()
		db := open()
		s := sqlstore.New(db)
		e := newEvent(t, s, func(e *domain.Event) { e.Capacity = 1 })
		first, _ := register(s, e.ID, "org_a", "a@example.org")
		second, _ := register(s, e.ID, "org_b", "b-"+db.Dialect().String()+"@example.org")
		mailer, err := notify.NewSMTP(notify.SMTPConfig{Addr: mp.SMTPAddr, TLS: "none"})
		if err != nil {
			t.Fatal(err)
		}
		langs := map[string][]string{"org_b": {"zh"}}
		n := &notify.Notifier{Outbox: &notify.Outbox{DB: db}, Mailer: mailer, From: "liaison@un.example", PortalURL: "https://liaison.un.example",
			Resolve: func(_ context.Context, ref string) (notify.Address, error) {
				rest, _ := strings.CutPrefix(ref, "participant:")
				org, email, _ := strings.Cut(rest, ":")
				return notify.Address{Email: email, Languages: langs[org]}, nil
			}}
		// Each is told at once: the first of a confirmed place, the second of the waiting list.
		if sent, err := n.SendDue(ctx); err != nil || sent != 2 {
			t.Fatalf("the two registrations: %d sent, %v", sent, err)
		}
		if sent, err := n.SendDue(ctx); err != nil || sent != 0 {
			t.Fatalf("before any promotion: %d sent, %v", sent, err)
		}
		if _, err := s.CancelRegistration(ctx, e.ID, first.ID, func(_ *domain.Event, r *domain.Registration) error {
			r.Cancel(now)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if sent, err := n.SendDue(ctx); err != nil || sent != 1 {
			t.Fatalf("after the promotion: %d sent, %v", sent, err)
		}
		var m mailpittest.Message
		deadline := time.Now().Add(10 * time.Second)
		for m.ID == "" && time.Now().Before(deadline) {
			for _, got := range mp.Messages(t) {
				if got.Notice == "registration:"+second.ID+":promoted" {
					m = got
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
		var waiting mailpittest.Message
		for _, got := range mp.Messages(t) {
			if got.Notice == "registration:"+second.ID+":admitted" {
				waiting = got
			}
		}
		if waiting.Language != "zh" || !strings.Contains(waiting.Subject, "候补") || !strings.Contains(waiting.Text, "第1位") {
			t.Fatalf("the waiting-list mail: %q %q\n%s", waiting.Language, waiting.Subject, waiting.Text)
		}
		if len(m.To) != 1 || m.To[0] != second.Participant.Email || m.Language != "zh" ||
			!strings.Contains(m.Text, "https://liaison.un.example/portal/events/"+e.ID) || !strings.Contains(m.Text, "2021年9月19日") ||
			!strings.Contains(m.Subject, "名额") || !strings.Contains(m.Text, "Ada Lovelace") {
			t.Fatalf("the promotion's mail: to %v in %q, %q\n%s", m.To, m.Language, m.Subject, m.Text)
		}
	})
}

// A side-event proposal decided tells the proposing organization, at its address of record and
// in its language: approved with the link to the new side event, declined with the reason.
func TestProposalDecisionsSendNotices(t *testing.T) {
	t.Parallel()
	mp := mailpittest.Start(t)
	sqltest.Each(t, sqldb.Options{Service: "events", Migrations: migrations.FS}, func(t *testing.T, open func() *sqldb.DB) {
		ctx := context.Background()
		db := open()
		s := sqlstore.New(db)
		meeting := newEvent(t, s, nil)
		propose := func(org string) domain.SideEventProposal {
			p := domain.SideEventProposal{
				ID: app.NewID("sep"), EventID: meeting.ID, OrganizationID: org, Title: "Dignity online", Description: "d",
				PreferredStart: start.Add(24 * time.Hour), PreferredEnd: start.Add(25 * time.Hour), TimeZone: "America/New_York",
				State: domain.ProposalProposed, Created: now, Updated: now, Revision: 1,
			}
			if err := s.CreateProposal(ctx, &p, app.RequestKey{}); err != nil {
				t.Fatal(err)
			}
			return p
		}
		approved, declined := propose("org_ru"), propose("org_es")
		side := ""
		if _, _, err := s.DecideProposal(ctx, approved.ID, app.RequestKey{}, func(p *domain.SideEventProposal, m *domain.Event) (*domain.Event, error) {
			ev, err := p.Approve(m, domain.ApprovalChoice{}, now)
			ev.ID = app.NewID("evt")
			side = ev.ID
			p.Approved(ev.ID, now)
			return &ev, err
		}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.DecideProposal(ctx, declined.ID, app.RequestKey{}, func(p *domain.SideEventProposal, _ *domain.Event) (*domain.Event, error) {
			return nil, p.Reject("The programme is full.", now)
		}); err != nil {
			t.Fatal(err)
		}
		suffix := db.Dialect().String()
		addrs := map[string]notify.Address{
			"organization:org_ru": {Email: "ru-" + suffix + "@example.org", Name: "Vera", Languages: []string{"ru"}},
			"organization:org_es": {Email: "es-" + suffix + "@example.org", Name: "Sol", Languages: []string{"es"}},
		}
		mailer, err := notify.NewSMTP(notify.SMTPConfig{Addr: mp.SMTPAddr, TLS: "none"})
		if err != nil {
			t.Fatal(err)
		}
		n := &notify.Notifier{Outbox: &notify.Outbox{DB: db}, Mailer: mailer, From: "liaison@un.example", PortalURL: "https://liaison.un.example",
			Resolve: func(_ context.Context, ref string) (notify.Address, error) { return addrs[ref], nil }}
		if sent, err := n.SendDue(ctx); err != nil || sent != 2 {
			t.Fatalf("after two decisions: %d sent, %v", sent, err)
		}
		byTo := map[string]mailpittest.Message{}
		deadline := time.Now().Add(10 * time.Second)
		for len(byTo) < 2 && time.Now().Before(deadline) {
			for _, m := range mp.Messages(t) {
				if len(m.To) == 1 && strings.HasSuffix(m.To[0], "-"+suffix+"@example.org") {
					byTo[m.To[0]] = m
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
		ru, es := byTo["ru-"+suffix+"@example.org"], byTo["es-"+suffix+"@example.org"]
		if ru.Language != "ru" || !strings.Contains(ru.Subject, "одобрено") || !strings.Contains(ru.Text, "https://liaison.un.example/portal/events/"+side) {
			t.Errorf("approval: %q %q\n%s", ru.Language, ru.Subject, ru.Text)
		}
		if es.Language != "es" || !strings.Contains(es.Subject, "rechazada") || !strings.Contains(es.Text, "The programme is full.") ||
			!strings.Contains(es.Text, "/portal/events/"+meeting.ID) {
			t.Errorf("rejection: %q %q\n%s", es.Language, es.Subject, es.Text)
		}
	})
}
