package telemetry

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// samplerFromEnv reads OTEL_TRACES_SAMPLER the way the SDK would on its own;
// liaison has to read it itself because it wraps the result in SkipProbes.
func samplerFromEnv() (sdktrace.Sampler, error) {
	name := strings.ToLower(strings.TrimSpace(os.Getenv("OTEL_TRACES_SAMPLER")))
	arg := strings.TrimSpace(os.Getenv("OTEL_TRACES_SAMPLER_ARG"))
	ratio := func() (sdktrace.Sampler, error) {
		if arg == "" {
			return sdktrace.TraceIDRatioBased(1), nil
		}
		r, err := strconv.ParseFloat(arg, 64)
		if err != nil || r < 0 || r > 1 {
			return nil, fmt.Errorf("OTEL_TRACES_SAMPLER_ARG=%q: want a ratio between 0 and 1", arg)
		}
		return sdktrace.TraceIDRatioBased(r), nil
	}
	switch name {
	case "", "parentbased_always_on":
		return sdktrace.ParentBased(sdktrace.AlwaysSample()), nil
	case "always_on":
		return sdktrace.AlwaysSample(), nil
	case "always_off":
		return sdktrace.NeverSample(), nil
	case "parentbased_always_off":
		return sdktrace.ParentBased(sdktrace.NeverSample()), nil
	case "traceidratio":
		return ratio()
	case "parentbased_traceidratio":
		r, err := ratio()
		if err != nil {
			return nil, err
		}
		return sdktrace.ParentBased(r), nil
	default:
		return nil, fmt.Errorf("OTEL_TRACES_SAMPLER=%q is not supported", name)
	}
}

// SkipProbes wraps a sampler so that liveness and readiness probes — gRPC
// health checks and the gateway's /healthz and /readyz — and Prometheus
// scrapes of /metrics are never recorded: they arrive every few seconds and
// would drown the traces people look for.
func SkipProbes(next sdktrace.Sampler) sdktrace.Sampler {
	return skipProbes{next: next}
}

type skipProbes struct {
	next sdktrace.Sampler
}

func (s skipProbes) ShouldSample(p sdktrace.SamplingParameters) sdktrace.SamplingResult {
	if isProbe(p) {
		return sdktrace.SamplingResult{
			Decision:   sdktrace.Drop,
			Tracestate: trace.SpanContextFromContext(p.ParentContext).TraceState(),
		}
	}
	return s.next.ShouldSample(p)
}

func (s skipProbes) Description() string {
	return "SkipProbes{" + s.next.Description() + "}"
}

// healthMethodPrefix is how otelgrpc names the spans of grpc.health.v1 calls,
// on both the server and the client side.
const healthMethodPrefix = "grpc.health.v1.Health/"

func isProbe(p sdktrace.SamplingParameters) bool {
	if strings.HasPrefix(p.Name, healthMethodPrefix) || strings.HasPrefix(p.Name, "/"+healthMethodPrefix) {
		return true
	}
	if isProbePath(p.Name) || isProbePath(strings.TrimPrefix(p.Name, "GET ")) {
		return true
	}
	for _, kv := range p.Attributes {
		switch kv.Key {
		case "url.path", "http.target", "http.route":
			if isProbePath(kv.Value.AsString()) {
				return true
			}
		case "rpc.service":
			if kv.Value.AsString() == "grpc.health.v1.Health" {
				return true
			}
		}
	}
	return false
}

func isProbePath(path string) bool {
	return path == "/healthz" || path == "/readyz" || path == "/metrics"
}
