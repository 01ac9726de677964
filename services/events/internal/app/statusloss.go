package app

import (
	"context"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// SetStatusLossAction sets what happens to registrations when an organization loses its
// status (see domain.StatusLossAction); cancel when never set.
func (s *Service) SetStatusLossAction(a domain.StatusLossAction) { s.statusLoss = a }

// StatusLost applies the status-loss setting to organization org's live registrations at events
// open only to organizations in consultative status that have not ended, when its status is
// suspended or withdrawn: each is cancelled (its seat going to the first person waiting) or
// flagged, with reason. A registration that rests on an approved accreditation request for the
// event is kept: the request, not the status, admitted it. The status is read again first, so a
// change replayed after the organization was reinstated does nothing. It returns the
// registrations changed.
func (s *Service) StatusLost(ctx context.Context, org, reason string) ([]domain.Registration, error) {
	st, err := s.status.ConsultativeStatus(ctx, org)
	if err != nil {
		return nil, err
	}
	if st.Active() {
		return nil, nil
	}
	action := s.statusLoss
	if action == "" {
		action = domain.StatusLossCancel
	}
	now := s.clock.Now()
	var changed []domain.Registration
	var after *Cursor
	for {
		regs, _, err := s.store.ListRegistrations(ctx, OwnedFilter{OrganizationID: org}, Page{Size: 500, After: after})
		if err != nil {
			return changed, err
		}
		for _, r := range regs {
			if !r.State.Live() || r.StatusNote == reason {
				continue
			}
			e, err := s.store.GetEvent(ctx, r.EventID)
			if err != nil {
				return changed, err
			}
			if !e.RequiresConsultativeStatus || e.Ended(now) {
				continue
			}
			_, approved, err := s.store.ListAccreditationRequests(ctx, OwnedFilter{EventID: e.ID, OrganizationID: org, State: int(domain.RequestApproved)}, Page{Size: 1})
			if err != nil {
				return changed, err
			}
			if approved > 0 {
				continue
			}
			out, err := s.store.CancelRegistration(ctx, e.ID, r.ID, func(_ *domain.Event, r *domain.Registration) error {
				r.LoseStatus(action, reason, now)
				return nil
			})
			if err != nil {
				return changed, err
			}
			changed = append(changed, out)
		}
		if len(regs) < 500 {
			return changed, nil
		}
		after = &Cursor{Seq: regs[len(regs)-1].Arrival}
	}
}
