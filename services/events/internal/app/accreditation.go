package app

import (
	"context"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// RequestAccreditation records an organization's request to attend one status-only event.
func (s *Service) RequestAccreditation(ctx context.Context, a Actor, eventID string, r domain.AccreditationRequest, requestID string) (domain.AccreditationRequest, error) {
	r.EventID = eventID
	if err := r.Validate(); err != nil {
		return domain.AccreditationRequest{}, err
	}
	key := RequestKey{Caller: a.caller(), RequestID: requestID, Method: MethodRequestAccreditaton, Target: eventID}
	ev, v, done, err := ownSubmission(ctx, s, a, r.OrganizationID, "accreditation is requested by ngo users for their own organization", key, s.store.GetAccreditationRequest)
	if done {
		return v, err
	}
	now := s.clock.Now()
	// The event's own rules first: they need no network call.
	if err := domain.CheckMayRequestAccreditation(&ev, domain.ConsultativeStatus{OrganizationID: r.OrganizationID}, now); err != nil {
		return domain.AccreditationRequest{}, err
	}
	st, err := s.status.ConsultativeStatus(ctx, r.OrganizationID)
	if err != nil {
		return domain.AccreditationRequest{}, err
	}
	if err := domain.CheckMayRequestAccreditation(&ev, st, now); err != nil {
		return domain.AccreditationRequest{}, err
	}
	r.ID = NewID("acr")
	r.State = domain.RequestPending
	r.Reason = ""
	r.Created, r.Updated = now, now
	r.Revision = 1
	err = s.store.CreateAccreditationRequest(ctx, &r, key)
	return raced(ctx, s, key, r, err, s.store.GetAccreditationRequest)
}

// ListAccreditationRequests lists requests oldest first; ngo users see only their own.
func (s *Service) ListAccreditationRequests(ctx context.Context, a Actor, f OwnedFilter, size int, token string) (List[domain.AccreditationRequest], error) {
	if empty, err := s.scopeOwned(ctx, a, &f); empty || err != nil {
		return List[domain.AccreditationRequest]{}, err
	}
	return pageList(token, size, f, func(p Page) ([]domain.AccreditationRequest, int, error) {
		return s.store.ListAccreditationRequests(ctx, f, p)
	}, func(r domain.AccreditationRequest) Cursor { return Cursor{Seq: r.Arrival} })
}

// DecideAccreditationRequest approves or rejects a pending request.
func (s *Service) DecideAccreditationRequest(ctx context.Context, a Actor, id, etag, reason, requestID string, approve bool) (domain.AccreditationRequest, error) {
	key, v, done, err := decision(ctx, s, a, id, requestID, approve, MethodApproveRequest, MethodRejectRequest, s.store.GetAccreditationRequest)
	if done {
		return v, err
	}
	now := s.clock.Now()
	r, err := s.store.DecideAccreditationRequest(ctx, id, key, func(r *domain.AccreditationRequest) error {
		if etag != "" && r.Etag() != etag {
			return domain.Stale("the accreditation request")
		}
		return r.Decide(approve, reason, now)
	})
	return raced(ctx, s, key, r, err, s.store.GetAccreditationRequest)
}
