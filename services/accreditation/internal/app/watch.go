package app

import (
	"context"
	"fmt"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// PollInterval bounds how late a change committed by another replica is
// seen: changes from this process wake watchers at once. One poller per
// process asks, however many streams are open (see headPoller).
const PollInterval = 200 * time.Millisecond

const watchBatch = 500

// Tail calls fn with every change after sequence after, in order, then
// waits for more until ctx ends. All kinds are passed, internal ones
// included; fn's error stops the tail.
func (s *Service) Tail(ctx context.Context, after uint64, fn func(domain.Change) error) error {
	defer s.head.subscribe(s)()
	for {
		wake := s.changes.Wait()
		batch, err := s.store.ChangesAfter(ctx, after, watchBatch)
		if err != nil {
			return err
		}
		for _, c := range batch {
			if err := fn(c); err != nil {
				return err
			}
			after = c.Sequence
		}
		if len(batch) == watchBatch {
			continue
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-wake:
		}
	}
}

// WatchStatusChanges streams public status changes after sequence after.
// A cursor beyond the newest change means the log was reset: the consumer
// must rebuild rather than silently wait for numbers that will not come.
func (s *Service) WatchStatusChanges(ctx context.Context, actor domain.Actor, after uint64, send func(domain.Change) error) error {
	last, err := s.store.LastSequence(ctx)
	if err != nil {
		return err
	}
	if after > last {
		return &domain.PreconditionError{Reason: "CURSOR_AHEAD",
			Message: fmt.Sprintf("the cursor %d is past the newest recorded change %d: the change log was reset, rebuild from the beginning", after, last)}
	}
	return s.Tail(ctx, after, send)
}

// LastSequence is the newest change's sequence (0 when none).
func (s *Service) LastSequence(ctx context.Context) (uint64, error) { return s.store.LastSequence(ctx) }
