package gateway

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// Operators profile and scrape the edge on its admin port; the public port never offers the profiler.
func TestAdminPortServesMetricsAndTheProfilerOnly(t *testing.T) {
	t.Parallel()
	e := startEdge(t, nil)

	get := func(url string) (int, string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, body := get(e.admin + "/debug/pprof/goroutine?debug=1"); code != http.StatusOK || !strings.Contains(body, "goroutine profile") {
		t.Errorf("admin /debug/pprof/goroutine: %d %.200q", code, body)
	}
	if code, body := get(e.admin + "/metrics"); code != http.StatusOK || !strings.Contains(body, "liaison-gateway") {
		t.Errorf("admin /metrics: %d %.200q", code, body)
	}
	if code, _ := get(e.url + "/debug/pprof/goroutine?debug=1"); code != http.StatusNotFound {
		t.Errorf("public /debug/pprof/goroutine: %d, want 404", code)
	}
}
