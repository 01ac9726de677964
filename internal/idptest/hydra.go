// Package idptest runs the OpenID provider liaison deploys with (Ory Hydra) as a throwaway
// process for a test: its own PostgreSQL database, loopback ports, the sign-in and consent app
// of internal/idplogin in front of it, and clients registered through its admin API. The binary
// is the one `make hydra` builds into .bin, keyed by version; a test that finds none builds it.
package idptest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/internal/idplogin"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/platform/tooltest"
)

// Audience is what liaison's tokens are issued for in these tests (LIAISON_OIDC_AUDIENCE).
const Audience = "liaison"

// Options shape the provider.
type Options struct {
	// AccessTokenTTL is how long an access token lives (default 1h); short to see renewals.
	AccessTokenTTL time.Duration
	// Users are the people who may sign in.
	Users []idplogin.User
}

// Provider is a running Hydra.
type Provider struct {
	// Issuer is the provider's issuer as its discovery document names it.
	Issuer    string
	PublicURL string
	AdminURL  string
	JWKSURL   string
	// LoginURL is the sign-in app's base URL.
	LoginURL string

	bin     string
	cfgPath string
	env     []string
	logs    *lockedBuffer
	login   *idplogin.App

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
}

// Start runs a provider for the test and stops it at the test's end.
func Start(t testing.TB, o Options) *Provider {
	t.Helper()
	if o.AccessTokenTTL <= 0 {
		o.AccessTokenTTL = time.Hour
	}
	bin := tooltest.Binary(t, "hydra", "github.com/ory/hydra/v2")
	public, admin := FreeAddr(t), FreeAddr(t)
	p := &Provider{bin: bin, PublicURL: "http://" + public, AdminURL: "http://" + admin, logs: &lockedBuffer{}}
	p.login = idplogin.New(p.AdminURL, o.Users)
	loginSrv := httptest.NewServer(p.login.Handler())
	t.Cleanup(loginSrv.Close)
	p.LoginURL = loginSrv.URL

	dir := t.TempDir()
	config := fmt.Sprintf(`serve:
  public: {host: %q, port: %s}
  admin: {host: %q, port: %s}
urls:
  self: {issuer: %q}
  login: %q
  consent: %q
  logout: %q
secrets:
  system: ["liaison-test-system-secret-0123456789"]
strategies:
  access_token: jwt
ttl:
  access_token: %s
oauth2:
  allowed_top_level_claims: [roles, org]
  mirror_top_level_claims: false
log:
  level: warn
`, host(public), port(public), host(admin), port(admin), p.PublicURL+"/",
		loginSrv.URL+"/login", loginSrv.URL+"/consent", loginSrv.URL+"/logout", o.AccessTokenTTL)
	cfgPath := filepath.Join(dir, "hydra.yml")
	p.cfgPath = cfgPath
	if err := os.WriteFile(cfgPath, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	p.env = append(os.Environ(), "DSN="+sqltest.Postgres(t), "SQA_OPT_OUT=true")
	migrate := exec.Command(bin, "migrate", "sql", "up", "-e", "--yes", "-c", cfgPath)
	migrate.Env = p.env
	if out, err := migrate.CombinedOutput(); err != nil {
		t.Fatalf("idptest: hydra migrate: %v\n%s", err, out)
	}
	p.start(t)
	t.Cleanup(p.stop)
	// Hydra would make RSA-4096 keys on first use, which takes many seconds on a busy machine;
	// ES256 keys made up front are instant, and the services accept both.
	for _, set := range []string{"hydra.openid.id-token", "hydra.jwt.access-token"} {
		var keys map[string]any
		p.do(t, http.MethodPost, p.AdminURL+"/admin/keys/"+set, map[string]string{"alg": "ES256", "use": "sig"}, &keys)
	}

	var doc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	p.do(t, http.MethodGet, p.PublicURL+"/.well-known/openid-configuration", nil, &doc)
	p.Issuer, p.JWKSURL = doc.Issuer, doc.JWKSURI
	return p
}

func (p *Provider) start(t testing.TB) {
	t.Helper()
	cmd := exec.Command(p.bin, "serve", "all", "--dev", "--sqa-opt-out", "-c", p.cfgPath)
	cmd.Env = p.env
	cmd.Stdout, cmd.Stderr = p.logs, p.logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("idptest: starting hydra: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	p.mu.Lock()
	p.cmd, p.done = cmd, done
	p.mu.Unlock()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(p.AdminURL + "/health/ready")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-done:
			t.Fatalf("idptest: hydra exited at start:\n%s", p.Logs())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("idptest: hydra not ready after 30s:\n%s", p.Logs())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (p *Provider) stop() {
	p.mu.Lock()
	cmd, done := p.cmd, p.done
	p.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(os.Interrupt)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// Restart stops the provider and starts it again on the same ports and database: clients,
// keys and remembered sign-ins survive, as they do when a deployed provider restarts.
func (p *Provider) Restart(t testing.TB) {
	t.Helper()
	p.stop()
	p.start(t)
}

// AddUser declares one more person who may sign in.
func (p *Provider) AddUser(u idplogin.User) { p.login.Add(u) }

// Logs is what the provider printed so far.
func (p *Provider) Logs() string { return p.logs.String() }

// Client is an OAuth2 client registration.
type Client struct {
	ID, Secret   string
	GrantTypes   []string
	Scope        string
	RedirectURIs []string
	// PostLogoutRedirectURIs are where the provider may send a person after signing out.
	PostLogoutRedirectURIs []string
}

// Register adds client c through the admin API.
func (p *Provider) Register(t testing.TB, c Client) {
	t.Helper()
	body := map[string]any{
		"client_id":                  c.ID,
		"client_secret":              c.Secret,
		"grant_types":                c.GrantTypes,
		"response_types":             []string{"code"},
		"scope":                      c.Scope,
		"audience":                   []string{Audience},
		"redirect_uris":              c.RedirectURIs,
		"post_logout_redirect_uris":  c.PostLogoutRedirectURIs,
		"token_endpoint_auth_method": "client_secret_basic",
	}
	var out map[string]any
	p.do(t, http.MethodPost, p.AdminURL+"/admin/clients", body, &out)
}

func (p *Provider) do(t testing.TB, method, url string, in, out any) {
	t.Helper()
	var body io.Reader
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("idptest: %s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		t.Fatalf("idptest: %s %s: %s\n%s", method, url, resp.Status, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("idptest: %s %s: %v\n%s", method, url, err, raw)
	}
}

// FreeAddr is a loopback address no one listens on right now.
func FreeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func host(addr string) string { h, _, _ := net.SplitHostPort(addr); return h }
func port(addr string) string { _, p, _ := net.SplitHostPort(addr); return p }

// lockedBuffer collects the provider's output, written by exec's copying goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedBuffer) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(b)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
