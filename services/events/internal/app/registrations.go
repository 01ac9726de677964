package app

import (
	"context"
	"strings"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// RegisterParticipant registers a person for an event on an organization's behalf: confirmed
// while there is room, waitlisted in arrival order when full, refused when a rule says no.
func (s *Service) RegisterParticipant(ctx context.Context, a Actor, eventID string, r domain.Registration, requestID string) (domain.Registration, error) {
	r.EventID = eventID
	r.Participant.Email = strings.TrimSpace(r.Participant.Email)
	if err := r.Validate(); err != nil {
		return domain.Registration{}, err
	}
	if err := a.mayActFor(r.OrganizationID); err != nil {
		return domain.Registration{}, err
	}
	key := RequestKey{Caller: a.caller(), RequestID: requestID, Method: MethodRegister, Target: eventID}
	// A retried call is not looked up first: the store claims the request id before it decides
	// anything, and a claim already taken comes back as an error that afterRace answers from the
	// log. First calls, nearly all of them, save that round trip.
	//
	// The status is asked for before the store's transaction, so that no lock is held across a
	// network call, and only for an event that requires it: an open meeting's registrations put
	// no load on the accreditation service. An accredited organization does not need it either,
	// so a failed lookup only matters when the stored facts show no accreditation.
	ev, err := s.store.GetEvent(ctx, eventID)
	if err != nil {
		return domain.Registration{}, err
	}
	var status domain.ConsultativeStatus
	var statusErr error
	asked := false
	statusOf := func() (domain.ConsultativeStatus, error) {
		if !asked {
			asked = true
			status, statusErr = s.status.ConsultativeStatus(ctx, r.OrganizationID)
		}
		return status, statusErr
	}
	if ev.RequiresConsultativeStatus {
		_, _ = statusOf()
	}
	now := s.clock.Now()
	r.ID = NewID("reg")
	r.Created, r.Updated = now, now
	r.Revision = 1
	err = s.store.Register(ctx, &r, key, func(adm domain.Admission) (domain.RegistrationState, error) {
		if adm.Event.RequiresConsultativeStatus && !adm.AccreditedForEvent {
			// Asks here only when the requirement was switched on after the event was read.
			st, err := statusOf()
			if err != nil {
				return 0, err
			}
			adm.Status = st
		}
		adm.Now = now
		return domain.Admit(adm)
	})
	if err != nil {
		if id, ok := s.afterRace(ctx, key, err); ok {
			return s.store.GetRegistration(ctx, eventID, id)
		}
		return domain.Registration{}, err
	}
	return r, nil
}

// CancelRegistration cancels a registration; the seat it held goes to the first person waiting.
func (s *Service) CancelRegistration(ctx context.Context, a Actor, eventID, id, etag string) (domain.Registration, error) {
	now := s.clock.Now()
	return s.store.CancelRegistration(ctx, eventID, id, func(e *domain.Event, r *domain.Registration) error {
		if err := a.mayActFor(r.OrganizationID); err != nil {
			return err
		}
		if etag != "" && r.Etag() != etag {
			return domain.Stale("the registration")
		}
		if r.State == domain.RegistrationCancelled {
			return nil
		}
		if e.Ended(now) {
			return domain.Refused(domain.ReasonEventEnded, "event %s has ended; its registrations are kept for the record", e.ID)
		}
		r.Cancel(now)
		return nil
	})
}

// RegistrationList is one page of registrations.
type RegistrationList struct {
	Registrations []domain.Registration
	NextPageToken string
	Total         int
}

// ListRegistrations lists registrations in arrival order; ngo users see only their own.
func (s *Service) ListRegistrations(ctx context.Context, a Actor, f OwnedFilter, size int, token string) (RegistrationList, error) {
	if empty, err := s.scopeOwned(ctx, a, &f); empty || err != nil {
		return RegistrationList{}, err
	}
	items, next, total, err := listPage(token, size, f, func(p Page) ([]domain.Registration, int, error) {
		return s.store.ListRegistrations(ctx, f, p)
	}, func(r domain.Registration) Cursor { return Cursor{Seq: r.Arrival} })
	if err != nil {
		return RegistrationList{}, err
	}
	return RegistrationList{Registrations: items, NextPageToken: next, Total: total}, nil
}

func (s *Service) checkEventExists(ctx context.Context, id string) error {
	if id == "" {
		return nil
	}
	_, err := s.store.GetEvent(ctx, id)
	return err
}
