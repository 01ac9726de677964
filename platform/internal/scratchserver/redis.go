package scratchserver

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// Redis is a throwaway redis-server without persistence on a fixed loopback
// port. Tests can Stop and Start it to play an outage.
type Redis struct {
	// URL reaches the server; it stays the same across Stop and Start.
	URL  string
	port int
	dir  string

	mu      sync.Mutex
	cmd     *exec.Cmd
	exited  chan struct{}
	unwatch func()
}

// StartRedis starts redis-server on a free port.
func StartRedis() (*Redis, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, errors.New("scratchserver: redis-server is not installed; install redis-server or set LIAISON_TEST_REDIS_URL")
	}
	dir, err := os.MkdirTemp("", "liaison-redis-")
	if err != nil {
		return nil, fmt.Errorf("scratchserver: %w", err)
	}
	var lastErr error
	for range 3 {
		port, err := FreePort()
		if err != nil {
			lastErr = err
			continue
		}
		r := &Redis{URL: fmt.Sprintf("redis://127.0.0.1:%d/0", port), port: port, dir: dir}
		if lastErr = r.start(bin); lastErr == nil {
			return r, nil
		}
	}
	_ = os.RemoveAll(dir)
	return nil, lastErr
}

// Start brings a stopped server back on the same port, empty.
func (r *Redis) Start() error {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return err
	}
	return r.start(bin)
}

func (r *Redis) start(bin string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd != nil {
		return nil
	}
	cmd := exec.Command(bin, "--port", strconv.Itoa(r.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", r.dir, "--logfile", "")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("scratchserver: starting redis-server: %w", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	unwatch, err := watchdog("kill -9 " + strconv.Itoa(cmd.Process.Pid) + " 2>/dev/null; rm -rf " + quote(r.dir))
	if err != nil {
		_ = cmd.Process.Kill()
		<-exited
		return err
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(r.port))
	deadline := time.Now().Add(10 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err == nil {
			_ = conn.Close()
			break
		}
		select {
		case <-exited:
			unwatch()
			return fmt.Errorf("scratchserver: redis-server on port %d exited at start", r.port)
		default:
		}
		if time.Now().After(deadline) {
			unwatch()
			_ = cmd.Process.Kill()
			<-exited
			return fmt.Errorf("scratchserver: redis-server on port %d did not accept connections: %w", r.port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	r.cmd, r.exited, r.unwatch = cmd, exited, unwatch
	return nil
}

// Stop kills the server; its data is gone. Safe to call when stopped.
func (r *Redis) Stop() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd == nil {
		return nil
	}
	r.unwatch()
	_ = r.cmd.Process.Kill()
	<-r.exited
	r.cmd = nil
	return nil
}

// Close stops the server and removes its directory.
func (r *Redis) Close() error {
	return errors.Join(r.Stop(), os.RemoveAll(r.dir))
}
