package service_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/un-liaison/liaison/platform/cache/cachetest"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/internal/probeservice"
	"github.com/un-liaison/liaison/platform/internal/scratchserver"
	"github.com/un-liaison/liaison/platform/service"
)

// runProbe runs the probe service with opts and returns a connection to it.
func runProbe(t *testing.T, cfg config.Common, opts ...service.Option) *grpc.ClientConn {
	t.Helper()
	spec := service.Spec{
		Name:         "probe",
		ServiceNames: []string{probeservice.ServiceName},
		Migrations:   migrations,
		ListenAddr:   func(config.Common) string { return "127.0.0.1:0" },
		Build: func(_ context.Context, d service.Deps) (service.Component, error) {
			return &fakeComponent{deps: d}, nil
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	addrs := make(chan string, 1)
	opts = append(opts, service.WithLogOutput(io.Discard))
	go func() { done <- service.Run(ctx, spec, cfg, nil, func(a string) { addrs <- a }, opts...) }()
	var addr string
	select {
	case addr = <-addrs:
	case err := <-done:
		t.Fatalf("Run ended before ready: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("service not ready")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("Run did not return")
		}
	})
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

func TestAdminPortServesPrometheusMetrics(t *testing.T) {
	t.Parallel()
	admin, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conn := runProbe(t, testConfig(t, nil), service.WithAdminListener(admin))
	for range 3 {
		if err := conn.Invoke(callCtx(t), probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := http.Get("http://" + admin.Addr().String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	out := string(body)
	for _, want := range []string{
		// RED per RPC: the histogram's count is the call counter.
		`rpc_server_call_duration_seconds_bucket{`,
		`rpc_method="liaison.platformtest.v1.ProbeService/Echo"`,
		`rpc_server_call_duration_seconds_count{`,
		`service_name="liaison-probe"`,
		`liaison_db_pool_connections{`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if t.Failed() {
		t.Logf("/metrics:\n%s", out)
	}

	// The profiler is on the same operators-only port, so a slow path can be profiled live.
	heap, err := http.Get("http://" + admin.Addr().String() + "/debug/pprof/heap?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	defer heap.Body.Close()
	prof, _ := io.ReadAll(heap.Body)
	if heap.StatusCode != http.StatusOK || !strings.Contains(string(prof), "heap profile") {
		t.Errorf("/debug/pprof/heap: %s, %.200q", heap.Status, prof)
	}
}

func healthOf(t *testing.T, conn *grpc.ClientConn) healthpb.HealthCheckResponse_ServingStatus {
	t.Helper()
	resp, err := healthpb.NewHealthClient(conn).Check(callCtx(t), &healthpb.HealthCheckRequest{Service: probeservice.ServiceName})
	if err != nil {
		t.Fatal(err)
	}
	return resp.GetStatus()
}

// TestHealthFollowsTheDatabaseNotTheCache: without Redis a service is slower
// but works, so it stays SERVING; without its database it can do nothing,
// so it says NOT_SERVING and balancers route around it.
func TestHealthFollowsTheDatabaseNotTheCache(t *testing.T) {
	t.Parallel()
	pg, err := scratchserver.StartPostgres()
	if err != nil {
		t.Skipf("no PostgreSQL to stop: %v", err)
	}
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			_ = pg.Stop()
		}
	})
	redis := cachetest.StartRedis(t)
	cfg := testConfig(t, map[string]string{"LIAISON_DATABASE_URL": pg.URL, "LIAISON_REDIS_URL": redis.URL})
	conn := runProbe(t, cfg, service.WithDatabaseCheckInterval(50*time.Millisecond))

	if got := healthOf(t, conn); got != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health at start = %v", got)
	}
	redis.Stop(t)
	time.Sleep(300 * time.Millisecond)
	if got := healthOf(t, conn); got != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health with Redis down = %v, want SERVING (degraded, not down)", got)
	}
	stopped = true
	if err := pg.Stop(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for healthOf(t, conn) != healthpb.HealthCheckResponse_NOT_SERVING {
		if time.Now().After(deadline) {
			t.Fatal("still SERVING 10 s after the database went away")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
