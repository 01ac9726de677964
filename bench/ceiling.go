package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// The ceiling is what this machine can do at all: a gRPC-Go server answering grpc.health.v1
// Check and a net/http handler writing a small JSON document, nothing else. They run in their
// own process, as the services do, so that each side of a ratio pays for the same process
// boundary and the same load generator.

// ceilingStatus is about the size and shape of a status answer over REST.
type ceilingStatus struct {
	OrganizationID string `json:"organizationId"`
	Category       string `json:"category"`
	State          string `json:"state"`
	GrantedOn      string `json:"grantedOn"`
	NextReportDue  string `json:"nextReportDue"`
}

// serveCeiling is the child process: it prints its two addresses and serves until killed.
func serveCeiling() error {
	gl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	gs := grpc.NewServer()
	healthpb.RegisterHealthServer(gs, health.NewServer())
	go func() { _ = gs.Serve(gl) }()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/organizations/{id}/status", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(ceilingStatus{OrganizationID: r.PathValue("id"), Category: "CATEGORY_SPECIAL",
			State: "STATE_ACTIVE", GrantedOn: "2024-07-26", NextReportDue: "2028-06-01"})
	})
	fmt.Printf("%s %s\n", gl.Addr(), hl.Addr())
	return http.Serve(hl, mux)
}

// ceiling is the running child process and where it listens.
type ceiling struct {
	cmd            *exec.Cmd
	grpcAddr, http string
}

func startCeiling() (*ceiling, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, "ceiling")
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("ceiling server: %w", err)
	}
	addrs := strings.Fields(line)
	return &ceiling{cmd: cmd, grpcAddr: addrs[0], http: addrs[1]}, nil
}

func (c *ceiling) stop() {
	_ = c.cmd.Process.Kill()
	_ = c.cmd.Wait()
}
