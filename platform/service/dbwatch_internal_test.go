package service

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/logging"
)

type recordedHealth struct {
	mu      sync.Mutex
	changes []string
}

func (h *recordedHealth) SetServing()    { h.record("SERVING") }
func (h *recordedHealth) SetNotServing() { h.record("NOT_SERVING") }
func (h *recordedHealth) record(s string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.changes = append(h.changes, s)
}
func (h *recordedHealth) get() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.changes...)
}

func TestWatchDatabaseFlipsHealthOnceEachWay(t *testing.T) {
	t.Parallel()
	var down atomic.Bool
	ping := func(context.Context) error {
		if down.Load() {
			return errors.New("connection refused")
		}
		return nil
	}
	health := &recordedHealth{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		watchDatabase(ctx, ping, health, 5*time.Millisecond, logging.Discard())
	}()
	waitFor := func(want []string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if got := health.get(); len(got) == len(want) {
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("changes = %v, want %v", got, want)
					}
				}
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		t.Fatalf("changes = %v, want %v", health.get(), want)
	}
	time.Sleep(30 * time.Millisecond)
	waitFor(nil) // a healthy database changes nothing
	down.Store(true)
	waitFor([]string{"NOT_SERVING"})
	time.Sleep(30 * time.Millisecond) // an outage that lasts is reported once
	waitFor([]string{"NOT_SERVING"})
	down.Store(false)
	waitFor([]string{"NOT_SERVING", "SERVING"})
	cancel()
	<-done
}
