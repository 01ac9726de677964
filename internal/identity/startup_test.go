package identity_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/auth"
)

// A service or the gateway (which hosts the portal) started with neither an identity provider
// nor dev mode must not quietly trust a key it makes itself: it exits non-zero saying what to set.
func TestStartingWithNeitherProviderNorDevModeIsRefused(t *testing.T) {
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", bin+string(filepath.Separator),
		"github.com/un-liaison/liaison/services/registry/cmd/registry",
		"github.com/un-liaison/liaison/services/accreditation/cmd/accreditation",
		"github.com/un-liaison/liaison/services/events/cmd/events",
		"github.com/un-liaison/liaison/gateway/cmd/gateway")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LIAISON_") {
			env = append(env, kv)
		}
	}
	for _, name := range []string{"registry", "accreditation", "events", "gateway"} {
		t.Run(name, func(t *testing.T) {
			data := t.TempDir()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, filepath.Join(bin, name))
			cmd.Env = append(env, "LIAISON_DATA_DIR="+data, "LIAISON_HTTP_ADDR=127.0.0.1:0",
				"LIAISON_REGISTRY_ADDR=127.0.0.1:0", "LIAISON_ACCREDITATION_ADDR=127.0.0.1:0", "LIAISON_EVENTS_ADDR=127.0.0.1:0")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() == 0 || ctx.Err() != nil {
				t.Fatalf("%s without identity settings: %v, want a non-zero exit\n%s", name, err, stderr.String())
			}
			if !strings.Contains(stderr.String(), "LIAISON_DEV_MODE=1") || !strings.Contains(stderr.String(), "LIAISON_JWKS_URL") {
				t.Errorf("%s's message does not say what to set:\n%s", name, stderr.String())
			}
			if _, err := os.Stat(filepath.Join(data, auth.DevKeyFile)); err == nil {
				t.Errorf("%s made a dev key on its way out", name)
			}
		})
	}
}
