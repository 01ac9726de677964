package registry

import (
	"context"
	"io"
	"net"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
)

// TestSpecServesThroughThePlatformRunner starts the registry exactly as its binary does (SQLite,
// in-process cache, dev verifier, the Spec's access policy) and calls it over loopback.
func TestSpecServesThroughThePlatformRunner(t *testing.T) {
	cfg, err := config.LoadFrom[config.Common](map[string]string{"LIAISON_DATA_DIR": t.TempDir(), "LIAISON_NOW": "2026-11-24T15:00:00Z", "LIAISON_DEV_MODE": "1"})
	if err != nil {
		t.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- service.Run(ctx, Spec, cfg, lis, func(addr string) { ready <- addr }, service.WithLogOutput(io.Discard))
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("the registry stopped before serving: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the registry did not become ready")
	}
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("shutdown: %v", err)
		}
	}()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	h, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{Service: registryv1.RegistryService_ServiceDesc.ServiceName})
	if err != nil || h.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health: %v %v", h, err)
	}
	client := registryv1.NewRegistryServiceClient(conn)
	if _, err := client.ListOrganizations(ctx, &registryv1.ListOrganizationsRequest{Query: "Geneva"}); err != nil {
		t.Fatalf("anonymous search: %v", err)
	}
	_, err = client.GetOrganization(ctx, &registryv1.GetOrganizationRequest{Id: "org_missing"})
	if status.Code(err) != codes.NotFound {
		t.Fatalf("get missing: %v", err)
	}
	// The policy runs before request validation: an anonymous caller learns nothing about the body.
	_, err = client.CreateOrganization(ctx, &registryv1.CreateOrganizationRequest{Organization: &registryv1.Organization{}})
	if status.Code(err) != codes.Unauthenticated {
		t.Fatalf("anonymous create: %v", err)
	}
}
