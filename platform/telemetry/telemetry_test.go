package telemetry_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/un-liaison/liaison/platform/telemetry"
)

func TestEachComponentHasItsOwnServiceName(t *testing.T) {
	t.Setenv("OTEL_SERVICE_NAME", "one-name-for-all")
	ctx := context.Background()
	names := map[string]string{}
	for _, component := range []string{"registry", "events"} {
		exp := tracetest.NewInMemoryExporter()
		tel, err := telemetry.Setup(ctx, component, telemetry.WithExporter(exp))
		if err != nil {
			t.Fatal(err)
		}
		_, span := tel.Tracer("test").Start(ctx, "work")
		span.End()
		spans := exp.GetSpans() // before Shutdown, which empties the in-memory exporter
		if err := tel.Shutdown(ctx); err != nil {
			t.Fatal(err)
		}
		if len(spans) != 1 {
			t.Fatalf("%s: %d spans exported, want 1", component, len(spans))
		}
		for _, kv := range spans[0].Resource.Attributes() {
			if kv.Key == semconv.ServiceNameKey {
				names[component] = kv.Value.AsString()
			}
		}
	}
	if names["registry"] != "liaison-registry" || names["events"] != "liaison-events" {
		t.Fatalf("service names = %v", names)
	}
}

func TestPropagatorIsW3C(t *testing.T) {
	if _, err := telemetry.Setup(context.Background(), "registry", telemetry.WithExporter(tracetest.NewInMemoryExporter())); err != nil {
		t.Fatal(err)
	}
	fields := strings.Join(otel.GetTextMapPropagator().Fields(), ",")
	for _, want := range []string{"traceparent", "tracestate", "baggage"} {
		if !strings.Contains(fields, want) {
			t.Errorf("propagator fields %q lack %s", fields, want)
		}
	}
}

func TestProbesAreNeverSampled(t *testing.T) {
	t.Parallel()
	exp := tracetest.NewInMemoryExporter()
	tel, err := telemetry.Setup(context.Background(), "gateway",
		telemetry.WithExporter(exp), telemetry.WithSampler(sdktrace.AlwaysSample()))
	if err != nil {
		t.Fatal(err)
	}
	tr := tel.Tracer("test")
	spans := []struct {
		name  string
		attrs []attribute.KeyValue
		probe bool
	}{
		{"grpc.health.v1.Health/Check", nil, true},
		{"grpc.health.v1.Health/Watch", nil, true},
		{"GET", []attribute.KeyValue{attribute.String("url.path", "/healthz")}, true},
		{"GET /readyz", nil, true},
		{"GET /metrics", nil, true},
		{"liaison.registry.v1.RegistryService/GetOrganization", nil, false},
		{"GET", []attribute.KeyValue{attribute.String("url.path", "/v1/organizations")}, false},
	}
	for _, s := range spans {
		_, span := tr.Start(context.Background(), s.name, trace.WithAttributes(s.attrs...))
		if span.IsRecording() == s.probe {
			t.Errorf("%s %v: recording = %v, want %v", s.name, s.attrs, span.IsRecording(), !s.probe)
		}
		span.End()
	}
	if got := len(exp.GetSpans()); got != 2 {
		t.Fatalf("exported %d spans, want the 2 non-probe ones", got)
	}
}

func TestSamplerFromEnvironment(t *testing.T) {
	tests := []struct {
		sampler, arg string
		wantErr      bool
		wantPrefix   string
	}{
		{"", "", false, "SkipProbes{ParentBased{root:AlwaysOnSampler"},
		{"always_off", "", false, "SkipProbes{AlwaysOffSampler"},
		{"parentbased_traceidratio", "0.25", false, "SkipProbes{ParentBased{root:TraceIDRatioBased{0.25}"},
		{"traceidratio", "", false, "SkipProbes{TraceIDRatioBased{1}"},
		{"traceidratio", "2", true, ""},
		{"sometimes", "", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.sampler+"="+tt.arg, func(t *testing.T) {
			t.Setenv("OTEL_TRACES_SAMPLER", tt.sampler)
			t.Setenv("OTEL_TRACES_SAMPLER_ARG", tt.arg)
			_, setupErr := telemetry.Setup(context.Background(), "registry", telemetry.WithExporter(tracetest.NewInMemoryExporter()))
			sampler, err := telemetry.SamplerFromEnv()
			if tt.wantErr {
				if setupErr == nil || !strings.Contains(setupErr.Error(), "OTEL_TRACES_SAMPLER") {
					t.Fatalf("Setup error = %v, want one naming the variable", setupErr)
				}
				if err == nil {
					t.Fatalf("error = %v, want one naming the variable", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if setupErr != nil {
				t.Fatal(setupErr)
			}
			got := telemetry.SkipProbes(sampler).Description()
			if !strings.HasPrefix(got, tt.wantPrefix) {
				t.Fatalf("sampler = %s, want prefix %s", got, tt.wantPrefix)
			}
		})
	}
}

func TestExporterFromEnvironment(t *testing.T) {
	tests := []struct {
		exporter    string
		wantConsole bool
		wantErr     bool
	}{
		{"", false, false},
		{"none", false, false},
		{"console", true, false},
		{"otlp", false, false},
		{"otlp,console", true, false},
		{"zipkin", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.exporter, func(t *testing.T) {
			t.Setenv("OTEL_TRACES_EXPORTER", tt.exporter)
			// An unreachable collector must not fail start-up or shutdown beyond its timeout.
			t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1")
			t.Setenv("OTEL_EXPORTER_OTLP_TIMEOUT", "200")
			var console bytes.Buffer
			tel, err := telemetry.Setup(context.Background(), "events", telemetry.WithConsoleWriter(&console))
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), "OTEL_TRACES_EXPORTER") {
					t.Fatalf("error = %v, want one naming the variable", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			_, span := tel.Tracer("test").Start(context.Background(), "session scheduled")
			span.End()
			_ = tel.Shutdown(context.Background()) // otlp cannot reach its collector here
			if got := strings.Contains(console.String(), "session scheduled"); got != tt.wantConsole {
				t.Fatalf("console output has the span = %v, want %v: %q", got, tt.wantConsole, console.String())
			}
			if tt.wantConsole && !strings.Contains(console.String(), "liaison-events") {
				t.Fatalf("console span lacks service.name: %s", console.String())
			}
		})
	}
}

// With nowhere to send spans, none is recorded, yet each still has a trace id for the logs and
// for the calls it makes.
func TestNoExporterRecordsNothingButKeepsTraceIDs(t *testing.T) {
	t.Setenv("OTEL_TRACES_EXPORTER", "none")
	t.Setenv("OTEL_TRACES_SAMPLER", "always_on")
	tel, err := telemetry.Setup(context.Background(), "accreditation")
	if err != nil {
		t.Fatal(err)
	}
	defer tel.Shutdown(context.Background())
	_, span := tel.Tracer("test").Start(context.Background(), "liaison.accreditation.v1.AccreditationService/GetConsultativeStatus")
	defer span.End()
	if span.IsRecording() || !span.SpanContext().HasTraceID() || !span.SpanContext().HasSpanID() {
		t.Fatalf("recording = %v, span context = %v: want an unrecorded span with ids", span.IsRecording(), span.SpanContext())
	}
}
