package service_test

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
)

// TestMainChild is the body of the child processes below: it becomes a
// service binary whose arguments come from MAIN_CHILD_ARGS.
func TestMainChild(t *testing.T) {
	if os.Getenv("MAIN_CHILD") != "1" {
		t.Skip("run by the Main tests as a child process")
	}
	os.Args = append([]string{"liaison-probe"}, strings.Fields(os.Getenv("MAIN_CHILD_ARGS"))...)
	service.Main(service.Spec{
		Name:       "probe",
		Migrations: migrations,
		ListenAddr: func(config.Common) string { return "127.0.0.1:0" },
		Build: func(_ context.Context, d service.Deps) (service.Component, error) {
			return &fakeComponent{deps: d}, nil
		},
	})
}

func child(t *testing.T, args string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestMainChild$")
	cmd.Env = append(os.Environ(), "MAIN_CHILD=1", "MAIN_CHILD_ARGS="+args, "LIAISON_DATA_DIR="+t.TempDir(), "LIAISON_DEV_MODE=1")
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

func TestMainMigrateModeExits(t *testing.T) {
	t.Parallel()
	out, err := child(t, "migrate").CombinedOutput()
	if err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "migrations up to date") {
		t.Fatalf("output:\n%s", out)
	}
}

func TestMainRejectsBadConfigAndArguments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, args string
		env        []string
		want       string
	}{
		{"bad-variable", "", []string{"LIAISON_LOG_FORMAT=xml"}, "LIAISON_LOG_FORMAT"},
		{"unknown-argument", "serve-forever", nil, "usage"},
	}
	for _, tt := range tests {
		out, err := child(t, tt.args, tt.env...).CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(out), tt.want) {
			t.Errorf("%s: %v, output:\n%s", tt.name, err, out)
		}
	}
}

func TestMainStopsOnSIGTERM(t *testing.T) {
	t.Parallel()
	cmd := child(t, "", "LIAISON_SHUTDOWN_TIMEOUT=2s", "LIAISON_DATABASE_URL=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	var sawConfig bool
	for lines.Scan() {
		line := lines.Text()
		sawConfig = sawConfig || strings.Contains(line, `"msg":"configuration"`)
		if strings.Contains(line, `"msg":"serving"`) {
			break
		}
	}
	if !sawConfig {
		t.Error("the configuration was not printed at start")
	}
	begun := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	go func() {
		for lines.Scan() {
		}
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("did not stop within 10s of SIGTERM")
	}
	if d := time.Since(begun); d > 3*time.Second {
		t.Errorf("idle service took %v to stop", d)
	}
}
