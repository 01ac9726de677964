package gateway

import (
	"context"
	"net/http"
	"time"

	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// readinessTimeout bounds each downstream check so a hung service makes /readyz answer
// "not ready" quickly instead of hanging the orchestrator's probe.
const readinessTimeout = time.Second

// dialedBackend is a backend with its live connection.
type dialedBackend struct {
	backend
	conn *grpc.ClientConn
}

// serveLiveness answers /healthz: the process is up and serving HTTP.
func serveLiveness(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readiness answers /readyz: ready only when every service behind the edge reports SERVING,
// so a load balancer stops sending traffic to an edge that could only answer 503s.
func readiness(backends []dialedBackend) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		report := make(map[string]string, len(backends))
		ready := true
		for _, b := range backends {
			st := checkServing(r.Context(), b)
			report[b.name] = st
			if st != healthpb.HealthCheckResponse_SERVING.String() {
				ready = false
			}
		}
		code := http.StatusOK
		if !ready {
			code = http.StatusServiceUnavailable
		}
		writeJSON(w, code, map[string]any{"ready": ready, "services": report})
	}
}

func checkServing(ctx context.Context, b dialedBackend) string {
	ctx, cancel := context.WithTimeout(ctx, readinessTimeout)
	defer cancel()
	resp, err := healthpb.NewHealthClient(b.conn).Check(ctx, &healthpb.HealthCheckRequest{Service: b.service})
	if err != nil {
		return "UNREACHABLE"
	}
	return resp.GetStatus().String()
}
