package cache

import (
	"context"
	"expvar"
	"log/slog"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/metric"
	"golang.org/x/sync/singleflight"

	"github.com/un-liaison/liaison/platform/logging"
)

// failures counts cache failures per ReadThrough name, published at
// /debug/vars until there are proper metrics.
var failures = expvar.NewMap("liaison_cache_failures")

// ReadThroughOptions configures NewReadThrough.
type ReadThroughOptions struct {
	// Name identifies this cache in logs and in the failure counter, e.g.
	// "organizations".
	Name string
	// TTL is the longest an entry lives; staleness after a missed
	// invalidation is bounded by it. Default one minute.
	TTL time.Duration
	// Jitter shortens each entry's TTL by a random part of up to this
	// fraction (default 0.1), so entries written together do not all
	// expire, and reload, together.
	Jitter float64
	// RetryAfter is how long the cache is left alone after it failed
	// before it is tried again (default 2 s): during an outage, calls go
	// straight to the source instead of each waiting for a timeout.
	RetryAfter time.Duration
	Logger     *slog.Logger
	// MeterProvider receives the hit and miss counts (liaison.cache.lookups
	// by cache and result); nil takes the one attached to the cache by
	// WithMeterProvider, if any.
	MeterProvider metric.MeterProvider
}

// ReadThrough serves reads from a cache and fills it from a loader (the
// database) on a miss. Concurrent misses of one key share one load. When
// the cache fails, reads are served from the loader; the outage is logged
// once when it starts and once when it ends, and every failure is counted.
type ReadThrough struct {
	cache Cache
	opts  ReadThroughOptions
	group singleflight.Group

	failed   atomic.Int64
	down     atomic.Bool
	retryAt  atomic.Int64 // unix nanoseconds
	nowNanos func() int64
	lookups  *lookups
}

// NewReadThrough wraps c.
func NewReadThrough(c Cache, opts ReadThroughOptions) *ReadThrough {
	if opts.Name == "" {
		opts.Name = "cache"
	}
	if opts.TTL <= 0 {
		opts.TTL = time.Minute
	}
	if opts.Jitter <= 0 || opts.Jitter >= 1 {
		opts.Jitter = 0.1
	}
	if opts.RetryAfter <= 0 {
		opts.RetryAfter = 2 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = logging.Discard()
	}
	if opts.MeterProvider == nil {
		opts.MeterProvider = meterProviderOf(c)
	}
	return &ReadThrough{
		cache:    c,
		opts:     opts,
		nowNanos: func() int64 { return time.Now().UnixNano() },
		lookups:  newLookups(opts.MeterProvider, opts.Name),
	}
}

// Get returns the value of key, from the cache when it holds it and from
// load otherwise. Errors come only from load (or ctx). The returned slice is
// the caller's own.
func (r *ReadThrough) Get(ctx context.Context, key string, load func(context.Context) ([]byte, error)) ([]byte, error) {
	if r.usable() {
		val, ok, err := r.cache.Get(ctx, key)
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, ctx.Err() // the caller gave up; the cache is not to blame
		case err != nil:
			r.fail(ctx, err)
			r.lookups.add(ctx, failed)
			return r.load(ctx, key, load, false)
		case ok:
			r.recovered(ctx)
			r.lookups.add(ctx, hit)
			return val, nil
		}
		r.recovered(ctx)
		r.lookups.add(ctx, miss)
		return r.load(ctx, key, load, true)
	}
	r.lookups.add(ctx, bypass)
	return r.load(ctx, key, load, false)
}

// Invalidate removes keys after a write. It does not fail the write when the
// cache is down: the entry then lives at most TTL, and the failure is
// counted and logged like any other.
func (r *ReadThrough) Invalidate(ctx context.Context, keys ...string) {
	if err := r.cache.Delete(ctx, keys...); err != nil && ctx.Err() == nil {
		r.fail(ctx, err)
	}
}

// Failures reports how many cache calls have failed so far.
func (r *ReadThrough) Failures() int64 { return r.failed.Load() }

// load runs the loader once per key however many callers wait for it, and
// fills the cache with the result when fill is set.
func (r *ReadThrough) load(ctx context.Context, key string, load func(context.Context) ([]byte, error), fill bool) ([]byte, error) {
	ch := r.group.DoChan(key, func() (any, error) {
		// The load serves every waiting caller, so the first caller
		// cancelling must not cancel it; its deadline still bounds it.
		lctx := context.WithoutCancel(ctx)
		if deadline, ok := ctx.Deadline(); ok {
			var cancel context.CancelFunc
			lctx, cancel = context.WithDeadline(lctx, deadline)
			defer cancel()
		}
		val, err := load(lctx)
		if err != nil {
			return nil, err
		}
		if fill && r.usable() {
			if err := r.cache.Set(lctx, key, val, r.ttl()); err != nil {
				r.fail(lctx, err)
			}
		}
		return val, nil
	})
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case res := <-ch:
		if res.Err != nil {
			return nil, res.Err
		}
		return append([]byte(nil), res.Val.([]byte)...), nil
	}
}

func (r *ReadThrough) ttl() time.Duration {
	cut := time.Duration(rand.Float64() * r.opts.Jitter * float64(r.opts.TTL))
	return r.opts.TTL - cut
}

// usable reports whether the cache should be tried: always while it works,
// and during an outage once every RetryAfter.
func (r *ReadThrough) usable() bool {
	return !r.down.Load() || r.nowNanos() >= r.retryAt.Load()
}

func (r *ReadThrough) fail(ctx context.Context, err error) {
	r.failed.Add(1)
	failures.Add(r.opts.Name, 1)
	r.retryAt.Store(r.nowNanos() + int64(r.opts.RetryAfter))
	if r.down.CompareAndSwap(false, true) {
		r.opts.Logger.WarnContext(ctx, "cache failing; serving from the source until it recovers",
			slog.String("cache", r.opts.Name), slog.String("error", err.Error()))
	}
}

func (r *ReadThrough) recovered(ctx context.Context) {
	if r.down.CompareAndSwap(true, false) {
		r.opts.Logger.InfoContext(ctx, "cache recovered", slog.String("cache", r.opts.Name))
	}
}
