// Package cachedstore puts a read-through cache (Redis in production) in front of the store for
// the one read that every page, feed and registration starts with: reading an event. It is a
// decorator over the same app.Store, so the use cases do not know it is there.
package cachedstore

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// ttl bounds how stale an event can be after an invalidation was missed (a write racing a
// reload, or the cache being down during the write). Registration rules never rely on the cached
// copy: the store reads the event again under its lock.
const ttl = 30 * time.Second

// Store decorates an app.Store.
type Store struct {
	app.Store
	events  *cache.ReadThrough
	batched bool // inner says when a batch of registrations committed
}

// New wraps inner with c. A store that admits registrations in batches (the SQL store) says
// when each batch committed, and the event's copy is dropped once for the whole batch.
func New(inner app.Store, c cache.Cache, log *slog.Logger) *Store {
	s := &Store{Store: inner, events: cache.NewReadThrough(c, cache.ReadThroughOptions{Name: "events", TTL: ttl, Logger: log})}
	if b, ok := inner.(interface {
		OnAdmitted(func(context.Context, string))
	}); ok {
		b.OnAdmitted(func(ctx context.Context, eventID string) { s.events.Invalidate(ctx, eventKey(eventID)) })
		s.batched = true
	}
	return s
}

func eventKey(id string) string { return "event:" + id }

// GetEvent reads an event from the cache, loading it from the store on a miss.
func (s *Store) GetEvent(ctx context.Context, id string) (domain.Event, error) {
	raw, err := s.events.Get(ctx, eventKey(id), func(ctx context.Context) ([]byte, error) {
		e, err := s.Store.GetEvent(ctx, id)
		if err != nil {
			return nil, err
		}
		return json.Marshal(e)
	})
	if err != nil {
		return domain.Event{}, err
	}
	var e domain.Event
	if err := json.Unmarshal(raw, &e); err != nil {
		// A value this code cannot read (say, written by an older version) is not an answer.
		s.events.Invalidate(ctx, eventKey(id))
		return s.Store.GetEvent(ctx, id)
	}
	return e, nil
}

// UpdateEvent changes the event, then drops its cached copy.
func (s *Store) UpdateEvent(ctx context.Context, id string, key app.RequestKey, change func(*domain.Event) error) (domain.Event, error) {
	e, err := s.Store.UpdateEvent(ctx, id, key, change)
	s.events.Invalidate(context.WithoutCancel(ctx), eventKey(id))
	return e, err
}

// Register takes a seat, which changes the event's counts, then drops its cached copy (unless
// the inner store drops it once per batch).
func (s *Store) Register(ctx context.Context, r *domain.Registration, key app.RequestKey, decide func(domain.Admission) (domain.RegistrationState, error)) error {
	err := s.Store.Register(ctx, r, key, decide)
	if !s.batched {
		s.events.Invalidate(context.WithoutCancel(ctx), eventKey(r.EventID))
	}
	return err
}

// CancelRegistration frees a seat (or a waiting place), then drops the event's cached copy.
func (s *Store) CancelRegistration(ctx context.Context, eventID, id string, change func(*domain.Event, *domain.Registration) error) (domain.Registration, error) {
	r, err := s.Store.CancelRegistration(ctx, eventID, id, change)
	s.events.Invalidate(context.WithoutCancel(ctx), eventKey(eventID))
	return r, err
}
