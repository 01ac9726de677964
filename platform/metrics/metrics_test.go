package metrics_test

import (
	"context"
	"database/sql"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/sdk/resource"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"

	"github.com/un-liaison/liaison/platform/metrics"
)

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type = %q, want the Prometheus text format", ct)
	}
	return string(body)
}

func newMetrics(t *testing.T, name string) *metrics.Metrics {
	t.Helper()
	m, err := metrics.New(resource.NewSchemaless(semconv.ServiceName(name)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown(context.Background()) })
	return m
}

func TestLatencyHistogramsUseSecondBuckets(t *testing.T) {
	t.Parallel()
	m := newMetrics(t, "liaison-registry")
	h, err := m.MeterProvider.Meter("test").Float64Histogram("rpc.server.call.duration", metric.WithUnit("s"))
	if err != nil {
		t.Fatal(err)
	}
	h.Record(context.Background(), 0.02)
	out := scrape(t, m)
	for _, want := range []string{
		`rpc_server_call_duration_seconds_bucket{`,
		`le="0.025"} 1`,
		`le="0.01"} 0`,
		`rpc_server_call_duration_seconds_count{`,
		`service_name="liaison-registry"`,
		"go_goroutines",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("scrape lacks %s:\n%s", want, out)
		}
	}
}

func TestComponentsDoNotShareSeries(t *testing.T) {
	t.Parallel()
	a, b := newMetrics(t, "liaison-registry"), newMetrics(t, "liaison-events")
	c, err := a.MeterProvider.Meter("test").Int64Counter("only.in.registry")
	if err != nil {
		t.Fatal(err)
	}
	c.Add(context.Background(), 1)
	if out := scrape(t, b); strings.Contains(out, "only_in_registry") {
		t.Fatalf("the events scrape shows a registry series:\n%s", out)
	}
}

func TestHooksPublishPoolBacklogAndLag(t *testing.T) {
	t.Parallel()
	m := newMetrics(t, "liaison-accreditation")
	stats := sql.DBStats{MaxOpenConnections: 10, InUse: 3, Idle: 2, WaitCount: 7, WaitDuration: 1500 * time.Millisecond}
	if err := metrics.ObserveDBPool(m.MeterProvider, "accreditation", func() sql.DBStats { return stats }); err != nil {
		t.Fatal(err)
	}
	if err := metrics.ObserveBacklog(m.MeterProvider, "outbox", func(context.Context) (int64, error) { return 42, nil }); err != nil {
		t.Fatal(err)
	}
	if err := metrics.ObserveLag(m.MeterProvider, "status-changes", func() time.Duration { return 3 * time.Second }); err != nil {
		t.Fatal(err)
	}
	out := scrape(t, m)
	for _, want := range []string{
		`liaison_db_pool_connections{otel_scope_name="github.com/un-liaison/liaison/platform/metrics",otel_scope_schema_url="",otel_scope_version="",pool="accreditation",state="in_use"} 3`,
		`state="idle"} 2`,
		`liaison_db_pool_max_open`,
		`liaison_db_pool_waits_total`,
		`liaison_db_pool_wait_duration_seconds_total`,
		`queue="outbox"} 42`,
		`stream="status-changes"} 3`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("scrape lacks %s:\n%s", want, out)
		}
	}
}
