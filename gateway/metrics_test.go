package gateway

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// TestMetricsCountRequestsPerRoute calls the edge with every service down (each call is a 503)
// and reads /metrics on the admin port: requests are counted and timed under their URL
// template, never under the raw path, and a caller's Host header adds no series.
func TestMetricsCountRequestsPerRoute(t *testing.T) {
	t.Parallel()
	e := startEdge(t, nil)
	for i, id := range []string{"org-1", "org-2"} {
		req, _ := http.NewRequest(http.MethodGet, e.url+"/v1/organizations/"+id, nil)
		req.Host = "made-up-" + id + ".example:" + []string{"1234", "5678"}[i]
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
	}
	out := string(e.scrape(t).raw)
	var count string
	for line := range strings.SplitSeq(out, "\n") {
		if strings.HasPrefix(line, "http_server_request_duration_seconds_count{") &&
			strings.Contains(line, `http_route="/v1/organizations/{id}"`) {
			count = line
		}
	}
	if !strings.HasSuffix(count, " 2") {
		t.Errorf("no count of 2 requests for the route template; /metrics:\n%s", out)
	}
	if strings.Contains(out, "org-1") {
		t.Error("a raw path became a label")
	}
	if strings.Contains(out, "made-up") || strings.Contains(out, `server_port="1234"`) {
		t.Error("a caller's Host header became a label")
	}
	if !strings.Contains(out, `service_name="liaison-gateway"`) {
		t.Error("target_info lacks the gateway's service.name")
	}
}

func TestMetricsAreNotOnThePublicPort(t *testing.T) {
	t.Parallel()
	e := startEdge(t, nil)
	if r := e.do(t, http.MethodGet, "/metrics", "", nil); r.status != http.StatusNotFound {
		t.Fatalf("public /metrics: %d, want 404", r.status)
	}
}

// Spans are named after the route template, so traces group by route, not by organization.
func TestSpansAreNamedByRouteTemplate(t *testing.T) {
	t.Parallel()
	spans := tracetest.NewInMemoryExporter()
	handler := edgeWithServicesDownExporting(t, nil, spans)
	for _, path := range []string{"/v1/organizations/org-1", "/openapi.json"} {
		req, _ := http.NewRequest(http.MethodGet, path, nil)
		handler.ServeHTTP(httptest.NewRecorder(), req)
	}
	var names []string
	for _, s := range spans.GetSpans() {
		if s.SpanKind.String() == "server" {
			names = append(names, s.Name)
		}
	}
	joined := strings.Join(names, ",")
	if !strings.Contains(joined, "GET /v1/organizations/{id}") || !strings.Contains(joined, "GET /openapi.json") || strings.Contains(joined, "org-1") {
		t.Fatalf("server spans %v, want them named by route template", names)
	}
}
