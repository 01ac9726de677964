package gateway

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestMetricsCountRequestsPerRoute calls the edge with every service down
// (each call is a 503) and reads /metrics: requests are counted and timed
// under their URL template, never under the raw path.
func TestMetricsCountRequestsPerRoute(t *testing.T) {
	t.Parallel()
	handler := edgeWithServicesDown(t, nil)
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)

	for _, id := range []string{"org-1", "org-2"} {
		resp, err := http.Get(srv.URL + "/v1/organizations/" + id)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
	}
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	out := string(body)
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
	if !strings.Contains(out, `service_name="liaison-gateway"`) {
		t.Error("target_info lacks the gateway's service.name")
	}
}
