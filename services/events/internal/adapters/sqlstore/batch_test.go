package sqlstore_test

// Registrations for one event are admitted in batches (see Register). These tests hold one batch
// open with the before-commit hook, so that the calls under test queue and go together in the
// next one, then check that every caller still gets its own answer.

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb/requestlog"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// gate holds the first registration batch before its commit until open is called, and records
// the size of every batch. fail, when set, is the answer of the batches after the first.
type gate struct {
	held    chan struct{}
	release chan struct{}
	mu      sync.Mutex
	sizes   []int
	fail    error
}

func holdFirstBatch(s *sqlstore.Store, fail error) *gate {
	g := &gate{held: make(chan struct{}), release: make(chan struct{}), fail: fail}
	sqlstore.SetBeforeCommit(s, func(n int) error {
		g.mu.Lock()
		g.sizes = append(g.sizes, n)
		first := len(g.sizes) == 1
		g.mu.Unlock()
		if !first {
			return g.fail
		}
		close(g.held)
		<-g.release
		return nil
	})
	return g
}

func (g *gate) open() { close(g.release) }

func (g *gate) batchSizes() []int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]int(nil), g.sizes...)
}

// outcome is one Register call's answer.
type outcome struct {
	r   domain.Registration
	err error
}

// queue starts a registration and waits until it is queued behind the held batch, so that calls
// queue in the order they are started.
func queue(t *testing.T, s *sqlstore.Store, ctx context.Context, eventID, org, email string) <-chan outcome {
	t.Helper()
	return queueKey(t, s, ctx, eventID, org, email, "")
}

// queueKey is queue with the given request id.
func queueKey(t *testing.T, s *sqlstore.Store, ctx context.Context, eventID, org, email, requestID string) <-chan outcome {
	t.Helper()
	before := sqlstore.QueuedRegistrations(s, eventID)
	out := make(chan outcome, 1)
	go func() {
		r, err := registerKey(ctx, s, eventID, org, email, requestID)
		out <- outcome{r, err}
	}()
	waitFor(t, func() bool { return sqlstore.QueuedRegistrations(s, eventID) == before+1 })
	return out
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(time.Millisecond)
	}
}

// registerCtx registers with a request key of its own (the registration's id).
func registerCtx(ctx context.Context, s *sqlstore.Store, eventID, org, email string) (domain.Registration, error) {
	return registerKey(ctx, s, eventID, org, email, "")
}

func registerKey(ctx context.Context, s *sqlstore.Store, eventID, org, email, requestID string) (domain.Registration, error) {
	r := domain.Registration{
		ID: app.NewID("reg"), EventID: eventID, OrganizationID: org,
		Participant: domain.Participant{GivenName: "Ada", FamilyName: "Lovelace", Email: email},
		Created:     now, Updated: now, Revision: 1,
	}
	if requestID == "" {
		requestID = r.ID
	}
	err := s.Register(ctx, &r, app.RequestKey{Caller: "officer", RequestID: requestID, Method: app.MethodRegister},
		func(a domain.Admission) (domain.RegistrationState, error) {
			a.Now = now
			a.Status = domain.ConsultativeStatus{State: domain.StatusActive}
			return domain.Admit(a)
		})
	return r, err
}

// startHeldBatch registers one person and waits until that batch is held before its commit.
func startHeldBatch(t *testing.T, s *sqlstore.Store, g *gate, ctx context.Context, eventID string) <-chan outcome {
	t.Helper()
	out := make(chan outcome, 1)
	go func() {
		r, err := registerCtx(ctx, s, eventID, "org_first", "first@example.org")
		out <- outcome{r, err}
	}()
	<-g.held
	return out
}

// TestBatchAnswersEachCaller: 300 registrations at once for 100 seats. Each caller's answer
// must match what was stored, the seats go to the first 100 to arrive, and the waiting list has
// no gaps or repeats.
func TestBatchAnswersEachCaller(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		e := newEvent(t, s, func(e *domain.Event) { e.Capacity = 100 })
		const n = 300
		outs := make([]outcome, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[i].r, outs[i].err = registerCtx(ctx, s, e.ID, fmt.Sprintf("org_%d", i%13), fmt.Sprintf("p%d@example.org", i))
			}()
		}
		wg.Wait()
		answered := map[string]domain.Registration{}
		for _, o := range outs {
			if o.err != nil {
				t.Fatalf("registration failed: %v", o.err)
			}
			answered[o.r.ID] = o.r
		}
		regs, total, err := s.ListRegistrations(ctx, app.OwnedFilter{EventID: e.ID}, app.Page{Size: n + 1})
		if err != nil || total != n || len(regs) != n {
			t.Fatalf("list: %d, %v", total, err)
		}
		confirmed, wantPosition := 0, 1
		for i, r := range regs {
			got, ok := answered[r.ID]
			if !ok {
				t.Fatalf("stored registration %s answered to nobody", r.ID)
			}
			delete(answered, r.ID) // a second row with the same id would now be missed
			if got.State != r.State || got.Arrival != r.Arrival || got.WaitlistPosition != r.WaitlistPosition {
				t.Fatalf("answer %v/%d/%d, stored %v/%d/%d", got.State, got.Arrival, got.WaitlistPosition, r.State, r.Arrival, r.WaitlistPosition)
			}
			switch {
			case i < 100 && r.State == domain.RegistrationConfirmed:
				confirmed++
			case i >= 100 && r.State == domain.RegistrationWaitlisted && r.WaitlistPosition == wantPosition:
				wantPosition++
			default:
				t.Fatalf("registration %d in arrival order: %v, waiting place %d", i, r.State, r.WaitlistPosition)
			}
		}
		got, _ := s.GetEvent(ctx, e.ID)
		if confirmed != 100 || wantPosition != n-100+1 || got.Confirmed != 100 || got.Waitlisted != n-100 {
			t.Fatalf("confirmed %d, waiting list up to %d, event counts %d/%d", confirmed, wantPosition-1, got.Confirmed, got.Waitlisted)
		}
	})
}

// TestBatchRefusesOnlyItsOwn: in one batch, a person already registered, an organization over
// its quota and a request already answered are refused; everyone else in the batch is admitted.
func TestBatchRefusesOnlyItsOwn(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		e := newEvent(t, s, func(e *domain.Event) { e.Capacity, e.QuotaPerOrganization = 4, 2 })
		if _, err := register(s, e.ID, "org_a", "taken@example.org"); err != nil {
			t.Fatal(err)
		}
		g := holdFirstBatch(s, nil)
		first := startHeldBatch(t, s, g, ctx, e.ID)
		good1 := queue(t, s, ctx, e.ID, "org_b", "b@example.org")
		dup := queue(t, s, ctx, e.ID, "org_c", "Taken@Example.org")
		q1 := queue(t, s, ctx, e.ID, "org_q", "q1@example.org")
		q2 := queueKey(t, s, ctx, e.ID, "org_q", "q2@example.org", "req-q2")
		q3 := queue(t, s, ctx, e.ID, "org_q", "q3@example.org")
		// A retry of q2's request (with another address, so that no other rule refuses it): the
		// first call's answer stands, and the retry stores nothing.
		retry := queueKey(t, s, ctx, e.ID, "org_e", "e@example.org", "req-q2")
		good2 := queue(t, s, ctx, e.ID, "org_d", "d@example.org")
		g.open()
		if o := <-first; o.err != nil {
			t.Fatalf("first: %v", o.err)
		}
		if o := <-retry; !errors.Is(o.err, requestlog.ErrAlreadyRecorded) {
			t.Fatalf("the retried request: %v", o.err)
		}
		if o := <-dup; domain.ReasonOf(o.err) != domain.ReasonAlreadyRegistered {
			t.Fatalf("the person already registered: %v", o.err)
		}
		o := <-q3
		if domain.ReasonOf(o.err) != domain.ReasonQuotaExceeded {
			t.Fatalf("the organization over its quota: %v", o.err)
		}
		// A refused call records no answer: its retry is decided afresh.
		if _, found, _ := s.LookupRequest(ctx, app.RequestKey{Caller: "officer", RequestID: o.r.ID, Method: app.MethodRegister}); found {
			t.Fatal("the refused registration's request key was recorded")
		}
		var admitted []domain.Registration
		for _, c := range []<-chan outcome{good1, q1, q2, good2} {
			o := <-c
			if o.err != nil {
				t.Fatalf("admissible registration refused: %v", o.err)
			}
			admitted = append(admitted, o.r)
		}
		if sizes := g.batchSizes(); len(sizes) != 2 || sizes[1] != 7 {
			t.Fatalf("batch sizes %v, want the seven queued calls in one", sizes)
		}
		// Seats 3 and 4 of 4 go to good1 and q1; the refused three take no place in the line.
		if admitted[1].State != domain.RegistrationConfirmed || admitted[2].WaitlistPosition != 1 || admitted[3].WaitlistPosition != 2 {
			t.Fatalf("admitted %+v", admitted)
		}
		got, _ := s.GetEvent(ctx, e.ID)
		_, total, _ := s.ListRegistrations(ctx, app.OwnedFilter{EventID: e.ID}, app.Page{Size: 10})
		if got.Confirmed != 4 || got.Waitlisted != 2 || total != 6 {
			t.Fatalf("event counts %d/%d, %d registrations stored", got.Confirmed, got.Waitlisted, total)
		}
	})
}

// TestBatchFailsWhole: when a batch's transaction fails, every caller in it is told and none of
// its registrations (nor their request keys) is stored.
func TestBatchFailsWhole(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		e := newEvent(t, s, nil)
		boom := errors.New("commit failed")
		g := holdFirstBatch(s, boom)
		first := startHeldBatch(t, s, g, ctx, e.ID)
		var queued []<-chan outcome
		for i := range 5 {
			queued = append(queued, queue(t, s, ctx, e.ID, fmt.Sprintf("org_%d", i), fmt.Sprintf("p%d@example.org", i)))
		}
		g.open()
		if o := <-first; o.err != nil {
			t.Fatalf("first: %v", o.err)
		}
		for _, c := range queued {
			o := <-c
			if !errors.Is(o.err, boom) {
				t.Fatalf("caller of the failed batch told %v", o.err)
			}
			if _, found, _ := s.LookupRequest(ctx, app.RequestKey{Caller: "officer", RequestID: o.r.ID, Method: app.MethodRegister}); found {
				t.Fatal("the failed batch recorded a request key")
			}
		}
		got, _ := s.GetEvent(ctx, e.ID)
		_, total, _ := s.ListRegistrations(ctx, app.OwnedFilter{EventID: e.ID}, app.Page{Size: 10})
		if got.Confirmed != 1 || got.Waitlisted != 0 || total != 1 {
			t.Fatalf("event counts %d/%d, %d registrations stored", got.Confirmed, got.Waitlisted, total)
		}
	})
}

// TestBatchAndCancellation: a caller that gives up while queued is dropped, and nothing of its
// is stored; a caller that gives up while its batch runs cannot stop that batch.
func TestBatchAndCancellation(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		e := newEvent(t, s, nil)
		g := holdFirstBatch(s, nil)
		runningCtx, cancelRunning := context.WithCancel(context.Background())
		first := startHeldBatch(t, s, g, runningCtx, e.ID)
		waitingCtx, cancelWaiting := context.WithCancel(context.Background())
		gaveUp := queue(t, s, waitingCtx, e.ID, "org_a", "a@example.org")
		stays := queue(t, s, context.Background(), e.ID, "org_b", "b@example.org")
		cancelWaiting()
		if o := <-gaveUp; !errors.Is(o.err, context.Canceled) {
			t.Fatalf("caller cancelled in the queue: %v", o.err)
		}
		cancelRunning()
		g.open()
		if o := <-first; o.err != nil {
			t.Fatalf("caller cancelled while its batch ran: %v", o.err)
		}
		if o := <-stays; o.err != nil {
			t.Fatalf("the other queued caller: %v", o.err)
		}
		regs, _, _ := s.ListRegistrations(context.Background(), app.OwnedFilter{EventID: e.ID}, app.Page{Size: 10})
		if len(regs) != 2 || regs[0].Participant.Email != "first@example.org" || regs[1].Participant.Email != "b@example.org" {
			t.Fatalf("stored %+v", regs)
		}
	})
}

type fixedClock struct{}

func (fixedClock) Now() time.Time { return now }

type activeStatus struct{}

func (activeStatus) ConsultativeStatus(context.Context, string) (domain.ConsultativeStatus, error) {
	return domain.ConsultativeStatus{State: domain.StatusActive}, nil
}

// TestReplayedRequestRegistersOnce: the same request sent ten times at once (a client retrying
// while its first attempt runs) makes one registration, and every attempt is answered with it.
func TestReplayedRequestRegistersOnce(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		e := newEvent(t, s, func(e *domain.Event) { e.RequiresConsultativeStatus = true })
		svc := app.New(s, activeStatus{}, nil, fixedClock{})
		officer := app.Actor{Subject: "officer-1", Roles: []string{app.RoleOfficer}}
		ids := make([]string, 10)
		errs := make([]error, 10)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := svc.RegisterParticipant(ctx, officer, e.ID, domain.Registration{OrganizationID: "org_a",
					Participant: domain.Participant{GivenName: "Ada", FamilyName: "Lovelace", Email: "ada@example.org"}}, "req-1")
				ids[i], errs[i] = r.ID, err
			}()
		}
		wg.Wait()
		for i := range ids {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Fatalf("attempt %d: %q, %v; first got %q", i, ids[i], errs[i], ids[0])
			}
		}
		_, total, _ := s.ListRegistrations(ctx, app.OwnedFilter{EventID: e.ID}, app.Page{Size: 20})
		if total != 1 {
			t.Fatalf("%d registrations stored", total)
		}
	})
}

// TestUnstorableTextIsRefusedAlone: text PostgreSQL cannot store (a NUL) would fail the batch's
// one INSERT, so it is refused before, and only its caller is told.
func TestUnstorableTextIsRefusedAlone(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		e := newEvent(t, s, nil)
		g := holdFirstBatch(s, nil)
		first := startHeldBatch(t, s, g, ctx, e.ID)
		bad := make(chan error, 1)
		go func() {
			r := domain.Registration{ID: app.NewID("reg"), EventID: e.ID, OrganizationID: "org_a",
				Participant: domain.Participant{GivenName: "A\x00da", FamilyName: "Lovelace", Email: "a@example.org"},
				Created:     now, Updated: now, Revision: 1}
			bad <- s.Register(ctx, &r, app.RequestKey{}, func(a domain.Admission) (domain.RegistrationState, error) {
				a.Now, a.Status = now, domain.ConsultativeStatus{State: domain.StatusActive}
				return domain.Admit(a)
			})
		}()
		waitFor(t, func() bool { return sqlstore.QueuedRegistrations(s, e.ID) == 1 })
		good := queue(t, s, ctx, e.ID, "org_b", "b@example.org")
		g.open()
		if o := <-first; o.err != nil {
			t.Fatal(o.err)
		}
		if err := <-bad; domain.KindOf(err) != domain.KindInvalid {
			t.Fatalf("a NUL in a name: %v", err)
		}
		if o := <-good; o.err != nil {
			t.Fatalf("its batch mate: %v", o.err)
		}
	})
}
