package scratchserver_test

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/un-liaison/liaison/platform/internal/scratchserver"
)

func TestPostgresStartsAndStops(t *testing.T) {
	t.Parallel()
	p, err := scratchserver.StartPostgres()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, p.URL)
	if err != nil {
		t.Fatal(err)
	}
	var fsync string
	if err := conn.QueryRow(ctx, "SHOW fsync").Scan(&fsync); err != nil || fsync != "off" {
		t.Errorf("fsync = %q, %v; want off", fsync, err)
	}
	_ = conn.Close(ctx)
	if err := p.Stop(); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(p.URL)
	if c, err := net.DialTimeout("tcp", u.Host, time.Second); err == nil {
		_ = c.Close()
		t.Fatal("cluster still listening after Stop")
	}
}

func TestRedisStopsAndRestartsOnTheSamePort(t *testing.T) {
	t.Parallel()
	r, err := scratchserver.StartRedis()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	u, _ := url.Parse(r.URL)
	dial := func() error {
		c, err := net.DialTimeout("tcp", u.Host, time.Second)
		if err == nil {
			_ = c.Close()
		}
		return err
	}
	if err := dial(); err != nil {
		t.Fatal(err)
	}
	if err := r.Stop(); err != nil {
		t.Fatal(err)
	}
	if dial() == nil {
		t.Fatal("still reachable after Stop")
	}
	if err := r.Start(); err != nil {
		t.Fatal(err)
	}
	if err := dial(); err != nil {
		t.Fatalf("not reachable after Start: %v", err)
	}
}

// TestWatchdogCleansUpAfterAnAbruptExit runs itself as a child that starts a
// server and exits without stopping it, as a killed test binary would.
func TestWatchdogCleansUpAfterAnAbruptExit(t *testing.T) {
	if os.Getenv("SCRATCHSERVER_CHILD") == "1" {
		r, err := scratchserver.StartRedis()
		if err != nil {
			os.Exit(2)
		}
		fmt.Println(r.URL)
		os.Exit(0)
	}
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWatchdogCleansUpAfterAnAbruptExit$")
	cmd.Env = append(os.Environ(), "SCRATCHSERVER_CHILD=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v", err)
	}
	u, err := url.Parse(strings.TrimSpace(string(out)))
	if err != nil || u.Host == "" {
		t.Fatalf("child printed %q", out)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", u.Host, time.Second)
		if err != nil {
			return // gone, as it should be
		}
		_ = c.Close()
		if time.Now().After(deadline) {
			t.Fatalf("redis at %s still running 10s after its test binary exited", u.Host)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
