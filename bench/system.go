package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// binaries are the production entry points, built once per run as deploy/Dockerfile builds them.
var binaries = []struct{ name, pkg string }{
	{"registry", "./services/registry/cmd/registry"},
	{"accreditation", "./services/accreditation/cmd/accreditation"},
	{"events", "./services/events/cmd/events"},
	{"gateway", "./gateway/cmd/gateway"},
}

// buildBinaries compiles every binary into dir from the repository root.
func buildBinaries(root, dir string) error {
	for _, b := range binaries {
		// The images' flags: static (no libc mapped into the process) and without the symbol
		// table, so the resident memory read here is that of the binary production runs.
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "liaison-"+b.name), b.pkg)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", b.pkg, err)
		}
	}
	return nil
}

// repoRoot is the directory of the go.work this run belongs to.
func repoRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOWORK").Output()
	if err != nil {
		return "", err
	}
	work := strings.TrimSpace(string(out))
	if work == "" || work == "off" {
		return "", fmt.Errorf("run the benchmark inside the repository (no go.work found)")
	}
	return filepath.Dir(work), nil
}

// system is one running deployment: every service and the gateway in its own process, configured
// only through LIAISON_* variables, exactly as the images run them.
type system struct {
	env   []string
	addrs map[string]string // service name -> gRPC address; "gateway" -> HTTP address
	admin map[string]string // process name -> admin address (metrics, /debug/pprof), as in production
	procs map[string]*exec.Cmd
	logs  []*os.File
}

// freePorts returns n distinct free loopback addresses. Each is held until all are picked: a port
// closed at once can be handed out again by the very next pick.
func freePorts(n int) ([]string, error) {
	addrs := make([]string, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer l.Close()
		addrs = append(addrs, l.Addr().String())
	}
	return addrs, nil
}

// newSystem picks the addresses and the environment; nothing runs yet.
func newSystem(dataDir, databaseURL, redisURL string) (*system, error) {
	s := &system{addrs: map[string]string{}, admin: map[string]string{}, procs: map[string]*exec.Cmd{}}
	names := []string{"registry", "accreditation", "events", "gateway"}
	ports, err := freePorts(2 * len(names))
	if err != nil {
		return nil, err
	}
	for i, name := range names {
		s.addrs[name], s.admin[name] = ports[2*i], ports[2*i+1]
	}
	s.env = append(os.Environ(),
		"LIAISON_DATA_DIR="+dataDir,
		"LIAISON_DATABASE_URL="+databaseURL,
		"LIAISON_REDIS_URL="+redisURL,
		"LIAISON_REGISTRY_ADDR="+s.addrs["registry"],
		"LIAISON_ACCREDITATION_ADDR="+s.addrs["accreditation"],
		"LIAISON_EVENTS_ADDR="+s.addrs["events"],
		"LIAISON_HTTP_ADDR="+s.addrs["gateway"],
		"LIAISON_DEV_MODE=1",
	)
	return s, nil
}

// start runs every binary from binDir, logging to logDir, and waits until each reports SERVING
// (the gateway: until /readyz answers 200).
func (s *system) start(ctx context.Context, binDir, logDir string) error {
	for _, b := range binaries {
		log, err := os.Create(filepath.Join(logDir, b.name+".log"))
		if err != nil {
			return err
		}
		s.logs = append(s.logs, log)
		cmd := exec.Command(filepath.Join(binDir, "liaison-"+b.name))
		cmd.Env = append(s.env[:len(s.env):len(s.env)], "LIAISON_ADMIN_ADDR="+s.admin[b.name])
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("starting %s: %w", b.name, err)
		}
		s.procs[b.name] = cmd
		if err := s.waitReady(ctx, b.name, 90*time.Second); err != nil {
			return fmt.Errorf("%s (log in %s): %w", b.name, log.Name(), err)
		}
	}
	return nil
}

func (s *system) waitReady(ctx context.Context, name string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	var last error
	for time.Now().Before(deadline) {
		if st := s.procs[name].ProcessState; st != nil {
			return fmt.Errorf("exited: %s", st)
		}
		if last = s.ready(ctx, name); last == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("not ready after %s: %w", limit, last)
}

func (s *system) ready(ctx context.Context, name string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if name == "gateway" {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+s.addrs[name]+"/readyz", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("/readyz: %s", resp.Status)
		}
		return nil
	}
	conn, err := grpc.NewClient(s.addrs[name], grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	resp, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
	if err != nil {
		return err
	}
	if resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		return fmt.Errorf("health %s", resp.GetStatus())
	}
	return nil
}

// stop sends SIGTERM to every process, as an orchestrator would, and waits.
func (s *system) stop() {
	for i := len(binaries) - 1; i >= 0; i-- {
		if cmd := s.procs[binaries[i].name]; cmd != nil && cmd.ProcessState == nil {
			_ = cmd.Process.Signal(os.Interrupt)
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(15 * time.Second):
				_ = cmd.Process.Kill()
				<-done
			}
		}
	}
	for _, l := range s.logs {
		_ = l.Close()
	}
}

// memory is a process's resident set: now, and the most it has ever been.
type memory struct{ rss, peak int64 }

// residentMemory reads VmRSS and VmHWM (in kB) from /proc/<pid>/status.
func residentMemory(pid int) (memory, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memory{}, err
	}
	var m memory
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			m.rss = v * 1024
		case "VmHWM:":
			m.peak = v * 1024
		}
	}
	return m, nil
}

// memories reads every process's resident memory.
func (s *system) memories() map[string]memory {
	out := map[string]memory{}
	for name, cmd := range s.procs {
		if m, err := residentMemory(cmd.Process.Pid); err == nil {
			out[name] = m
		}
	}
	return out
}
