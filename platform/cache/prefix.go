package cache

import (
	"context"
	"time"
)

// WithPrefix namespaces every key of c, so that services sharing one Redis
// (or tests sharing one server) cannot read each other's entries.
func WithPrefix(c Cache, prefix string) Cache {
	if prefix == "" {
		return c
	}
	return prefixed{next: c, prefix: prefix}
}

type prefixed struct {
	next   Cache
	prefix string
}

func (p prefixed) Get(ctx context.Context, key string) ([]byte, bool, error) {
	return p.next.Get(ctx, p.prefix+key)
}

func (p prefixed) Set(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	return p.next.Set(ctx, p.prefix+key, val, ttl)
}

func (p prefixed) Delete(ctx context.Context, keys ...string) error {
	full := make([]string, len(keys))
	for i, k := range keys {
		full[i] = p.prefix + k
	}
	return p.next.Delete(ctx, full...)
}
