// Package changestream keeps an in-memory copy in step with an ordered change stream, such as
// accreditation's WatchStatusChanges: it reconnects with backoff, says when the copy may be
// trusted (the stream is up and has had time to deliver its backlog), logs one warning per outage
// rather than one per retry, and tells the copy to start over when the stream's log was reset.
// What a change is, and how it is applied, stays with the consumer.
package changestream

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Follower follows one stream. Set the fields, then call Run.
type Follower struct {
	// Open opens the stream where the consumer left off and returns recv, which waits for the
	// next change and applies it; recv's error ends this connection.
	Open func(ctx context.Context) (recv func() error, err error)
	// SetLive is told true once a connection has stayed up for Settle, false when it ends.
	SetLive func(live bool)
	// Reset is called when the stream answers FAILED_PRECONDITION: its log was reset, so what
	// the consumer holds may be from a past that no longer exists.
	Reset func()
	// Settle is how long a new connection must stay up before the copy is trusted: long enough
	// for the backlog since the last applied change to arrive.
	Settle time.Duration
	Log    *slog.Logger
	// Staleness, when set, is kept current with SetLive, for a lag gauge (metrics.ObserveLag).
	Staleness *Staleness
	// Down is logged (at warn, once per outage) when a connection ends; Back (at info) when the
	// copy is trusted again after an outage.
	Down, Back string

	outage atomic.Bool
}

// Backoff bounds: retries start at the first and double up to the second; a connection that
// stayed up longer than backoffReset starts the next outage's retries from the first again.
const (
	firstBackoff = 100 * time.Millisecond
	maxBackoff   = 10 * time.Second
	backoffReset = 10 * time.Second
)

// Run follows the stream until ctx ends.
func (f *Follower) Run(ctx context.Context) {
	backoff := firstBackoff
	for ctx.Err() == nil {
		began := time.Now()
		err := f.connect(ctx)
		f.live(false)
		if ctx.Err() != nil {
			return
		}
		if time.Since(began) > backoffReset {
			backoff = firstBackoff
		}
		if tokenLapsed(err, time.Since(began), f.Settle) {
			// The server ended a healthy stream because its token expired: Open fetches fresh
			// credentials and resumes where the consumer left off, so reconnect at once, quietly.
			f.logger().DebugContext(ctx, "changestream: the stream's token expired; reconnecting with a fresh one")
			backoff = firstBackoff
			continue
		}
		// One warning per outage: the retries are the expected way back, not news.
		level := slog.LevelDebug
		if f.outage.CompareAndSwap(false, true) {
			level = slog.LevelWarn
		}
		f.logger().Log(ctx, level, f.Down, slog.Any("error", err), slog.Duration("retry_in", backoff))
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// connect opens one connection and applies changes until it fails.
func (f *Follower) connect(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	recv, err := f.Open(ctx)
	if err != nil {
		return err
	}
	settled := time.AfterFunc(f.Settle, func() {
		f.live(true)
		if f.outage.CompareAndSwap(true, false) {
			f.logger().InfoContext(ctx, f.Back)
		}
	})
	defer settled.Stop()
	for {
		if err := recv(); err != nil {
			if status.Code(err) == codes.FailedPrecondition {
				f.Reset()
			}
			return err
		}
	}
}

func (f *Follower) live(v bool) {
	f.SetLive(v)
	if f.Staleness != nil {
		f.Staleness.Live(v)
	}
}

// tokenLapsed tells an established stream ended for its token's expiry (UNAUTHENTICATED after
// it had settled) from a token refused when connecting, which must back off like any failure.
func tokenLapsed(err error, up, settle time.Duration) bool {
	return status.Code(err) == codes.Unauthenticated && up >= settle
}

func (f *Follower) logger() *slog.Logger {
	if f.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return f.Log
}
