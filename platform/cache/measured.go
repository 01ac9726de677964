package cache

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// WithMeterProvider attaches a component's meter provider to c, so that
// every ReadThrough built on c (or on a WithPrefix of it) counts its hits and
// misses there without the service having to pass the provider along.
func WithMeterProvider(c Cache, mp metric.MeterProvider) Cache {
	if mp == nil {
		return c
	}
	return measured{Cache: c, mp: mp}
}

type measured struct {
	Cache
	mp metric.MeterProvider
}

// meterSource is a cache that knows its component's meter provider.
type meterSource interface {
	meterProvider() metric.MeterProvider
}

func (m measured) meterProvider() metric.MeterProvider { return m.mp }

func (p prefixed) meterProvider() metric.MeterProvider { return meterProviderOf(p.next) }

func meterProviderOf(c Cache) metric.MeterProvider {
	if s, ok := c.(meterSource); ok {
		return s.meterProvider()
	}
	return nil
}

// lookups counts a ReadThrough's answers by where they came from:
// "hit" (the cache), "miss" (the source, then cached), "error" (the cache
// failed, so the source answered) and "bypass" (the cache was left alone
// during an outage).
type lookups struct {
	counter metric.Int64Counter
	results [resultCount]metric.AddOption
}

type result int

const (
	hit result = iota
	miss
	failed
	bypass
	resultCount
)

var resultNames = [resultCount]string{hit: "hit", miss: "miss", failed: "error", bypass: "bypass"}

func newLookups(mp metric.MeterProvider, name string) *lookups {
	if mp == nil {
		return nil
	}
	c, err := mp.Meter("github.com/un-liaison/liaison/platform/cache").Int64Counter("liaison.cache.lookups",
		metric.WithDescription("Cache lookups of a read-through cache by result: hit, miss, error or bypass."),
		metric.WithUnit("{lookup}"))
	if err != nil {
		return nil // an instrument that cannot be made leaves the cache unmeasured, not broken
	}
	l := &lookups{counter: c}
	for r, n := range resultNames {
		l.results[r] = metric.WithAttributes(attribute.String("cache", name), attribute.String("result", n))
	}
	return l
}

// add counts one lookup; a nil *lookups (no meter provider) counts nothing.
func (l *lookups) add(ctx context.Context, r result) {
	if l != nil {
		l.counter.Add(ctx, 1, l.results[r])
	}
}
