package security_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/un-liaison/liaison/internal/devsystem"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
)

// system is the whole of liaison running for one test.
type system struct {
	config.Common
	base string
}

// start runs the given services (the demonstration system when specs is nil) and the gateway
// on free loopback ports for one test; env sets or overrides configuration, e.g. the address of
// a service that is deliberately not running.
func start(t testing.TB, specs []service.Spec, env map[string]string) *system {
	t.Helper()
	sys, stop, err := launch(t.TempDir(), specs, env)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Error(err)
		}
	})
	return sys
}

// sharedEnv configures the one demonstration system most attacks share: stream limits low
// enough to reach in a test, rate limits off so a flood reaches the services.
var sharedEnv = map[string]string{
	"LIAISON_STREAMS_PER_CALLER": "5", "LIAISON_STREAMS_PER_CONNECTION": "8",
	"LIAISON_RATE_ANONYMOUS_PER_SECOND": "0", "LIAISON_RATE_USER_PER_SECOND": "0",
}

var (
	sharedOnce sync.Once
	sharedSys  *system
	sharedErr  error
	stopShared = func() error { return nil }
	sharedDir  string
)

// shared returns the demonstration system the attacks share, starting it on first use: one
// system rather than one per test keeps the suite within a few seconds. The attacks use their
// own subjects and names, so they do not see each other's writes.
func shared(t testing.TB) *system {
	t.Helper()
	sharedOnce.Do(func() {
		if sharedDir, sharedErr = os.MkdirTemp("", "liaison-security-"); sharedErr != nil {
			return
		}
		sharedSys, stopShared, sharedErr = launch(sharedDir, nil, sharedEnv)
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedSys
}

func TestMain(m *testing.M) {
	code := m.Run()
	if err := stopShared(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	if sharedDir != "" {
		_ = os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// launch starts a system on dataDir and waits until it is ready; stop ends it.
func launch(dataDir string, specs []service.Spec, env map[string]string) (*system, func() error, error) {
	vars := map[string]string{
		"LIAISON_DATA_DIR": dataDir, "LIAISON_HTTP_ADDR": "127.0.0.1:0", "LIAISON_REGISTRY_ADDR": "127.0.0.1:0",
		"LIAISON_ACCREDITATION_ADDR": "127.0.0.1:0", "LIAISON_EVENTS_ADDR": "127.0.0.1:0", "LIAISON_LOG_LEVEL": "error",
		// The attacks need tokens no provider would issue (an ngo token without an organization,
		// expired or replayed ones), so they sign with the dev key; verification past the key is
		// the same as in production.
		"LIAISON_DEV_MODE": "1",
	}
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := config.LoadFrom[config.Common](vars)
	if err != nil {
		return nil, nil, err
	}
	if specs == nil {
		specs = devsystem.DemoSpecs
	}
	ctx, cancel := context.WithCancel(context.Background())
	bound, done := make(chan config.Common, 1), make(chan error, 1)
	go func() { done <- devsystem.Run(ctx, cfg, specs, func(c config.Common) { bound <- c }) }()
	var sys system
	select {
	case sys.Common = <-bound:
	case err := <-done:
		cancel()
		return nil, nil, fmt.Errorf("the system did not start: %w", err)
	}
	stop := func() error {
		cancel()
		select {
		case <-done:
			return nil
		case <-time.After(10 * time.Second):
			return errors.New("the system did not stop within 10 s")
		}
	}
	sys.base = "http://" + sys.HTTPAddr
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, err := http.Get(sys.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK || len(specs) < len(devsystem.DemoSpecs) {
				return &sys, stop, nil
			}
		}
		select {
		case err := <-done:
			cancel()
			return nil, nil, fmt.Errorf("the system stopped while starting: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			_ = stop()
			return nil, nil, fmt.Errorf("the system was not ready within 90 s (last error %v)", err)
		}
	}
}

// token signs a token for subject with the system's dev key, as the identity provider would.
// It signs directly rather than through the dev token command, which refuses an ngo token
// without an organization: the identity provider issues those to self-registering users.
func (s *system) token(t testing.TB, subject, org string, ttl time.Duration, roles ...auth.Role) string {
	t.Helper()
	key, err := auth.LoadOrCreateDevKey(s.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	kid, err := auth.KeyID(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	claims := auth.Claims{Roles: roles, Org: org, RegisteredClaims: jwt.RegisteredClaims{Subject: subject, Issuer: s.OIDCIssuer,
		Audience: jwt.ClaimStrings{s.OIDCAudience}, IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(ttl))}}
	tok := jwt.NewWithClaims(jwt.SigningMethodES256, claims)
	tok.Header["kid"] = kid
	signed, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// reply is one REST answer.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) decode(t testing.TB, out any) {
	t.Helper()
	if err := json.Unmarshal(r.body, out); err != nil {
		t.Fatalf("answer is not JSON (%v): %s", err, r.body)
	}
}

// call sends one REST request; rawPath is sent as written, percent escapes and all.
func (s *system) call(t testing.TB, method, rawPath, tok, body string) reply {
	t.Helper()
	req, err := http.NewRequest(method, s.base+rawPath, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, header: resp.Header, body: bytes.TrimSpace(raw)}
}

// inParallel runs the functions fed to the returned channel on four workers; closing the
// channel and calling wait waits for them all.
func inParallel() (work chan<- func(), wait func()) {
	ch := make(chan func())
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for f := range ch {
				f()
			}
		})
	}
	return ch, func() { close(ch); wg.Wait() }
}
