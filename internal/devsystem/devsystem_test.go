package devsystem_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/internal/devsystem"
	"github.com/un-liaison/liaison/platform/config"
)

// startSystem runs the dev system on free loopback ports with its own data directory and
// returns the bound addresses; the system is stopped, and must stop promptly, at cleanup.
func startSystem(t *testing.T) config.Common {
	t.Helper()
	return startSystemIn(t, t.TempDir())
}

// startSystemIn starts the system on the data directory given, so a test can restart it on
// the same data.
func startSystemIn(t *testing.T, dataDir string) config.Common {
	t.Helper()
	t.Setenv("LIAISON_DATA_DIR", dataDir)
	for _, v := range []string{"LIAISON_HTTP_ADDR", "LIAISON_REGISTRY_ADDR", "LIAISON_ACCREDITATION_ADDR", "LIAISON_EVENTS_ADDR"} {
		t.Setenv(v, "127.0.0.1:0")
	}
	t.Setenv("LIAISON_ADMIN_ADDR", "127.0.0.1:0")
	t.Setenv("LIAISON_DATABASE_URL", "")
	t.Setenv("LIAISON_REDIS_URL", "")
	t.Setenv("LIAISON_DEV_MODE", "1")
	cfg, err := config.Load[config.Common]()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	bound := make(chan config.Common, 1)
	done := make(chan error, 1)
	go func() { done <- devsystem.Run(ctx, cfg, devsystem.DemoSpecs, func(c config.Common) { bound <- c }) }()
	var got config.Common
	select {
	case got = <-bound:
	case err := <-done:
		cancel()
		t.Fatalf("dev system did not start: %v", err)
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("dev system stopped with an error: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("dev system did not stop within 10 s of being interrupted")
		}
	}
	t.Cleanup(stop)
	stopFns[got.HTTPAddr] = stop
	waitReady(t, "http://"+got.HTTPAddr)
	return got
}

// stopFns lets a test stop a system before its cleanup, to restart on the same data.
var stopFns = map[string]func(){}

func TestDevSystemAnswersOverGRPCAndREST(t *testing.T) {
	sys := startSystem(t)
	services := map[string]string{
		sys.RegistryAddr:      registryv1.RegistryService_ServiceDesc.ServiceName,
		sys.AccreditationAddr: accreditationv1.AccreditationService_ServiceDesc.ServiceName,
		sys.EventsAddr:        eventsv1.EventsService_ServiceDesc.ServiceName,
	}
	for addr, name := range services {
		t.Run(name, func(t *testing.T) {
			conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			waitServing(t, conn, name)
			if !reflectionLists(t, conn, name) {
				t.Errorf("reflection on %s does not list %s", addr, name)
			}
		})
	}

	base := "http://" + sys.HTTPAddr
	t.Run("healthz", func(t *testing.T) {
		resp := get(t, base+"/healthz")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /healthz = %d, want 200", resp.StatusCode)
		}
		if resp.Header.Get("X-Request-Id") == "" {
			t.Error("response carries no X-Request-Id")
		}
	})
	t.Run("readyz", func(t *testing.T) {
		var body struct {
			Ready    bool              `json:"ready"`
			Services map[string]string `json:"services"`
			Down     []string          `json:"down"`
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			resp := get(t, base+"/readyz")
			decode(t, resp, &body)
			if (resp.StatusCode == http.StatusOK && len(body.Down) == 0) || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if !body.Ready || len(body.Services) != 3 || len(body.Down) != 0 {
			t.Fatalf("/readyz = %+v, want all three services SERVING", body)
		}
	})
	t.Run("openapi", func(t *testing.T) {
		var doc struct {
			OpenAPI string                     `json:"openapi"`
			Paths   map[string]json.RawMessage `json:"paths"`
		}
		decode(t, get(t, base+"/openapi.json"), &doc)
		if doc.OpenAPI != "3.1.0" {
			t.Errorf("/openapi.json is OpenAPI %q, want 3.1.0", doc.OpenAPI)
		}
		for _, p := range []string{"/v1/organizations", "/v1/applications", "/v1/events"} {
			if _, ok := doc.Paths[p]; !ok {
				t.Errorf("/openapi.json has no path %s", p)
			}
		}
	})
	t.Run("portal", func(t *testing.T) {
		resp := get(t, base+"/portal/")
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "<html") {
			t.Errorf("GET /portal/ = %d, want the portal's home page", resp.StatusCode)
		}
	})
	t.Run("request id is echoed", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, base+"/healthz", nil)
		req.Header.Set("X-Request-Id", "smoke-123")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("X-Request-Id"); got != "smoke-123" {
			t.Errorf("X-Request-Id = %q, want the caller's smoke-123", got)
		}
	})
	t.Run("unknown route is a readable 404", func(t *testing.T) {
		var body struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		}
		resp := get(t, base+"/v1/nothing-here")
		decode(t, resp, &body)
		if resp.StatusCode != http.StatusNotFound || body.Message == "" {
			t.Errorf("GET unknown route = %d %+v, want 404 with a message", resp.StatusCode, body)
		}
	})
}

func waitServing(t *testing.T, conn *grpc.ClientConn, service string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for {
		resp, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{Service: service})
		if err == nil && resp.GetStatus() == healthpb.HealthCheckResponse_SERVING {
			return
		}
		if ctx.Err() != nil {
			t.Fatalf("%s never reported SERVING (last: %v, %v)", service, resp.GetStatus(), err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func reflectionLists(t *testing.T, conn *grpc.ClientConn, service string) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	stream, err := reflectionpb.NewServerReflectionClient(conn).ServerReflectionInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&reflectionpb.ServerReflectionRequest{
		MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{},
	}); err != nil {
		t.Fatal(err)
	}
	resp, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range resp.GetListServicesResponse().GetService() {
		if s.GetName() == service {
			return true
		}
	}
	return false
}

func get(t *testing.T, url string) *http.Response {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func decode(t *testing.T, resp *http.Response, v any) {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", resp.Request.URL, err, b)
	}
}

func TestDemoDataIsThereAndARestartDuplicatesNothing(t *testing.T) {
	dir := t.TempDir()
	sys := startSystemIn(t, dir)
	base := "http://" + sys.HTTPAddr

	var orgs struct {
		Organizations []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"organizations"`
	}
	decode(t, get(t, base+"/v1/organizations?query=Geneva"), &orgs)
	if !hasName(orgs.Organizations, "United Nations Office at Geneva") {
		t.Errorf("GET /v1/organizations?query=Geneva does not find UNOG: %+v", orgs.Organizations)
	}
	var events struct {
		Events []struct {
			Title     string `json:"title"`
			StartTime string `json:"startTime"`
			TimeZone  string `json:"timeZone"`
		} `json:"events"`
	}
	decode(t, get(t, base+"/v1/events?query=Broadband"), &events)
	if len(events.Events) == 0 || events.Events[0].StartTime != "2021-09-19T13:00:00Z" || events.Events[0].TimeZone != "America/New_York" {
		t.Errorf("GET /v1/events?query=Broadband = %+v", events.Events)
	}
	before := countAll(t, base+"/v1/organizations?pageSize=500", "organizations")
	beforeEvents := countAll(t, base+"/v1/events?pageSize=500", "events")

	stopFns[sys.HTTPAddr]()
	again := startSystemIn(t, dir)
	base = "http://" + again.HTTPAddr
	if after := countAll(t, base+"/v1/organizations?pageSize=500", "organizations"); after != before {
		t.Errorf("organizations after a restart: %d, before: %d", after, before)
	}
	if after := countAll(t, base+"/v1/events?pageSize=500", "events"); after != beforeEvents {
		t.Errorf("events after a restart: %d, before: %d", after, beforeEvents)
	}
}

func hasName(orgs []struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}, name string) bool {
	for _, o := range orgs {
		if o.Name == name {
			return true
		}
	}
	return false
}

func countAll(t *testing.T, url, field string) int {
	t.Helper()
	var page map[string]any
	decode(t, get(t, url), &page)
	items, _ := page[field].([]any)
	if len(items) == 0 {
		t.Fatalf("GET %s: no %s", url, field)
	}
	return len(items)
}

// waitReady waits until the gateway reports every service SERVING, which is after each has
// loaded its demo data.
func waitReady(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			// The edge is ready with one service up; every one of them must be.
			var body struct {
				Down []string `json:"down"`
			}
			_ = json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && len(body.Down) == 0 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the system was not ready within 60 s (last: %v)", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestEachHostedServiceGetsItsOwnMetricsPort(t *testing.T) {
	ls, err := devsystem.AdminListenersForTest("127.0.0.1:0", 3)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, l := range ls {
		seen[l.Addr().String()] = true
		l.Close()
	}
	if len(seen) != 3 {
		t.Errorf("admin listeners %v, want three distinct addresses", seen)
	}
}
