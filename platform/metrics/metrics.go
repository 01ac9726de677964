// Package metrics gives each liaison component its own OpenTelemetry meter
// provider, read by Prometheus at /metrics. Like tracing, it is one provider
// per component rather than the global one, because the dev runner hosts
// every component in one process and their series must not mix.
package metrics

import (
	"context"
	"fmt"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/resource"
)

// latencyBuckets suit calls that take from a millisecond to several seconds.
// The SDK's default buckets are meant for milliseconds and would put every
// call measured in seconds into the first bucket.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Metrics is one component's meter provider and the Prometheus registry it
// is exposed through.
type Metrics struct {
	// MeterProvider is what instrumentation (otelgrpc, otelhttp, caches, the
	// database pool) records into on the component's behalf.
	MeterProvider *sdkmetric.MeterProvider
	registry      *prometheus.Registry
}

// Option adjusts New, mainly so tests can read metrics without scraping.
type Option func(*settings)

type settings struct {
	readers []sdkmetric.Reader
}

// WithReader adds a reader next to the Prometheus one, e.g. a ManualReader
// in a test.
func WithReader(r sdkmetric.Reader) Option {
	return func(s *settings) { s.readers = append(s.readers, r) }
}

// New builds the meter provider of a component described by res (whose
// service.name appears in target_info). The Go runtime and process
// collectors are registered too, so one scrape shows memory, goroutines and
// file descriptors next to the calls.
func New(res *resource.Resource, opts ...Option) (*Metrics, error) {
	var s settings
	for _, o := range opts {
		o(&s)
	}
	reg := prometheus.NewRegistry()
	if err := reg.Register(collectors.NewGoCollector()); err != nil {
		return nil, fmt.Errorf("metrics: go collector: %w", err)
	}
	if err := reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})); err != nil {
		return nil, fmt.Errorf("metrics: process collector: %w", err)
	}
	exp, err := otelprom.New(otelprom.WithRegisterer(reg))
	if err != nil {
		return nil, fmt.Errorf("metrics: prometheus exporter: %w", err)
	}
	mpOpts := []sdkmetric.Option{
		sdkmetric.WithResource(res),
		sdkmetric.WithReader(exp),
		sdkmetric.WithView(sdkmetric.NewView(
			sdkmetric.Instrument{Kind: sdkmetric.InstrumentKindHistogram, Unit: "s"},
			sdkmetric.Stream{Aggregation: sdkmetric.AggregationExplicitBucketHistogram{Boundaries: latencyBuckets}},
		)),
	}
	for _, r := range s.readers {
		mpOpts = append(mpOpts, sdkmetric.WithReader(r))
	}
	return &Metrics{MeterProvider: sdkmetric.NewMeterProvider(mpOpts...), registry: reg}, nil
}

// Handler serves the Prometheus text format of this component's metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Shutdown stops the readers; a scrape after it sees no OpenTelemetry series.
func (m *Metrics) Shutdown(ctx context.Context) error {
	if err := m.MeterProvider.Shutdown(ctx); err != nil {
		return fmt.Errorf("metrics: %w", err)
	}
	return nil
}
