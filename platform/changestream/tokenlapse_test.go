package changestream_test

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/changestream"
)

// A server ends a settled stream with UNAUTHENTICATED when its token expires: the follower
// reopens at once (Open fetches fresh credentials and the consumer's cursor), without a warning,
// while a token refused at connection time still backs off and warns.
func TestFollowerResumesAtOnceWhenItsTokenLapses(t *testing.T) {
	t.Parallel()
	var opened atomic.Int32
	var live atomic.Bool
	logs := &syncBuffer{}
	f := &changestream.Follower{
		Open: func(ctx context.Context) (func() error, error) {
			n := opened.Add(1)
			return func() error {
				if n <= 3 {
					// Each of the first three connections lives past Settle, then its token lapses.
					select {
					case <-time.After(60 * time.Millisecond):
						return status.Error(codes.Unauthenticated, "token expired")
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				<-ctx.Done()
				return ctx.Err()
			}, nil
		},
		SetLive: live.Store,
		Reset:   func(context.Context) error { t.Error("a lapsed token reset the copy"); return nil },
		Settle:  20 * time.Millisecond,
		Log:     slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
		Down:    "stream down",
		Back:    "stream back",
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.Run(ctx); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for opened.Load() < 4 || !live.Load() {
		if time.Now().After(deadline) {
			t.Fatalf("opened %d connections, live %v; logs:\n%s", opened.Load(), live.Load(), logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if strings.Contains(logs.String(), "stream down") {
		t.Fatalf("a lapsed token was logged as an outage:\n%s", logs.String())
	}
}
