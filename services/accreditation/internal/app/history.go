package app

import (
	"context"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// EventPage is a page of history.
type EventPage struct {
	Events    []domain.Event
	NextToken string
}

// ListEvents lists an application's history, oldest first.
func (s *Service) ListEvents(ctx context.Context, actor domain.Actor, appID string, size int, token string) (EventPage, error) {
	a, err := s.store.Application(ctx, appID)
	if err != nil {
		return EventPage{}, err
	}
	if err := domain.Authorize(domain.ActionReadHistory, actor, a.OrganizationID, appID); err != nil {
		return EventPage{}, err
	}
	var after int64
	if token != "" {
		if err := decodePageToken(token, appID, &after); err != nil {
			return EventPage{}, err
		}
	}
	limit := pageSize(size)
	evs, seqs, err := s.store.Events(ctx, appID, after, limit+1)
	if err != nil {
		return EventPage{}, err
	}
	page := EventPage{Events: evs}
	if len(evs) > limit {
		page.Events = evs[:limit]
		page.NextToken = encodePageToken(appID, seqs[limit-1])
	}
	return page, nil
}
