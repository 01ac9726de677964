// Package telemetry starts the OpenTelemetry tracing and metrics of one
// liaison component. Each component gets its own tracer and meter providers
// and service.name, because the dev runner hosts all of them in one process
// and their spans and series must still read as separate services.
package telemetry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/un-liaison/liaison/platform/metrics"
)

// Version is reported as service.version. Release builds set it with
// -ldflags "-X github.com/un-liaison/liaison/platform/telemetry.Version=v1.2.3";
// otherwise the module version from the build info is used.
var Version = ""

// Telemetry is one component's tracing and metrics. Pass TracerProvider and
// Metrics.MeterProvider to everything that traces or measures on the
// component's behalf (gRPC, HTTP, SQL, Redis, caches) instead of relying on
// the global providers.
type Telemetry struct {
	// ServiceName is the resource's service.name, "liaison-<name>".
	ServiceName    string
	TracerProvider *sdktrace.TracerProvider
	// Metrics is exposed in the Prometheus format by Metrics.Handler.
	Metrics *metrics.Metrics
}

// Option adjusts Setup, mainly so tests can capture spans.
type Option func(*settings)

type settings struct {
	exporters     []sdktrace.SpanExporter
	consoleWriter io.Writer
	sampler       sdktrace.Sampler
}

// WithExporter sends spans to exp instead of what OTEL_TRACES_EXPORTER names.
// Spans are exported synchronously so tests see them at once.
func WithExporter(exp sdktrace.SpanExporter) Option {
	return func(s *settings) { s.exporters = append(s.exporters, exp) }
}

// WithConsoleWriter redirects the "console" exporter (stderr by default).
func WithConsoleWriter(w io.Writer) Option {
	return func(s *settings) { s.consoleWriter = w }
}

// WithSampler replaces the sampler read from OTEL_TRACES_SAMPLER; probes are
// still never sampled.
func WithSampler(sampler sdktrace.Sampler) Option {
	return func(s *settings) { s.sampler = sampler }
}

var propagatorOnce sync.Once

// Setup builds the tracer provider of the component name (e.g. "registry").
// The exporter follows OTEL_TRACES_EXPORTER: "otlp" (configured by the
// standard OTEL_EXPORTER_OTLP_* variables), "console" (stderr), or "none",
// the default, so a laptop run prints nothing extra. Sampling follows
// OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG, default parent-based
// always-on, except that health probes are never sampled and that nothing is
// recorded when there is no exporter. Setup also installs
// W3C tracecontext and baggage as the global propagator, once per process.
func Setup(ctx context.Context, name string, opts ...Option) (*Telemetry, error) {
	s := settings{consoleWriter: os.Stderr}
	for _, o := range opts {
		o(&s)
	}
	propagatorOnce.Do(func() {
		otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(
			propagation.TraceContext{}, propagation.Baggage{}))
	})

	serviceName := "liaison-" + name
	res, err := resource.New(ctx,
		resource.WithFromEnv(),
		resource.WithTelemetrySDK(),
		resource.WithSchemaURL(semconv.SchemaURL),
		// Last, so that a process-wide OTEL_SERVICE_NAME cannot give every
		// component of the dev runner the same name.
		resource.WithAttributes(semconv.ServiceName(serviceName), semconv.ServiceVersion(version())),
	)
	if err != nil {
		return nil, fmt.Errorf("telemetry: resource: %w", err)
	}

	var exporters []sdktrace.SpanExporter
	batched := s.exporters == nil
	if batched {
		if exporters, err = exportersFromEnv(ctx, s.consoleWriter); err != nil {
			return nil, fmt.Errorf("telemetry: %w", err)
		}
	} else {
		exporters = s.exporters
	}
	sampler := s.sampler
	if sampler == nil {
		if sampler, err = samplerFromEnv(); err != nil {
			return nil, fmt.Errorf("telemetry: %w", err)
		}
	}
	if len(exporters) == 0 {
		// Nothing would ever read a recorded span, and recording one per call cost a tenth of a
		// status lookup. Unsampled spans still carry trace ids, so log lines and the calls this
		// component makes stay correlated.
		sampler = sdktrace.NeverSample()
	}
	tpOpts := []sdktrace.TracerProviderOption{
		sdktrace.WithResource(res),
		sdktrace.WithSampler(SkipProbes(sampler)),
	}
	for _, exp := range exporters {
		if batched {
			tpOpts = append(tpOpts, sdktrace.WithBatcher(exp))
		} else {
			tpOpts = append(tpOpts, sdktrace.WithSyncer(exp))
		}
	}
	met, err := metrics.New(res)
	if err != nil {
		return nil, fmt.Errorf("telemetry: %w", err)
	}
	return &Telemetry{ServiceName: serviceName, TracerProvider: sdktrace.NewTracerProvider(tpOpts...), Metrics: met}, nil
}

// Tracer returns a tracer of this component for hand-made spans.
func (t *Telemetry) Tracer(instrumentation string) trace.Tracer {
	return t.TracerProvider.Tracer(instrumentation)
}

// Shutdown flushes buffered spans and stops the exporters and metric
// readers. Call it last, once the servers are stopped, so the spans of the
// final calls are not lost.
func (t *Telemetry) Shutdown(ctx context.Context) error {
	var errs []error
	if err := t.TracerProvider.Shutdown(ctx); err != nil {
		errs = append(errs, fmt.Errorf("telemetry: flushing spans of %s: %w", t.ServiceName, err))
	}
	if err := t.Metrics.Shutdown(ctx); err != nil {
		errs = append(errs, fmt.Errorf("telemetry: metrics of %s: %w", t.ServiceName, err))
	}
	return errors.Join(errs...)
}

func exportersFromEnv(ctx context.Context, console io.Writer) ([]sdktrace.SpanExporter, error) {
	var out []sdktrace.SpanExporter
	for name := range strings.SplitSeq(os.Getenv("OTEL_TRACES_EXPORTER"), ",") {
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "", "none":
		case "otlp":
			exp, err := otlptracegrpc.New(ctx)
			if err != nil {
				return nil, fmt.Errorf("OTEL_TRACES_EXPORTER=otlp: %w", err)
			}
			out = append(out, exp)
		case "console":
			exp, err := stdouttrace.New(stdouttrace.WithWriter(console))
			if err != nil {
				return nil, fmt.Errorf("OTEL_TRACES_EXPORTER=console: %w", err)
			}
			out = append(out, exp)
		default:
			return nil, errors.Join(shutdownAll(ctx, out),
				fmt.Errorf("OTEL_TRACES_EXPORTER=%q: want otlp, console or none", name))
		}
	}
	return out, nil
}

func shutdownAll(ctx context.Context, exps []sdktrace.SpanExporter) error {
	var errs []error
	for _, e := range exps {
		errs = append(errs, e.Shutdown(ctx))
	}
	return errors.Join(errs...)
}

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
