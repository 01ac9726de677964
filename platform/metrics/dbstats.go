package metrics

import (
	"context"
	"database/sql"
	"fmt"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// ObserveDBPool publishes a database pool's use, read from stats at every
// scrape: connections in use and idle, the limit, and how often and how long
// callers waited for a connection — the first sign that a pool is too small.
// pool names it, e.g. "registry" or "registry-writer".
func ObserveDBPool(mp metric.MeterProvider, pool string, stats func() sql.DBStats) error {
	m := mp.Meter("github.com/un-liaison/liaison/platform/metrics")
	conns, err1 := m.Int64ObservableGauge("liaison.db.pool.connections",
		metric.WithDescription("Open connections of the pool by state."), metric.WithUnit("{connection}"))
	limit, err2 := m.Int64ObservableGauge("liaison.db.pool.max_open",
		metric.WithDescription("Most connections the pool may open; 0 is unlimited."), metric.WithUnit("{connection}"))
	waits, err3 := m.Int64ObservableCounter("liaison.db.pool.waits",
		metric.WithDescription("Times a caller had to wait for a free connection."), metric.WithUnit("{wait}"))
	waited, err4 := m.Float64ObservableCounter("liaison.db.pool.wait_duration",
		metric.WithDescription("Total time callers waited for a free connection."), metric.WithUnit("s"))
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			return fmt.Errorf("metrics: db pool %s: %w", pool, err)
		}
	}
	name := attribute.String("pool", pool)
	inUse := metric.WithAttributes(name, attribute.String("state", "in_use"))
	idle := metric.WithAttributes(name, attribute.String("state", "idle"))
	only := metric.WithAttributes(name)
	_, err := m.RegisterCallback(func(_ context.Context, o metric.Observer) error {
		s := stats()
		o.ObserveInt64(conns, int64(s.InUse), inUse)
		o.ObserveInt64(conns, int64(s.Idle), idle)
		o.ObserveInt64(limit, int64(s.MaxOpenConnections), only)
		o.ObserveInt64(waits, s.WaitCount, only)
		o.ObserveFloat64(waited, s.WaitDuration.Seconds(), only)
		return nil
	}, conns, limit, waits, waited)
	if err != nil {
		return fmt.Errorf("metrics: db pool %s: %w", pool, err)
	}
	return nil
}
