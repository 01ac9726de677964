package gateway

import (
	"context"
	"net/http"
	"testing"

	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/logging"
	"github.com/un-liaison/liaison/platform/telemetry"
)

// edgeWithServicesDown builds the edge's whole handler chain with every service address
// unreachable, so each API call ends at the edge (503) and tests see only what the edge does.
// env adds or overrides configuration.
func edgeWithServicesDown(tb testing.TB, env map[string]string) http.Handler {
	tb.Helper()
	return edgeWithServicesDownExporting(tb, env, tracetest.NewInMemoryExporter())
}

// edgeWithServicesDownExporting is edgeWithServicesDown with its spans sent to spans.
func edgeWithServicesDownExporting(tb testing.TB, env map[string]string, spans *tracetest.InMemoryExporter) http.Handler {
	tb.Helper()
	ctx := context.Background()
	tel, err := telemetry.Setup(ctx, "gateway", telemetry.WithExporter(spans))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = tel.Shutdown(ctx) })
	vars := map[string]string{
		"LIAISON_DATA_DIR":           tb.TempDir(),
		"LIAISON_REGISTRY_ADDR":      "127.0.0.1:1",
		"LIAISON_ACCREDITATION_ADDR": "127.0.0.1:1",
		"LIAISON_EVENTS_ADDR":        "127.0.0.1:1",
		"LIAISON_DEV_MODE":           "1",
	}
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := config.LoadFrom[config.Common](vars)
	if err != nil {
		tb.Fatal(err)
	}
	handler, closeBackends, err := newHandler(ctx, cfg, tel, logging.Discard())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(closeBackends)
	return handler
}
