package security_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
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
// on free loopback ports; env sets or overrides configuration, e.g. the address of a service
// that is deliberately not running.
func start(t testing.TB, specs []service.Spec, env map[string]string) *system {
	t.Helper()
	vars := map[string]string{
		"LIAISON_DATA_DIR": t.TempDir(), "LIAISON_HTTP_ADDR": "127.0.0.1:0", "LIAISON_REGISTRY_ADDR": "127.0.0.1:0",
		"LIAISON_ACCREDITATION_ADDR": "127.0.0.1:0", "LIAISON_EVENTS_ADDR": "127.0.0.1:0", "LIAISON_LOG_LEVEL": "error",
	}
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := config.LoadFrom[config.Common](vars)
	if err != nil {
		t.Fatal(err)
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
		t.Fatalf("the system did not start: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("the system did not stop within 10 s")
		}
	})
	sys.base = "http://" + sys.HTTPAddr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(sys.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK || len(specs) < len(devsystem.DemoSpecs) {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the system was not ready within 60 s (last error %v)", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return &sys
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
