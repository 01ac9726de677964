// Package scratchserver starts throwaway PostgreSQL and Redis servers from
// the binaries installed on the machine, for the test helpers to fall back
// on when no server is running. Each server lives in a temporary directory
// and is watched by a small shell process that removes it when the test
// binary exits, however it exits.
package scratchserver

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// FreePort asks the kernel for a loopback port nobody listens on. Another
// process may still take it before the caller binds; callers retry.
func FreePort() (int, error) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer lis.Close()
	return lis.Addr().(*net.TCPAddr).Port, nil
}

// watchdog runs cleanup (a shell script) once this process has gone. It is
// in its own process group so that a Ctrl-C aimed at the tests does not
// kill it before it has cleaned up. kill stops the watchdog itself, for when
// the caller cleans up first.
func watchdog(cleanup string) (kill func(), err error) {
	script := `while kill -0 "$1" 2>/dev/null; do sleep 1; done; ` + cleanup
	cmd := exec.Command("sh", "-c", script, "scratchserver-watchdog", strconv.Itoa(os.Getpid()))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("scratchserver: starting watchdog: %w", err)
	}
	go func() { _ = cmd.Wait() }()
	return func() { _ = cmd.Process.Kill() }, nil
}

// quote makes s one word in a shell script.
func quote(s string) string {
	out := "'"
	for _, r := range s {
		if r == '\'' {
			out += `'\''`
		} else {
			out += string(r)
		}
	}
	return out + "'"
}
