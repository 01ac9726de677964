package app

import (
	"context"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// Service runs the events use cases.
type Service struct {
	store  Store
	status StatusChecker
	orgs   OrganizationDirectory
	clock  Clock
	// statusLoss is what happens to registrations when an organization loses its status.
	statusLoss domain.StatusLossAction

	av              AccessAndVoice
	designationWake *wake
}

// New wires the use cases to their ports. orgs may be nil.
func New(store Store, status StatusChecker, orgs OrganizationDirectory, clock Clock) *Service {
	return &Service{store: store, status: status, orgs: orgs, clock: clock}
}

// replay returns the id a previous call with the same key produced, so that the caller can
// answer with that resource as it is now.
func (s *Service) replay(ctx context.Context, key RequestKey) (string, bool, error) {
	if key.RequestID == "" {
		return "", false, nil
	}
	return s.store.LookupRequest(ctx, key)
}

// replayed answers a retried call: when the request of key was already done, done is true and
// get reads the resource that call made.
func replayed[T any](ctx context.Context, s *Service, key RequestKey, get func(context.Context, string) (T, error)) (v T, done bool, err error) {
	id, found, err := s.replay(ctx, key)
	if err != nil || !found {
		return v, err != nil, err
	}
	v, err = get(ctx, id)
	return v, true, err
}

// raced is the answer to a write that failed: when another call with the same request id won the
// race to record it, that call's resource (read by get); otherwise v and err as they are.
func raced[T any](ctx context.Context, s *Service, key RequestKey, v T, err error, get func(context.Context, string) (T, error)) (T, error) {
	if id, ok := s.afterRace(ctx, key, err); ok {
		return get(ctx, id)
	}
	return v, err
}

// ownSubmission begins an ngo user's submission for its own organization org to the event
// key.Target: it refuses anyone else, answers a retried request from the request log, and reads
// the event. done is true when v and err are the answer.
func ownSubmission[T any](ctx context.Context, s *Service, a Actor, org, refusal string, key RequestKey, get func(context.Context, string) (T, error)) (ev domain.Event, v T, done bool, err error) {
	if !a.Has(RoleNGO) || a.Org != org {
		return ev, v, true, domain.Forbidden("%s", refusal)
	}
	if v, done, err = replayed(ctx, s, key, get); done {
		return ev, v, true, err
	}
	ev, err = s.store.GetEvent(ctx, key.Target)
	return ev, v, err != nil, err
}

// decision begins a yes-or-no decision on id: the request key names the method called (yes or
// no), and a retried request is answered from the request log. done is true when v and err are
// the answer.
func decision[T any](ctx context.Context, s *Service, a Actor, id, requestID string, yes bool, yesMethod, noMethod string, get func(context.Context, string) (T, error)) (key RequestKey, v T, done bool, err error) {
	key = RequestKey{Caller: a.caller(), RequestID: requestID, Method: noMethod, Target: id}
	if yes {
		key.Method = yesMethod
	}
	v, done, err = replayed(ctx, s, key, get)
	return key, v, done, err
}

// afterRace handles a write that failed while another call with the same request_id won the
// race to record it: the winner's resource is the answer.
func (s *Service) afterRace(ctx context.Context, key RequestKey, err error) (string, bool) {
	if err == nil || key.RequestID == "" {
		return "", false
	}
	id, found, lerr := s.store.LookupRequest(ctx, key)
	if lerr != nil || !found {
		return "", false
	}
	return id, true
}
