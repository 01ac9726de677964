package sqlstore

import (
	"context"
	"sync"

	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// maxBatch bounds how many registrations share one transaction: it keeps the batch's statements
// well under the databases' limits on parameters (12 a registration), bounds how many versions
// of them each connection prepares (one per batch size), and bounds how long the event's lock is
// held at a time.
const maxBatch = 64

// admission is one Register call waiting for, or riding in, a batch.
type admission struct {
	ctx    context.Context // the caller's: only consulted to drop it before its batch starts
	r      *domain.Registration
	key    app.RequestKey
	decide func(domain.Admission) (domain.RegistrationState, error)

	// Set by the batch, read by the caller once done is closed.
	err      error
	panicked any // what decide panicked with, to be raised again in the caller's goroutine
	done     chan struct{}

	claimed  bool       // its request key is recorded in the batch's transaction
	repeatOf *admission // the batch's earlier call with the same request key
}

// pending says whether a is still to be decided in its batch.
func (a *admission) pending() bool { return a.err == nil && a.repeatOf == nil }

// email is the address the rules and the live-email index compare.
func (a *admission) email() string { return domain.NormalizeEmail(a.r.Participant.Email) }

// admissions queues Register calls per event. An event has an entry while one goroutine (its
// drainer) is running batches for it; calls that arrive meanwhile wait in the entry, so the
// event's row lock is taken once per batch instead of once per registration.
type admissions struct {
	mu     sync.Mutex
	events map[string][]*admission
}

// enqueue adds a to its event's queue and reports whether the caller must start a drainer.
func (q *admissions) enqueue(a *admission) (startDrainer bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.events == nil {
		q.events = map[string][]*admission{}
	}
	waiting, running := q.events[a.r.EventID]
	q.events[a.r.EventID] = append(waiting, a)
	return !running
}

// next takes the event's next batch in arrival order, finishing the callers that gave up while
// they waited. With nothing left it removes the entry, so the next caller starts a new drainer.
func (q *admissions) next(eventID string) []*admission {
	q.mu.Lock()
	defer q.mu.Unlock()
	var batch []*admission
	waiting := q.events[eventID]
	for len(waiting) > 0 && len(batch) < maxBatch {
		a := waiting[0]
		waiting[0], waiting = nil, waiting[1:]
		if err := a.ctx.Err(); err != nil {
			a.err = err
			close(a.done)
			continue
		}
		batch = append(batch, a)
	}
	if len(batch) == 0 {
		delete(q.events, eventID)
		return nil
	}
	q.events[eventID] = waiting
	return batch
}

// withdraw removes a from its queue if no batch has taken it yet, and reports whether it did.
func (q *admissions) withdraw(a *admission) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	waiting := q.events[a.r.EventID]
	for i, w := range waiting {
		if w == a {
			q.events[a.r.EventID] = append(waiting[:i], waiting[i+1:]...)
			return true
		}
	}
	return false
}

// queued counts the calls waiting for an event's next batch (for tests).
func (q *admissions) queued(eventID string) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.events[eventID])
}
