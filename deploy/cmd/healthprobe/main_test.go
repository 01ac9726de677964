package main

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

func serveHealth(t *testing.T) (addr string, hs *health.Server) {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs = health.NewServer()
	srv := grpc.NewServer()
	healthpb.RegisterHealthServer(srv, hs)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	return lis.Addr().String(), hs
}

func TestGRPCProbe(t *testing.T) {
	addr, hs := serveHealth(t)
	const svc = "liaison.registry.v1.RegistryService"
	hs.SetServingStatus(svc, healthpb.HealthCheckResponse_SERVING)

	cases := []struct {
		name string
		args []string
		want int
	}{
		{"server-serving-0", []string{"grpc", addr}, 0},
		{"service-serving-0", []string{"grpc", addr, svc}, 0},
		{"unknown-service-1", []string{"grpc", addr, "liaison.nothing.v1.Nothing"}, 1},
		{"nobody-listening-1", []string{"-timeout", "300ms", "grpc", "127.0.0.1:1"}, 1},
		{"missing-address-2", []string{"grpc"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if got := run(c.args, &stderr); got != c.want {
				t.Fatalf("run(%q) = %d, want %d; stderr: %s", c.args, got, c.want, stderr.String())
			}
		})
	}

	t.Run("draining-service-1", func(t *testing.T) {
		hs.SetServingStatus(svc, healthpb.HealthCheckResponse_NOT_SERVING)
		var stderr bytes.Buffer
		if got := run([]string{"grpc", addr, svc}, &stderr); got != 1 {
			t.Fatalf("got %d, want 1", got)
		}
		if !strings.Contains(stderr.String(), "NOT_SERVING") {
			t.Fatalf("stderr should name the status, got %q", stderr.String())
		}
	})
}

func TestHTTPProbe(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/readyz":
			w.WriteHeader(http.StatusOK)
		case "/moved":
			http.Redirect(w, r, "/readyz", http.StatusFound)
		default:
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	t.Cleanup(srv.Close)

	cases := []struct {
		name, path string
		want       int
	}{
		{"ready-0", "/readyz", 0},
		{"unavailable-1", "/down", 1},
		{"redirect-1", "/moved", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if got := run([]string{"http", srv.URL + c.path}, &stderr); got != c.want {
				t.Fatalf("got %d, want %d; stderr: %s", got, c.want, stderr.String())
			}
		})
	}
}
