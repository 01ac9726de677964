package gateway

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

// With the registry down the edge stays ready and says so; the registry's routes answer 503
// with Retry-After at once, the other services' routes and the portal keep answering.
func TestOneServiceDownLeavesTheEdgeReady(t *testing.T) {
	t.Parallel()
	e := startEdge(t, map[string]string{"LIAISON_REGISTRY_ADDR": "127.0.0.1:1"})
	r := e.do(t, http.MethodGet, "/readyz", "", nil)
	var body struct {
		Ready    bool              `json:"ready"`
		Services map[string]string `json:"services"`
		Down     []string          `json:"down"`
	}
	if err := json.Unmarshal(r.raw, &body); err != nil {
		t.Fatal(err)
	}
	if r.status != http.StatusOK || !body.Ready || !slices.Equal(body.Down, []string{"registry"}) || body.Services["events"] != "SERVING" {
		t.Fatalf("/readyz with the registry down: %d %s", r.status, r.raw)
	}
	began := time.Now()
	org := e.do(t, http.MethodGet, "/v1/organizations/org-1", "", nil)
	if org.status != http.StatusServiceUnavailable || org.header.Get("Retry-After") == "" {
		t.Fatalf("an organization route with the registry down: %d, Retry-After %q", org.status, org.header.Get("Retry-After"))
	}
	if took := time.Since(began); took > time.Second {
		t.Errorf("the 503 took %v, want it within 1 s", took)
	}
	if ev := e.do(t, http.MethodGet, "/v1/events", "", nil); ev.status != http.StatusOK {
		t.Errorf("an events route with the registry down: %d", ev.status)
	}
}

func TestEveryServiceDownMakesTheEdgeUnready(t *testing.T) {
	t.Parallel()
	h := edgeWithServicesDown(t, nil)
	req, _ := http.NewRequest(http.MethodGet, "/readyz", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("/readyz with every service down: %d, want 503", rec.Code)
	}
}
