// Package changestream keeps a copy in step with an ordered change stream, such as
// accreditation's WatchStatusChanges: it reconnects with backoff, says when the copy may be
// trusted (the stream is up and has had time to deliver its backlog), logs one warning per outage
// rather than one per retry, and tells the copy to start over when the stream's log was reset.
// Where the copy lives (memory, see Copy, or the consumer's database) and what a change is stay
// with the consumer.
package changestream

import (
	"context"
	"log/slog"
	"math/rand/v2"
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
	// Credentials, when set, adds the consumer's own credentials to the context Open gets:
	// change streams are open to system callers only.
	Credentials func(context.Context) (context.Context, error)
	// SetLive, when set, is told true once a connection has stayed up for Settle, false when it
	// ends.
	SetLive func(live bool)
	// Reset is called when the stream answers FAILED_PRECONDITION: its log was reset, so what
	// the consumer holds may be from a past that no longer exists. Its error ends the connection
	// like any other, and the next one finds the log reset again.
	Reset func(ctx context.Context) error
	// Settle is how long a new connection must stay up before the copy is trusted: long enough
	// for the backlog since the last applied change to arrive.
	Settle time.Duration
	// MinBackoff and MaxBackoff bound the wait before reconnecting (default 100 ms and 10 s); it
	// doubles while the stream stays away.
	MinBackoff, MaxBackoff time.Duration
	Log                    *slog.Logger
	// Staleness, when set, is kept current with SetLive, for a lag gauge (metrics.ObserveLag).
	Staleness *Staleness
	// Down is logged (at warn, once per outage) when a connection ends; Back (at info) when the
	// copy is trusted again after an outage.
	Down, Back string

	outage atomic.Bool
}

// backoffReset is how long a connection must have stayed up for the next break to count as a
// new outage, whose retries start from MinBackoff again.
const backoffReset = 10 * time.Second

// Run follows the stream until ctx ends.
func (f *Follower) Run(ctx context.Context) {
	first, most := f.MinBackoff, f.MaxBackoff
	if first <= 0 {
		first = 100 * time.Millisecond
	}
	if most < first {
		most = max(10*time.Second, first)
	}
	backoff := first
	for ctx.Err() == nil {
		began := time.Now()
		err := f.connect(ctx)
		f.live(false)
		if ctx.Err() != nil {
			return
		}
		if time.Since(began) > backoffReset {
			backoff = first
		}
		if tokenLapsed(err, time.Since(began), f.Settle) {
			// The server ended a healthy stream because its token expired: Open gets fresh
			// credentials and resumes where the consumer left off, so reconnect at once, quietly.
			f.logger().DebugContext(ctx, "changestream: the stream's token expired; reconnecting with a fresh one")
			backoff = first
			continue
		}
		// One warning per outage: the retries are the expected way back, not news.
		level := slog.LevelDebug
		if f.outage.CompareAndSwap(false, true) {
			level = slog.LevelWarn
		}
		// Jitter keeps replicas that lost the stream together from reconnecting together.
		wait := backoff/2 + rand.N(backoff/2+1)
		f.logger().Log(ctx, level, f.Down, slog.Any("error", err), slog.Duration("retry_in", wait))
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		backoff = min(2*backoff, most)
	}
}

// connect opens one connection and applies changes until it fails.
func (f *Follower) connect(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	octx := ctx
	if f.Credentials != nil {
		var err error
		if octx, err = f.Credentials(ctx); err != nil {
			return err
		}
	}
	recv, err := f.Open(octx)
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
		err := recv()
		if err == nil {
			continue
		}
		if status.Code(err) == codes.FailedPrecondition {
			f.logger().WarnContext(ctx, "changestream: the stream's log was reset; the copy starts over from its beginning", slog.Any("error", err))
			if rerr := f.Reset(ctx); rerr != nil {
				return rerr
			}
		}
		return err
	}
}

func (f *Follower) live(v bool) {
	if f.SetLive != nil {
		f.SetLive(v)
	}
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

// Receive is a recv for Open over a gRPC server stream: it waits for the next message and hands
// it to apply.
func Receive[M any](stream interface{ Recv() (M, error) }, apply func(M) error) func() error {
	return func() error {
		m, err := stream.Recv()
		if err != nil {
			return err
		}
		return apply(m)
	}
}
