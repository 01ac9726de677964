// Package statusstream keeps the registry's consultative-status mirror current by following the
// accreditation service's change stream (WatchStatusChanges). The position in the stream lives
// in the registry's database, written with each status it applies, so the follower can be
// stopped at any moment, by a deploy or a crash, and resumes where the database says it stopped.
package statusstream

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/changestream"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// Mirror is where the changes go: the registry's use cases.
type Mirror interface {
	ApplyStatusChange(ctx context.Context, ch domain.StatusChange) (bool, error)
	StatusCursor(ctx context.Context) (uint64, error)
	ResetStatusMirror(ctx context.Context) error
}

// Options tune a Follower; the zero value is what production uses.
type Options struct {
	// Credentials adds the registry's own credentials to the stream's context: the stream is
	// open to system callers only. nil sends none.
	Credentials func(context.Context) (context.Context, error)
	Logger      *slog.Logger
	// MinBackoff and MaxBackoff bound the wait before reconnecting after the stream broke
	// (defaults 100 ms and 10 s); the wait doubles while the accreditation service stays away.
	MinBackoff, MaxBackoff time.Duration
}

// Follower follows the change stream into the mirror.
type Follower struct {
	client accreditationv1.AccreditationServiceClient
	mirror Mirror
	opts   Options
	outage atomic.Bool
	stale  *changestream.Staleness
}

// applyTimeout bounds one change's transaction.
const applyTimeout = 10 * time.Second

// settle is how long a newly opened stream must stay up to count as connected again.
const settle = time.Second

// steady is how long a stream must have stayed up for the next break to count as a new outage,
// starting again from the shortest backoff.
const steady = 10 * time.Second

// New builds a follower over a connection to the accreditation service.
func New(conn grpc.ClientConnInterface, m Mirror, o Options) *Follower {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Credentials == nil {
		o.Credentials = func(ctx context.Context) (context.Context, error) { return ctx, nil }
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = 100 * time.Millisecond
	}
	if o.MaxBackoff < o.MinBackoff {
		o.MaxBackoff = max(10*time.Second, o.MinBackoff)
	}
	return &Follower{client: accreditationv1.NewAccreditationServiceClient(conn), mirror: m, opts: o, stale: changestream.NewStaleness()}
}

// Lag is how long the mirror has been out of step with the stream (0 while it follows).
func (f *Follower) Lag() time.Duration { return f.stale.Lag() }

// Run follows the stream until ctx ends, reconnecting with backoff whenever it breaks or the
// accreditation service is away. The registry serves meanwhile: only the mirror waits.
func (f *Follower) Run(ctx context.Context) {
	backoff := f.opts.MinBackoff
	for ctx.Err() == nil {
		began := time.Now()
		err := f.follow(ctx)
		f.stale.Live(false)
		if ctx.Err() != nil {
			return
		}
		if time.Since(began) > steady {
			backoff = f.opts.MinBackoff
		}
		// One warning per outage, not one per retry: retrying is the expected way back.
		level := slog.LevelDebug
		if f.outage.CompareAndSwap(false, true) {
			level = slog.LevelWarn
		}
		f.opts.Logger.Log(ctx, level, "status change stream interrupted; organizations keep their last known status until it is back",
			slog.Any("error", err), slog.Duration("retry_in", backoff))
		// Jitter keeps replicas that lost the stream together from reconnecting together.
		wait := backoff/2 + rand.N(backoff/2+1)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		backoff = min(2*backoff, f.opts.MaxBackoff)
	}
}

// follow opens the stream right after the cursor in the database and applies changes until the
// stream or the database fails.
func (f *Follower) follow(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	after, err := f.mirror.StatusCursor(ctx)
	if err != nil {
		return err
	}
	sctx, err := f.opts.Credentials(ctx)
	if err != nil {
		return err
	}
	stream, err := f.client.WatchStatusChanges(sctx, &accreditationv1.WatchStatusChangesRequest{
		Start: &accreditationv1.WatchStatusChangesRequest_AfterSequence{AfterSequence: after},
	})
	if err != nil {
		return err
	}
	// A stream that stays open a moment is connected, whether or not changes are flowing.
	connected := time.AfterFunc(settle, func() {
		f.stale.Live(true)
		if f.outage.CompareAndSwap(true, false) {
			f.opts.Logger.InfoContext(ctx, "status change stream connected again", slog.Uint64("cursor", after))
		}
	})
	defer connected.Stop()
	for {
		msg, err := stream.Recv()
		if err != nil {
			if status.Code(err) == codes.FailedPrecondition {
				// The cursor is past the newest change: the change log was reset. What was
				// mirrored from the old one may no longer hold, so start over from its start.
				f.opts.Logger.WarnContext(ctx, "the accreditation change log was reset; rebuilding the status mirror from its start",
					slog.Uint64("cursor", after))
				if rerr := f.mirror.ResetStatusMirror(ctx); rerr != nil {
					return rerr
				}
			}
			return err
		}
		if err := f.apply(ctx, FromProto(msg.GetStatusChange())); err != nil {
			return err
		}
	}
}

// apply commits one change even when the follower is being stopped: a stop then costs no work
// and leaves nothing half done (a crash is covered by the transaction either way).
func (f *Follower) apply(ctx context.Context, ch domain.StatusChange) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), applyTimeout)
	defer cancel()
	_, err := f.mirror.ApplyStatusChange(ctx, ch)
	return err
}
