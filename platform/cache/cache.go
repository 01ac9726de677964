// Package cache keeps hot reads (organization profiles, statuses, the
// calendar) out of the database: Redis when replicas must share it, an
// in-process store otherwise. A cache is only ever an accelerator: ReadThrough
// answers from the source of truth whenever the cache misbehaves.
package cache

import (
	"context"
	"log/slog"
	"time"

	"go.opentelemetry.io/otel/trace"
)

// Cache stores opaque values under string keys for a while.
type Cache interface {
	// Get returns the value and true on a hit, false on a miss. An error
	// means the cache itself failed, which is not a miss.
	Get(ctx context.Context, key string) ([]byte, bool, error)
	// Set stores val for ttl; ttl <= 0 keeps it until evicted or deleted.
	Set(ctx context.Context, key string, val []byte, ttl time.Duration) error
	// Delete removes keys; absent keys are not an error.
	Delete(ctx context.Context, keys ...string) error
}

// Backend is a Cache that holds resources: whoever made it closes it.
type Backend interface {
	Cache
	Close() error
}

// New returns Redis when redisURL is set and an in-process cache otherwise.
// Redis being unreachable at start is logged, not fatal: the service works
// without its cache, and go-redis reconnects when Redis comes back.
func New(ctx context.Context, redisURL string, tp trace.TracerProvider, logger *slog.Logger) (Backend, error) {
	if redisURL == "" {
		return NewMemory(DefaultMemoryEntries), nil
	}
	r, err := NewRedis(redisURL, tp)
	if err != nil {
		return nil, err
	}
	if err := r.Ping(ctx); err != nil && logger != nil {
		logger.WarnContext(ctx, "redis is not reachable; reads go to the database until it is",
			slog.String("error", err.Error()))
	}
	return r, nil
}
