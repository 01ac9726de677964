package changestream_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/changestream"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// The follower trusts the copy only after a connection settles, reconnects after failures with
// one warning per outage, and has the copy start over when the stream's log was reset.
func TestFollowerReconnectsSettlesAndResets(t *testing.T) {
	t.Parallel()
	// Each connection is told how it ends: nil keeps it open until the test ends it.
	ends := make(chan error)
	var opened, resets atomic.Int32
	var live atomic.Bool
	logs := &syncBuffer{}
	f := &changestream.Follower{
		Open: func(ctx context.Context) (func() error, error) {
			if opened.Add(1) == 1 {
				return nil, errors.New("connection refused")
			}
			return func() error {
				select {
				case err := <-ends:
					return err
				case <-ctx.Done():
					return ctx.Err()
				}
			}, nil
		},
		SetLive: live.Store,
		Reset:   func(context.Context) error { resets.Add(1); return nil },
		Settle:  50 * time.Millisecond,
		Log:     slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
		Down:    "stream down",
		Back:    "stream back",
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.Run(ctx); close(done) }()

	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("%s; logs:\n%s", what, logs.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	waitFor("live after the second connection settled", live.Load)
	if n := strings.Count(logs.String(), "stream down"); n != 1 {
		t.Fatalf("%d warnings for one outage", n)
	}
	if !strings.Contains(logs.String(), "stream back") {
		t.Fatal("no line when the stream came back")
	}

	ends <- status.Error(codes.FailedPrecondition, "log reset")
	waitFor("reset after FAILED_PRECONDITION", func() bool { return resets.Load() == 1 })
	waitFor("live again after reconnecting", func() bool { return opened.Load() >= 3 && live.Load() })

	ends <- errors.New("transport is closing")
	waitFor("reconnected", func() bool { return opened.Load() >= 4 })
	if resets.Load() != 1 {
		t.Fatal("an ordinary failure reset the copy")
	}
	cancel()
	<-done
	if live.Load() {
		t.Fatal("still live after Run ended")
	}
}
