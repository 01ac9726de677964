package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
	"github.com/un-liaison/liaison/services/events/migrations"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

var (
	now   = time.Date(2021, 9, 1, 12, 0, 0, 0, time.UTC)
	start = time.Date(2021, 9, 19, 13, 0, 0, 0, time.UTC)
)

// each runs a contract test against SQLite and PostgreSQL.
func each(t *testing.T, fn func(t *testing.T, s *sqlstore.Store)) {
	t.Parallel()
	sqltest.Each(t, sqldb.Options{Service: "events", Migrations: migrations.FS}, func(t *testing.T, open func() *sqldb.DB) {
		fn(t, sqlstore.New(open()))
	})
}

func newEvent(t *testing.T, s *sqlstore.Store, edit func(*domain.Event)) domain.Event {
	t.Helper()
	e := domain.Event{
		ID: app.NewID("evt"), Title: "Broadband Commission Annual Fall Session", Kind: domain.KindMeeting,
		Start: start, End: start.Add(3*time.Hour + 30*time.Minute), TimeZone: "America/New_York",
		Organizers: []domain.Organizer{{Name: "International Telecommunication Union"}},
		Tags:       []string{"digital"}, State: domain.EventScheduled, Created: now, Updated: now, Revision: 1,
	}
	if edit != nil {
		edit(&e)
	}
	if err := s.CreateEvent(context.Background(), &e, app.RequestKey{}); err != nil {
		t.Fatalf("CreateEvent: %v", err)
	}
	return e
}

func register(s *sqlstore.Store, eventID, org, email string) (domain.Registration, error) {
	r := domain.Registration{
		ID: app.NewID("reg"), EventID: eventID, OrganizationID: org,
		Participant: domain.Participant{GivenName: "Ada", FamilyName: "Lovelace", Email: email},
		Created:     now, Updated: now, Revision: 1,
	}
	err := s.Register(context.Background(), &r, app.RequestKey{}, func(a domain.Admission) (domain.RegistrationState, error) {
		a.Now = now
		a.Status = domain.ConsultativeStatus{State: domain.StatusActive}
		return domain.Admit(a)
	})
	return r, err
}

func TestEventRoundTrip(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		want := newEvent(t, s, func(e *domain.Event) {
			e.RegistrationCloses = start.Add(-time.Hour)
			e.Capacity, e.QuotaPerOrganization, e.RequiresConsultativeStatus = 10, 2, true
			e.OnlineURL = "https://example.org/live"
		})
		got, err := s.GetEvent(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != want.Title || !got.Start.Equal(want.Start) || !got.RegistrationCloses.Equal(want.RegistrationCloses) ||
			!got.RegistrationOpens.IsZero() || got.Capacity != 10 || !got.RequiresConsultativeStatus || got.Tags[0] != "digital" ||
			got.Organizers[0].Name != "International Telecommunication Union" || got.Etag() != want.Etag() {
			t.Fatalf("got %+v\nwant %+v", got, want)
		}
		if _, err := s.GetEvent(ctx, "evt_missing"); domain.KindOf(err) != domain.KindNotFound {
			t.Fatalf("missing event: %v", err)
		}
	})
}

func TestListEventsFiltersAndPages(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		meeting := newEvent(t, s, nil)
		for i := range 5 {
			newEvent(t, s, func(e *domain.Event) {
				e.Title = fmt.Sprintf("Side event %d", i)
				e.Kind, e.ParentEventID = domain.KindSideEvent, meeting.ID
				e.Start = start.Add(time.Duration(i+1) * 24 * time.Hour)
				e.End = e.Start.Add(time.Hour)
				e.Organizers = []domain.Organizer{{Name: "Access Now", OrganizationID: "org_access"}}
				e.Tags = []string{"human-rights"}
			})
		}
		tests := []struct {
			name string
			f    app.EventFilter
			want int
		}{
			{"all", app.EventFilter{}, 6},
			{"query-all-words", app.EventFilter{Words: []string{"broadband", "fall"}}, 1},
			{"query-organizer-name", app.EventFilter{Words: []string{"access"}}, 5},
			{"query-no-match", app.EventFilter{Words: []string{"broadband", "zebra"}}, 0},
			{"tag", app.EventFilter{Tags: []string{"digital"}}, 1},
			{"kind", app.EventFilter{Kinds: []domain.EventKind{domain.KindSideEvent}}, 5},
			{"organizer-id", app.EventFilter{Organizer: "org_access"}, 5},
			{"organizer-name-part", app.EventFilter{Organizer: "telecommunication"}, 1},
			{"parent", app.EventFilter{ParentEventID: meeting.ID}, 5},
			{"from", app.EventFilter{From: start.Add(48 * time.Hour)}, 4},
			{"to", app.EventFilter{To: start.Add(24 * time.Hour)}, 1},
			{"like-wildcards-are-literal", app.EventFilter{Words: []string{"%"}}, 0},
		}
		for _, tc := range tests {
			got, total, err := s.ListEvents(ctx, tc.f, app.Page{Size: 100})
			if err != nil || len(got) != tc.want || total != tc.want {
				t.Errorf("%s: %d events (total %d), %v; want %d", tc.name, len(got), total, err, tc.want)
			}
		}
		for _, order := range []app.EventOrder{app.ByStartAsc, app.ByStartDesc, app.ByUpdateAsc, app.ByUpdateDesc} {
			all, _, _ := s.ListEvents(ctx, app.EventFilter{Order: order}, app.Page{Size: 100})
			var paged []domain.Event
			var after *app.Cursor
			for {
				page, _, err := s.ListEvents(ctx, app.EventFilter{Order: order}, app.Page{Size: 2, After: after})
				if err != nil {
					t.Fatal(err)
				}
				paged = append(paged, page...)
				if len(page) < 2 {
					break
				}
				c := app.EventCursor(page[len(page)-1], order)
				after = &c
			}
			if len(paged) != len(all) {
				t.Fatalf("order %d: paging gave %d events, want %d", order, len(paged), len(all))
			}
			for i := range all {
				if paged[i].ID != all[i].ID {
					t.Fatalf("order %d: page order differs at %d", order, i)
				}
			}
		}
	})
}

// TestNoOverbooking is the proof that seats are never overbooked: 40 registrations arrive at once
// for 10 seats; exactly 10 are confirmed and 30 waitlisted, with waiting-list positions 1..30.
func TestNoOverbooking(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		e := newEvent(t, s, func(e *domain.Event) { e.Capacity = 10 })
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := register(s, e.ID, fmt.Sprintf("org_%d", i%7), fmt.Sprintf("person%d@example.org", i))
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("registration failed: %v", err)
			}
		}
		regs, total, err := s.ListRegistrations(ctx, app.OwnedFilter{EventID: e.ID}, app.Page{Size: 100})
		if err != nil || total != 40 {
			t.Fatalf("list: %d, %v", total, err)
		}
		confirmed, positions := 0, map[int]bool{}
		for _, r := range regs {
			switch r.State {
			case domain.RegistrationConfirmed:
				confirmed++
			case domain.RegistrationWaitlisted:
				positions[r.WaitlistPosition] = true
			}
		}
		if confirmed != 10 || len(positions) != 30 || !positions[1] || !positions[30] {
			t.Fatalf("confirmed %d, waitlist positions %v", confirmed, positions)
		}
		got, _ := s.GetEvent(ctx, e.ID)
		if got.Confirmed != 10 || got.Waitlisted != 30 {
			t.Fatalf("event counts %d/%d", got.Confirmed, got.Waitlisted)
		}
		// Arrival order is the waiting list: the first ten to arrive hold the seats.
		for i, r := range regs {
			if (i < 10) != (r.State == domain.RegistrationConfirmed) {
				t.Fatalf("registration %d in arrival order is %v", i, r.State)
			}
		}
	})
}

func TestCancelPromotesFirstWaitlisted(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		e := newEvent(t, s, func(e *domain.Event) { e.Capacity = 1 })
		first, _ := register(s, e.ID, "org_a", "a@example.org")
		second, _ := register(s, e.ID, "org_b", "b@example.org")
		third, _ := register(s, e.ID, "org_c", "c@example.org")
		if first.State != domain.RegistrationConfirmed || second.WaitlistPosition != 1 || third.WaitlistPosition != 2 {
			t.Fatalf("states %v %v/%d %v/%d", first.State, second.State, second.WaitlistPosition, third.State, third.WaitlistPosition)
		}
		cancelled, err := s.CancelRegistration(ctx, e.ID, first.ID, func(_ *domain.Event, r *domain.Registration) error {
			r.Cancel(now)
			return nil
		})
		if err != nil || cancelled.State != domain.RegistrationCancelled || cancelled.Etag() == first.Etag() {
			t.Fatalf("cancel: %+v, %v", cancelled, err)
		}
		got2, _ := s.GetRegistration(ctx, e.ID, second.ID)
		got3, _ := s.GetRegistration(ctx, e.ID, third.ID)
		if got2.State != domain.RegistrationConfirmed || got3.WaitlistPosition != 1 {
			t.Fatalf("after cancel: second %v, third position %d", got2.State, got3.WaitlistPosition)
		}
		// The cancelled person may register again; the email is free once the registration is dead.
		if _, err := register(s, e.ID, "org_a", "A@example.org"); err != nil {
			t.Fatalf("re-register after cancel: %v", err)
		}
		if _, err := register(s, e.ID, "org_a", "b@EXAMPLE.org"); domain.ReasonOf(err) != domain.ReasonAlreadyRegistered {
			t.Fatalf("same person twice: %v", err)
		}
		// Raising the capacity confirms waiting people at once, in order.
		if _, err := s.UpdateEvent(ctx, e.ID, app.RequestKey{}, func(e *domain.Event) error { e.Capacity = 5; return nil }); err != nil {
			t.Fatal(err)
		}
		ev, _ := s.GetEvent(ctx, e.ID)
		if ev.Confirmed != 3 || ev.Waitlisted != 0 {
			t.Fatalf("after raising capacity: %d/%d", ev.Confirmed, ev.Waitlisted)
		}
	})
}

func TestQuotaCountsLiveRegistrations(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		e := newEvent(t, s, func(e *domain.Event) { e.QuotaPerOrganization = 2 })
		if _, err := register(s, e.ID, "org_a", "1@example.org"); err != nil {
			t.Fatal(err)
		}
		if _, err := register(s, e.ID, "org_a", "2@example.org"); err != nil {
			t.Fatal(err)
		}
		if _, err := register(s, e.ID, "org_a", "3@example.org"); domain.ReasonOf(err) != domain.ReasonQuotaExceeded {
			t.Fatalf("third over a quota of 2: %v", err)
		}
		if _, err := register(s, e.ID, "org_b", "3@example.org"); err != nil {
			t.Fatalf("another organization: %v", err)
		}
	})
}

func TestRequestLogReplays(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		key := app.RequestKey{Caller: "user-1", RequestID: "req-1", Method: app.MethodCreateEvent}
		e := domain.Event{ID: "evt_a", Title: "x", Kind: domain.KindMeeting, Start: start, End: start.Add(time.Hour),
			TimeZone: "UTC", State: domain.EventScheduled, Created: now, Updated: now, Revision: 1}
		if err := s.CreateEvent(ctx, &e, key); err != nil {
			t.Fatal(err)
		}
		id, found, err := s.LookupRequest(ctx, key)
		if err != nil || !found || id != "evt_a" {
			t.Fatalf("lookup: %q %v %v", id, found, err)
		}
		other := key
		other.Caller = "user-2"
		if _, found, _ := s.LookupRequest(ctx, other); found {
			t.Fatal("request ids are per caller")
		}
		e.ID = "evt_b"
		if err := s.CreateEvent(ctx, &e, key); err == nil {
			t.Fatal("a second write with the same key must fail, so that the first answer stands")
		}
		if _, err := s.GetEvent(ctx, "evt_b"); domain.KindOf(err) != domain.KindNotFound {
			t.Fatal("the failed write left an event behind")
		}
	})
}

func TestProposalsOnePerOrganizationAndApproval(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		meeting := newEvent(t, s, nil)
		p := domain.SideEventProposal{
			ID: app.NewID("sep"), EventID: meeting.ID, OrganizationID: "org_a", Title: "Dignity online", Description: "d",
			CoOrganizers:   []domain.Organizer{{Name: "OHCHR"}},
			PreferredStart: start.Add(24 * time.Hour), PreferredEnd: start.Add(25 * time.Hour), TimeZone: "America/New_York",
			State: domain.ProposalProposed, Created: now, Updated: now, Revision: 1,
		}
		if err := s.CreateProposal(ctx, &p, app.RequestKey{}); err != nil {
			t.Fatal(err)
		}
		dup := p
		dup.ID = app.NewID("sep")
		if err := s.CreateProposal(ctx, &dup, app.RequestKey{}); domain.ReasonOf(err) != domain.ReasonProposalExists {
			t.Fatalf("second proposal: %v", err)
		}
		got, side, err := s.DecideProposal(ctx, p.ID, app.RequestKey{}, func(p *domain.SideEventProposal, m *domain.Event) (*domain.Event, error) {
			ev, err := p.Approve(m, domain.ApprovalChoice{}, now)
			ev.ID = app.NewID("evt")
			p.Approved(ev.ID, now)
			return &ev, err
		})
		if err != nil || got.State != domain.ProposalApproved || side == nil {
			t.Fatalf("approve: %+v %v", got, err)
		}
		children, _, _ := s.ListEvents(ctx, app.EventFilter{ParentEventID: meeting.ID}, app.Page{Size: 10})
		if len(children) != 1 || children[0].ID != got.SideEventID || children[0].Organizers[1].Name != "OHCHR" {
			t.Fatalf("side event under the meeting: %+v", children)
		}
		list, total, _ := s.ListProposals(ctx, app.OwnedFilter{OrganizationID: "org_a", State: int(domain.ProposalApproved)}, app.Page{Size: 10})
		if total != 1 || list[0].ID != p.ID {
			t.Fatalf("list: %d", total)
		}
	})
}

func TestAccreditationRequests(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		e := newEvent(t, s, func(e *domain.Event) { e.RequiresConsultativeStatus = true })
		mk := func() domain.AccreditationRequest {
			return domain.AccreditationRequest{ID: app.NewID("acr"), EventID: e.ID, OrganizationID: "org_x", Justification: "j",
				State: domain.RequestPending, Created: now, Updated: now, Revision: 1}
		}
		r := mk()
		if err := s.CreateAccreditationRequest(ctx, &r, app.RequestKey{}); err != nil {
			t.Fatal(err)
		}
		again := mk()
		if err := s.CreateAccreditationRequest(ctx, &again, app.RequestKey{}); domain.ReasonOf(err) != domain.ReasonRequestExists {
			t.Fatalf("second pending request: %v", err)
		}
		if _, err := s.DecideAccreditationRequest(ctx, r.ID, app.RequestKey{}, func(r *domain.AccreditationRequest) error {
			return r.Decide(false, "not relevant", now)
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateAccreditationRequest(ctx, &again, app.RequestKey{}); err != nil {
			t.Fatalf("asking again after a rejection: %v", err)
		}
		if _, err := s.DecideAccreditationRequest(ctx, again.ID, app.RequestKey{}, func(r *domain.AccreditationRequest) error {
			return r.Decide(true, "", now)
		}); err != nil {
			t.Fatal(err)
		}
		// The approved request admits the organization although it has no status.
		reg := domain.Registration{ID: app.NewID("reg"), EventID: e.ID, OrganizationID: "org_x",
			Participant: domain.Participant{GivenName: "A", FamilyName: "B", Email: "ab@example.org"}, Created: now, Updated: now, Revision: 1}
		err := s.Register(ctx, &reg, app.RequestKey{}, func(a domain.Admission) (domain.RegistrationState, error) {
			a.Now, a.Status = now, domain.ConsultativeStatus{State: domain.StatusNone}
			return domain.Admit(a)
		})
		if err != nil || reg.State != domain.RegistrationConfirmed {
			t.Fatalf("accredited registration: %v", err)
		}
		counts, err := s.ParticipationCounts(ctx, e.ID)
		if err != nil || len(counts) != 1 || counts[0].Count != 1 {
			t.Fatalf("counts %+v %v", counts, err)
		}
	})
}
