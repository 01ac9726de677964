package app

import (
	"context"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Enforcement is what EnforceReporting changed (or would).
type Enforcement struct {
	Changed []domain.Status
}

// EnforceReporting applies the reporting rules as of a date (today when
// zero): overdue reports suspend, suspensions that ran out withdraw. Each
// change goes to the change log with the status.
func (s *Service) EnforceReporting(ctx context.Context, actor domain.Actor, asOf domain.Date, validateOnly bool, requestID string) (Enforcement, error) {
	if err := requireRole(actor, "enforce reporting", domain.RoleOfficer, domain.RoleAdmin, domain.RoleSystem); err != nil {
		return Enforcement{}, err
	}
	now := s.clock.Now()
	today := domain.DateAt(now)
	if asOf.IsZero() {
		asOf = today
	}
	if !asOf.IsFull() || asOf.After(today) {
		return Enforcement{}, domain.Invalid("as_of", "must be a full date not after today ("+today.String()+")")
	}
	run := func(tx Tx) (Enforcement, error) {
		out := Enforcement{Changed: []domain.Status{}}
		list, err := tx.StatusesToEnforce(ctx, asOf)
		if err != nil {
			return out, err
		}
		for _, st := range list {
			ch, ok := st.Enforce(asOf, now)
			if !ok {
				continue
			}
			if !validateOnly {
				if err := s.saveChange(ctx, tx, &st, &ch); err != nil {
					return out, err
				}
			}
			out.Changed = append(out.Changed, st)
		}
		return out, nil
	}
	if validateOnly {
		var out Enforcement
		err := s.store.InTx(ctx, func(tx Tx) error {
			var err error
			out, err = run(tx)
			return err
		})
		return out, err
	}
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "EnforceReporting"}
	out, err := idempotent(ctx, s, key, nil, run)
	if err == nil && len(out.Changed) > 0 {
		orgs := make([]string, len(out.Changed))
		for i, st := range out.Changed {
			orgs[i] = st.OrganizationID
		}
		s.changed(ctx, orgs...)
	}
	return out, err
}
