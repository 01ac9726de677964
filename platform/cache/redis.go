package cache

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/extra/redisotel/v9"
	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// CallTimeout bounds every Redis call. A cache that answers slower than the
// database it fronts is worse than none, so calls give up quickly and the
// caller reads the database instead.
const CallTimeout = 300 * time.Millisecond

// Redis is a Cache on a Redis server, shared by every replica.
type Redis struct {
	client *redis.Client
}

// NewRedis connects (lazily) to the server at url, e.g.
// redis://:password@cache:6379/0, tracing each command on tp. The
// connection's timeouts are short; see CallTimeout.
func NewRedis(url string, tp trace.TracerProvider) (*Redis, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		// The parse error may quote the URL, password included.
		return nil, errors.New("cache: LIAISON_REDIS_URL is not a valid redis:// URL")
	}
	opts.DialTimeout = 500 * time.Millisecond
	opts.ReadTimeout = CallTimeout
	opts.WriteTimeout = CallTimeout
	opts.PoolTimeout = CallTimeout
	opts.MaxRetries = 1 // one retry covers a connection the server closed while idle
	opts.ContextTimeoutEnabled = true
	client := redis.NewClient(opts)
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	// Statements stay out of spans: SET carries the cached value, which may
	// hold personal data from organization profiles.
	if err := redisotel.InstrumentTracing(client, redisotel.WithTracerProvider(tp), redisotel.WithDBStatement(false)); err != nil {
		_ = client.Close()
		return nil, fmt.Errorf("cache: tracing redis: %w", err)
	}
	return &Redis{client: client}, nil
}

// Ping checks that the server answers.
func (r *Redis) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, CallTimeout)
	defer cancel()
	if err := r.client.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("cache: redis ping: %w", err)
	}
	return nil
}

// Get implements Cache; redis.Nil is a miss, not an error.
func (r *Redis) Get(ctx context.Context, key string) ([]byte, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, CallTimeout)
	defer cancel()
	val, err := r.client.Get(ctx, key).Bytes()
	switch {
	case errors.Is(err, redis.Nil):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("cache: redis get: %w", err)
	}
	return val, true, nil
}

// Set implements Cache.
func (r *Redis) Set(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, CallTimeout)
	defer cancel()
	if ttl < 0 {
		ttl = 0
	}
	if err := r.client.Set(ctx, key, val, ttl).Err(); err != nil {
		return fmt.Errorf("cache: redis set: %w", err)
	}
	return nil
}

// Delete implements Cache.
func (r *Redis) Delete(ctx context.Context, keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, CallTimeout)
	defer cancel()
	if err := r.client.Del(ctx, keys...).Err(); err != nil {
		return fmt.Errorf("cache: redis delete: %w", err)
	}
	return nil
}

// Close releases the connections.
func (r *Redis) Close() error { return r.client.Close() }
