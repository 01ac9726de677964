package gateway

import (
	"context"
	"net/http"
	"sync"
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

// readiness answers /readyz: ready while any service behind the edge reports SERVING. One sick
// service must not take the whole edge out of the load balancer: its routes answer 503 with
// Retry-After at once, while the portal and the other services' routes keep working. The body
// names every service's state and lists those down, for the operator.
func readiness(backends []dialedBackend) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		states := make([]string, len(backends))
		var wg sync.WaitGroup
		for i, b := range backends {
			wg.Go(func() { states[i] = checkServing(r.Context(), b) })
		}
		wg.Wait()
		report := make(map[string]string, len(backends))
		down := []string{}
		for i, b := range backends {
			report[b.name] = states[i]
			if states[i] != healthpb.HealthCheckResponse_SERVING.String() {
				down = append(down, b.name)
			}
		}
		ready := len(down) < len(backends)
		code := http.StatusOK
		if !ready {
			code = http.StatusServiceUnavailable
		}
		writeJSON(w, code, map[string]any{"ready": ready, "services": report, "down": down})
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
