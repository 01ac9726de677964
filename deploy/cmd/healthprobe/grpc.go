package main

import (
	"context"
	"fmt"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// checkGRPC asks the standard grpc.health.v1 service, the same question a Kubernetes gRPC probe
// asks. An empty service means the server as a whole. The connection is plaintext because the
// probe only ever talks to its own container over loopback.
func checkGRPC(ctx context.Context, addr, service string) error {
	conn, err := grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return fmt.Errorf("grpc %s: %w", addr, err)
	}
	defer conn.Close()
	resp, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{Service: service})
	if err != nil {
		return fmt.Errorf("grpc %s %q: %w", addr, service, err)
	}
	if st := resp.GetStatus(); st != healthpb.HealthCheckResponse_SERVING {
		return fmt.Errorf("grpc %s %q: %s", addr, service, st)
	}
	return nil
}
