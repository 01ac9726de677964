package app_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// countingStore counts the change-log reads that streams make.
type countingStore struct {
	app.Store
	reads atomic.Int64
}

func (c *countingStore) ChangesAfter(ctx context.Context, seq uint64, limit int) ([]domain.Change, error) {
	c.reads.Add(1)
	return c.Store.ChangesAfter(ctx, seq, limit)
}

// 40 idle watch streams each polled the change log five times a second; now one poller per
// process watches for changes and idle streams read nothing.
func TestIdleStreamsDoNotEachPollTheChangeLog(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	store := &countingStore{Store: f.store}
	svc := app.New(store, f.dir, f.clock, app.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	var streams sync.WaitGroup
	const n = 40
	for range n {
		streams.Go(func() { _ = svc.WatchStatusChanges(ctx, officer, 0, func(domain.Change) error { return nil }) })
	}
	time.Sleep(10 * app.PollInterval)
	cancel()
	streams.Wait()
	if got := store.reads.Load(); got > 2*n {
		t.Fatalf("%d idle streams read the change log %d times in %v, want at most one read each and a poller's", n, got, 10*app.PollInterval)
	}
}
