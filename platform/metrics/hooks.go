package metrics

import (
	"context"
	"fmt"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// ObserveBacklog publishes how many items wait in a queue that a service
// drains in the background — an outbox of events not yet published, for
// instance. count runs at every scrape; an error skips that one reading.
// A backlog that only grows means the drain is stuck.
func ObserveBacklog(mp metric.MeterProvider, queue string, count func(context.Context) (int64, error)) error {
	m := mp.Meter("github.com/un-liaison/liaison/platform/metrics")
	attrs := metric.WithAttributes(attribute.String("queue", queue))
	_, err := m.Int64ObservableGauge("liaison.backlog",
		metric.WithDescription("Items waiting in a background queue, such as an outbox."),
		metric.WithUnit("{item}"),
		metric.WithInt64Callback(func(ctx context.Context, o metric.Int64Observer) error {
			n, err := count(ctx)
			if err != nil {
				return nil // a failed reading is a gap in the graph, not a broken scrape
			}
			o.Observe(n, attrs)
			return nil
		}))
	if err != nil {
		return fmt.Errorf("metrics: backlog %s: %w", queue, err)
	}
	return nil
}

// ObserveLag publishes how far a consumer of a change stream is behind: the
// age of the newest change it has applied, or 0 when it is caught up. lag
// runs at every scrape.
func ObserveLag(mp metric.MeterProvider, stream string, lag func() time.Duration) error {
	m := mp.Meter("github.com/un-liaison/liaison/platform/metrics")
	attrs := metric.WithAttributes(attribute.String("stream", stream))
	_, err := m.Float64ObservableGauge("liaison.stream.lag",
		metric.WithDescription("How far a change-stream consumer is behind its source."),
		metric.WithUnit("s"),
		metric.WithFloat64Callback(func(_ context.Context, o metric.Float64Observer) error {
			o.Observe(lag().Seconds(), attrs)
			return nil
		}))
	if err != nil {
		return fmt.Errorf("metrics: lag %s: %w", stream, err)
	}
	return nil
}
