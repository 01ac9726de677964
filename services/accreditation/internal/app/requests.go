package app

import (
	"context"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// FileRequest records an organization's request to the Committee (a change of name or of
// founding date, a merger, the withdrawal of an application); the next session's agenda lists
// it.
func (s *Service) FileRequest(ctx context.Context, actor domain.Actor, org string, kind domain.RequestKind, details, appID, requestID string) (domain.CommitteeRequest, error) {
	if err := mayActForOrganization(actor, org, "put requests to the Committee", true); err != nil {
		return domain.CommitteeRequest{}, err
	}
	now := s.clock.Now()
	r, err := domain.NewCommitteeRequest(NewID("req", now), org, kind, details, appID, now)
	if err != nil {
		return r, err
	}
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "FileCommitteeRequest", Target: org}
	return idempotent(ctx, s, key, nil, func(tx Tx) (domain.CommitteeRequest, error) {
		if r.ApplicationID != "" {
			a, err := tx.Application(ctx, r.ApplicationID)
			if err != nil {
				return r, err
			}
			if a.OrganizationID != org {
				return r, &domain.NotFoundError{What: "application", ID: r.ApplicationID}
			}
			if a.State.Final() {
				return r, &domain.PreconditionError{Reason: "APPLICATION_CLOSED", Message: "application " + a.ID + " is " + string(a.State) + ": there is nothing to withdraw"}
			}
		}
		return r, tx.SaveRequest(ctx, r)
	})
}

// ReviewRequest records the Committee's consideration of a request on a session's agenda. When
// it takes note of the withdrawal of an application, the application is withdrawn in the same
// transaction.
func (s *Service) ReviewRequest(ctx context.Context, actor domain.Actor, id, sessionID string, takeNote bool, questions []domain.NewQuestion, requestID string) (domain.CommitteeRequest, error) {
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "ReviewCommitteeRequest", Target: id}
	return idempotent(ctx, s, key, nil, func(tx Tx) (domain.CommitteeRequest, error) {
		r, ses, now, err := reviewAt(ctx, s, tx, tx.Request, id, sessionID, takeNote, questions)
		if err != nil {
			return r, err
		}
		r.Revision++
		if r.State == domain.RequestTakenNote && r.Kind == domain.RequestWithdrawApplication {
			a, err := tx.Application(ctx, r.ApplicationID)
			if err != nil {
				return r, err
			}
			if !a.State.Final() {
				ev, err := a.Withdraw(actor, "the Committee took note of the request to withdraw (request "+r.ID+")", now)
				if err != nil {
					return r, err
				}
				ev.ID, ev.RequestID, ev.SessionID = NewID("evt", now), requestID, ses.ID
				if err := tx.SaveApplication(ctx, &a); err != nil {
					return r, err
				}
				if err := tx.AppendEvent(ctx, ev); err != nil {
					return r, err
				}
			}
		}
		return r, tx.SaveRequest(ctx, r)
	})
}
