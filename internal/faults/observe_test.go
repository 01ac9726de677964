//go:build faults

package faults

import (
	"regexp"
	"strings"
	"testing"

	"github.com/un-liaison/liaison/platform/auth"
)

// TestOneTraceAcrossTheEdgeAndTheServices registers an organization the
// events service has never looked up (so it asks the accreditation service)
// with OTEL_TRACES_EXPORTER=console, and finds the same trace id on the
// gateway's, the events service's and the accreditation service's spans.
func TestOneTraceAcrossTheEdgeAndTheServices(t *testing.T) {
	s := startSystem(t, "OTEL_TRACES_EXPORTER=console")
	officer := s.token("officer-1", "", auth.RoleOfficer)
	event := s.createMeeting(officer, "Commission for Social Development", true)
	org := s.orgInState("STATE_NONE")

	r := s.call(t.Context(), "POST", "/v1/events/"+event+"/registrations?requestId=trace-1", officer, registration(org.ID, "trace@example.org"))
	if r.err != nil || r.status == 0 || r.status >= 500 {
		t.Fatalf("registration: %v", r)
	}
	if err := s.signal("gateway", 15, 10e9); err != nil { // SIGTERM flushes the spans
		t.Fatal(err)
	}
	for _, c := range []string{"events", "accreditation"} {
		if err := s.signal(c, 15, 10e9); err != nil {
			t.Fatal(err)
		}
	}
	// Named by the route template, not the raw path (one name per route, not per event).
	span := regexp.MustCompile(`"Name":"POST /v1/events/\{[a-z_]+\}/registrations","SpanContext":\{"TraceID":"([0-9a-f]{32})"`)
	m := span.FindStringSubmatch(s.readLog("gateway"))
	if m == nil {
		t.Fatal("the gateway printed no span for the registration")
	}
	traceID := `"TraceID":"` + m[1] + `"`
	for c, name := range map[string]string{
		"events":        "liaison.events.v1.EventsService/RegisterParticipant",
		"accreditation": "liaison.accreditation.v1.AccreditationService/GetConsultativeStatus",
	} {
		found := false
		for line := range strings.SplitSeq(s.readLog(c), "\n") {
			if strings.Contains(line, `"Name":"`+name+`"`) && strings.Contains(line, traceID) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s printed no %s span in trace %s", c, name, m[1])
		}
	}
	for _, c := range components {
		if strings.Contains(s.readLog(c), `"Name":"grpc.health.v1.Health/`) {
			t.Errorf("%s traced a health check", c)
		}
	}
}

// TestMetricsOnTheEdgeAndEachService reads /metrics on the gateway and on
// each service's admin port after a few calls: Prometheus text with per-RPC
// and per-route counts and latency histograms.
func TestMetricsOnTheEdgeAndEachService(t *testing.T) {
	s := startSystem(t)
	org := s.orgInState("STATE_ACTIVE")
	s.must("GET", "/v1/organizations/"+org.ID, "", nil, nil)
	s.must("GET", "/v1/organizations/"+org.ID+"/status", "", nil, nil)
	s.must("GET", "/v1/events?pageSize=5", "", nil, nil)

	edge := s.scrape("gateway")
	if sumSeries(edge, "http_server_request_duration_seconds_count", `http_route="/v1/organizations/{id}"`) < 1 {
		t.Errorf("the gateway counts no request per route:\n%s", edge)
	}
	if !strings.Contains(edge, `http_server_request_duration_seconds_bucket{`) {
		t.Error("the gateway has no latency histogram")
	}
	// Each copy of the statuses says how far behind its stream it is; the services with an
	// outbox of notices say how many wait.
	for svc, series := range map[string]string{
		"gateway":       `stream="gateway.status_view"`,
		"registry":      `stream="registry.status_mirror"`,
		"events":        `stream="events.status_cache"`,
		"accreditation": `queue="notices"`,
	} {
		if out := s.scrape(svc); !strings.Contains(out, series) {
			t.Errorf("%s publishes no %s:\n%s", svc, series, out)
		}
	}
	for svc, method := range map[string]string{
		"registry":      "liaison.registry.v1.RegistryService/GetOrganization",
		"accreditation": "liaison.accreditation.v1.AccreditationService/GetConsultativeStatus",
		"events":        "liaison.events.v1.EventsService/ListEvents",
	} {
		out := s.scrape(svc)
		if sumSeries(out, "rpc_server_call_duration_seconds_count", `rpc_method="`+method+`"`) < 1 {
			t.Errorf("%s counts no %s call", svc, method)
		}
		if !strings.Contains(out, `rpc_server_call_duration_seconds_bucket{`) {
			t.Errorf("%s has no latency histogram", svc)
		}
		if !strings.Contains(out, `liaison_db_pool_connections{`) {
			t.Errorf("%s publishes no database pool use", svc)
		}
		if !strings.Contains(out, `service_name="liaison-`+svc+`"`) {
			t.Errorf("%s's target_info lacks its service.name", svc)
		}
	}
}
