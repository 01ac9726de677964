package app

import (
	"context"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// RecordDecision records ECOSOC's decision.
type RecordDecision struct {
	StepCommand
	Decision  domain.Decision
	Ref       string
	Effective domain.Date
	Notes     string
}

// RecordDecision moves the application and, for a grant, the status of
// record, writing the status change to the change log in the same
// transaction.
func (s *Service) RecordDecision(ctx context.Context, actor domain.Actor, cmd RecordDecision) (domain.Application, error) {
	if cmd.Decision == domain.DecisionGrant && !cmd.Effective.IsFull() {
		return domain.Application{}, domain.Invalid("effective_date", "is required for DECISION_GRANT")
	}
	// The status of record says what holds today; a decision is recorded once ECOSOC has taken it,
	// so a grant dated in the future would make an organization ACTIVE before it is.
	if today := domain.DateAt(s.clock.Now()); cmd.Decision == domain.DecisionGrant && cmd.Effective.After(today) {
		return domain.Application{}, domain.Invalid("effective_date", "must not be after today ("+today.String()+"): record the decision once it has taken effect")
	}
	a, err := s.runStep(ctx, actor, step{method: "RecordDecision", action: domain.ActionRecordDecision, id: cmd.ID, etag: cmd.ETag, requestID: cmd.RequestID,
		do: func(ctx context.Context, tx Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			ev, err := a.RecordDecision(actor, cmd.Decision, cmd.Ref, cmd.Notes, cmd.Effective, now)
			if err != nil || cmd.Decision != domain.DecisionGrant {
				return ev, err
			}
			st, err := tx.Status(ctx, a.OrganizationID)
			if err != nil {
				return domain.Event{}, err
			}
			var ch domain.Change
			if a.Kind == domain.KindReclassification {
				ch, err = st.Reclassify(a.GrantedCategory(), cmd.Effective, cmd.Ref, a.ID, now)
			} else {
				ch, err = st.Grant(a.GrantedCategory(), cmd.Effective, cmd.Ref, a.ID, now)
			}
			if err != nil {
				return domain.Event{}, err
			}
			ch.Decision = cmd.Ref
			return ev, s.saveChange(ctx, tx, &st, &ch)
		}})
	if err == nil && cmd.Decision == domain.DecisionGrant {
		s.changed(ctx, a.OrganizationID)
	}
	return a, err
}

func (s *Service) saveChange(ctx context.Context, tx Tx, st *domain.Status, ch *domain.Change) error {
	if err := tx.SaveStatus(ctx, st); err != nil {
		return err
	}
	ch.Status = *st
	if ch.RevokesCredentials() {
		// In the same transaction: no moment exists in which the status has
		// changed and its credentials still read as good.
		ids, err := tx.RevokeCredentials(ctx, st.OrganizationID, ch.Time)
		if err != nil {
			return err
		}
		ch.RevokedCredentials = ids
	}
	if err := tx.AppendChange(ctx, ch); err != nil {
		return err
	}
	return statusNotices(ctx, tx, *ch, ch.Time)
}
