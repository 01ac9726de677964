package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// batchTimeout bounds a batch's transaction, which no single caller's cancellation may end.
const batchTimeout = 30 * time.Second

// errDecidePanicked stands for a decide that panicked; the caller raises the panic again.
var errDecidePanicked = errors.New("sqlstore: the admission decision panicked")

// Register takes a seat or a waiting place for r. Registrations for one event must run one after
// the other (each must see the seats the previous took), so instead of each taking the event's
// lock for its own transaction, the calls that arrive while one is running queue and then go
// together in one transaction (see admitBatch): one lock, one read of the event, one commit.
// r, decide and the answer are still the caller's own; only the transaction is shared.
func (s *Store) Register(ctx context.Context, r *domain.Registration, key app.RequestKey, decide func(domain.Admission) (domain.RegistrationState, error)) error {
	a := &admission{ctx: ctx, r: r, key: key, decide: decide, done: make(chan struct{})}
	if s.admissions.enqueue(a) {
		go s.drain(r.EventID)
	}
	select {
	case <-a.done:
	case <-ctx.Done():
		if s.admissions.withdraw(a) {
			return ctx.Err()
		}
		// A batch has it already; whether that batch commits is the only true answer.
		<-a.done
	}
	if a.panicked != nil {
		panic(a.panicked)
	}
	return a.err
}

// drain runs the event's batches until its queue is empty.
func (s *Store) drain(eventID string) {
	for batch := s.admissions.next(eventID); batch != nil; batch = s.admissions.next(eventID) {
		s.runBatch(batch)
	}
}

// runBatch answers every caller of the batch whatever happens: a panic here would otherwise end
// the process (this is not a caller's goroutine), so it goes to the callers, who raise it again.
// A committed batch's callers are answered once OnAdmitted's function returns; that runs beside
// the event's next batch, not before it.
func (s *Store) runBatch(batch []*admission) {
	changed := false
	defer func() {
		if p := recover(); p != nil {
			for _, a := range batch {
				if a.panicked == nil {
					a.panicked = p
				}
			}
		}
		answer := func() {
			for _, a := range batch {
				close(a.done)
			}
		}
		if !changed || s.admitted == nil {
			answer()
			return
		}
		go func() {
			defer answer()
			s.admitted(context.WithoutCancel(batch[0].ctx), batch[0].r.EventID)
		}()
	}()
	changed = s.admitBatch(batch)
}

// admitBatch admits the batch's registrations, in arrival order, in one transaction under the
// event's lock: the same rules as one at a time, with a fixed number of statements per batch
// instead of several per registration. A registration that is refused gets its own error and
// leaves nothing behind; a transaction that fails fails them all, and stores none of them. It
// reports whether the transaction committed with at least one registration.
func (s *Store) admitBatch(batch []*admission) (changed bool) {
	// The batch belongs to all its callers, so it ignores their cancellation; it keeps the first
	// one's values (trace, logger) so that its queries are still attributed somewhere.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(batch[0].ctx), batchTimeout)
	defer cancel()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		e, err := s.lockEvent(ctx, tx, batch[0].r.EventID)
		if err != nil {
			return err
		}
		for _, a := range batch {
			a.err = checkStorable(a.r, a.key)
		}
		facts, err := s.claimAndReadFacts(ctx, tx, e.ID, batch)
		if err != nil {
			return err
		}
		var admitted []*admission
		for _, a := range batch {
			if !a.pending() {
				continue
			}
			state, err := decideOnce(a, facts.admission(e, a))
			if err != nil {
				a.err = err
				continue
			}
			a.r.State = state
			if state == domain.RegistrationConfirmed {
				e.Confirmed++
			} else {
				e.Waitlisted++
				a.r.WaitlistPosition = e.Waitlisted
			}
			facts.admitted(a)
			admitted = append(admitted, a)
		}
		settleRepeats(batch)
		if err := s.forgetKeys(ctx, tx, batch); err != nil {
			return err
		}
		if len(admitted) > 0 {
			if err := s.insertRegistrations(ctx, tx, &e, admitted); err != nil {
				return err
			}
			if err := s.notifyAdmitted(ctx, tx, &e, admitted); err != nil {
				return err
			}
		}
		changed = len(admitted) > 0
		if s.beforeCommit != nil {
			return s.beforeCommit(len(batch))
		}
		return nil
	})
	if err != nil {
		for _, a := range batch {
			a.err = err
		}
		return false
	}
	return changed
}

// decideOnce calls a's decide, turning a panic into a's own failure so that the others'
// registrations in the batch still go ahead.
func decideOnce(a *admission, adm domain.Admission) (state domain.RegistrationState, err error) {
	defer func() {
		if p := recover(); p != nil {
			a.panicked, err = p, errDecidePanicked
		}
	}()
	return a.decide(adm)
}
