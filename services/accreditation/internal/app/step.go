package app

import (
	"context"
	"fmt"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// step describes one workflow step for runStep.
type step struct {
	method    string
	action    domain.Action
	id        string
	etag      string
	requestID string
	// prepare runs before the transaction with the application as it was
	// read, for calls to other services.
	prepare func(ctx context.Context, a domain.Application) error
	// do takes the step on a inside the transaction.
	do func(ctx context.Context, tx Tx, a *domain.Application, now time.Time) (domain.Event, error)
}

// runStep is the shape of every workflow step: check who may act, replay a
// repeated request_id (keyed by the application too, and only after the
// check, so a replay never tells a caller more than the step itself would),
// check the etag, take the step, store the application and its history
// entry together.
func (s *Service) runStep(ctx context.Context, actor domain.Actor, st step) (domain.Application, error) {
	current, err := s.store.Application(ctx, st.id)
	if err != nil {
		return domain.Application{}, err
	}
	if err := domain.Authorize(st.action, actor, current.OrganizationID, current.ID); err != nil {
		return domain.Application{}, err
	}
	key := RequestKey{Caller: actor.Subject, RequestID: st.requestID, Method: st.method, Target: st.id}
	var prepare func(context.Context) error
	if st.prepare != nil {
		prepare = func(ctx context.Context) error { return st.prepare(ctx, current) }
	}
	return idempotent(ctx, s, key, prepare, func(tx Tx) (domain.Application, error) {
		a, err := tx.Application(ctx, st.id)
		if err != nil {
			return domain.Application{}, err
		}
		if err := domain.Authorize(st.action, actor, a.OrganizationID, a.ID); err != nil {
			return domain.Application{}, err
		}
		if st.etag != "" && !etagMatches(st.etag, a.ID, a.Revision) {
			return domain.Application{}, staleEtag("application", a.ID)
		}
		now := s.clock.Now()
		ev, err := st.do(ctx, tx, &a, now)
		if err != nil {
			return domain.Application{}, err
		}
		ev.ID, ev.RequestID, ev.Actor = NewID("evt", now), st.requestID, actor
		if err := tx.SaveApplication(ctx, &a); err != nil {
			return domain.Application{}, err
		}
		if err := tx.AppendEvent(ctx, ev); err != nil {
			return domain.Application{}, err
		}
		return a, s.noticesFor(ctx, tx, a, ev, now)
	})
}

func staleEtag(what, id string) error {
	return &domain.ConflictError{Message: fmt.Sprintf("the %s %s changed since you read it: read it again and retry with its new etag", what, id)}
}

// StepCommand carries what every step has: the application, etag and request_id.
type StepCommand struct {
	ID        string
	ETag      string
	RequestID string
}
