package app

import (
	"context"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

func mayActForOrganization(actor domain.Actor, org, what string, officers bool) error {
	if actor.Anonymous() {
		return &domain.UnauthenticatedError{Message: "sign in to " + what}
	}
	if actor.ActsFor(org) || (officers && actor.HasRole(domain.RoleOfficer)) {
		return nil
	}
	return &domain.PermissionError{Message: "only the organization's own ngo users may " + what}
}

// WithdrawStatus withdraws an organization's status at its request.
func (s *Service) WithdrawStatus(ctx context.Context, actor domain.Actor, org, reason, etag, requestID string) (domain.Status, error) {
	if err := mayActForOrganization(actor, org, "withdraw the organization's status", true); err != nil {
		return domain.Status{}, err
	}
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "WithdrawStatus", Target: org}
	st, err := idempotent(ctx, s, key, nil, func(tx Tx) (domain.Status, error) {
		st, err := tx.Status(ctx, org)
		if err != nil {
			return domain.Status{}, err
		}
		// With no status on record there is no etag to match: say what is wrong instead.
		if etag != "" && st.Revision > 0 && !etagMatches(etag, org, st.Revision) {
			return domain.Status{}, staleEtag("status of organization", org)
		}
		ch, err := st.Withdraw(reason, s.clock.Now())
		if err != nil {
			return domain.Status{}, err
		}
		return st, s.saveChange(ctx, tx, &st, &ch)
	})
	if err == nil {
		s.changed(ctx, org)
	}
	return st, err
}
