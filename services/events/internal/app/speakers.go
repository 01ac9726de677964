package app

import (
	"context"
	"errors"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// MethodRequestToSpeak names RequestToSpeak for idempotency keys.
const MethodRequestToSpeak = "RequestToSpeak"

func (s *Service) speakers() (SpeakerStore, error) {
	if s.av.Speakers == nil {
		return nil, errNotConfigured
	}
	return s.av.Speakers, nil
}

// RequestToSpeak records an organization's request to make an oral statement at a meeting.
func (s *Service) RequestToSpeak(ctx context.Context, a Actor, eventID string, r domain.SpeakerRequest, requestID string) (domain.SpeakerRequest, error) {
	store, err := s.speakers()
	if err != nil {
		return r, err
	}
	r.EventID = eventID
	if err := r.Validate(); err != nil {
		return r, err
	}
	if err := a.mayActFor(r.OrganizationID); err != nil {
		return r, err
	}
	key := RequestKey{Caller: a.caller(), RequestID: requestID, Method: MethodRequestToSpeak, Target: eventID}
	if id, found, err := s.replay(ctx, key); err != nil || found {
		if err != nil {
			return r, err
		}
		return store.GetSpeakerRequest(ctx, id)
	}
	ev, err := s.store.GetEvent(ctx, eventID)
	if err != nil {
		return r, err
	}
	st, err := s.status.ConsultativeStatus(ctx, r.OrganizationID)
	if err != nil {
		return r, err
	}
	now := s.clock.Now()
	if err := domain.CheckMayRequestToSpeak(&ev, st, now); err != nil {
		return r, err
	}
	r.ID = NewID("spk")
	r.State, r.Position = domain.SpeakerRequested, 0
	r.Created, r.Updated, r.Revision = now, now, 1
	if err := store.CreateSpeakerRequest(ctx, &r, key); err != nil {
		return raced(ctx, s, key, r, err, store.GetSpeakerRequest)
	}
	return r, nil
}

// ListSpeakerRequests lists a meeting's requests: all for officers, their own for ngo users.
func (s *Service) ListSpeakerRequests(ctx context.Context, a Actor, eventID, agendaItem string) ([]domain.SpeakerRequest, error) {
	store, err := s.speakers()
	if err != nil {
		return nil, err
	}
	if err := s.checkEventExists(ctx, eventID); err != nil {
		return nil, err
	}
	org, err := a.scope("")
	if errors.Is(err, errNoOrganizationYet) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return store.ListSpeakerRequests(ctx, eventID, agendaItem, org)
}

// ArrangeSpeakers draws up the list of speakers for one agenda item of a meeting.
func (s *Service) ArrangeSpeakers(ctx context.Context, a Actor, eventID, agendaItem string, order []string) ([]domain.SpeakerRequest, error) {
	store, err := s.speakers()
	if err != nil {
		return nil, err
	}
	if agendaItem == "" {
		return nil, domain.Invalid("agenda_item", "is required")
	}
	now := s.clock.Now()
	return store.ArrangeSpeakers(ctx, eventID, agendaItem, func(item []domain.SpeakerRequest) error {
		return domain.ArrangeSpeakers(item, order, now)
	})
}
