package identity_test

import (
	"context"
	"errors"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/internal/devsystem"
	"github.com/un-liaison/liaison/internal/idplogin"
	"github.com/un-liaison/liaison/internal/idptest"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

// Secrets of the clients the system is registered with at the test provider.
const (
	servicesSecret = "services-secret-for-tests"
	portalSecret   = "portal-secret-for-tests"
	badgeSecret    = "badge-office-secret-for-tests"
	// tokenTTL is short so the services renew their own tokens during the test.
	tokenTTL = 40 * time.Second
)

// prodSystem is the demo system run with production identity settings: no dev mode, tokens
// verified against the provider's JWKS, the services' own calls made with their own tokens.
type prodSystem struct {
	cfg  config.Common
	idp  *idptest.Provider
	base string
}

func startProduction(t *testing.T) *prodSystem {
	t.Helper()
	idp := idptest.Start(t, idptest.Options{AccessTokenTTL: tokenTTL, Users: []idplogin.User{
		{Subject: "officer@un.example", Password: "officer-pw", Roles: []string{"officer"}},
	}})
	httpAddr := idptest.FreeAddr(t)
	base := "http://" + httpAddr
	idp.Register(t, idptest.Client{ID: "liaison-services", Secret: servicesSecret, GrantTypes: []string{"client_credentials"}, Scope: "liaison.system"})
	idp.Register(t, idptest.Client{ID: "badge-office", Secret: badgeSecret, GrantTypes: []string{"client_credentials"}, Scope: "liaison.system"})
	idp.Register(t, idptest.Client{ID: "stranger", Secret: badgeSecret, GrantTypes: []string{"client_credentials"}, Scope: "profile"})
	idp.Register(t, idptest.Client{
		ID: "liaison-portal", Secret: portalSecret, GrantTypes: []string{"authorization_code"}, Scope: "openid profile",
		RedirectURIs: []string{base + "/portal/oidc/callback"}, PostLogoutRedirectURIs: []string{base + "/portal/"},
	})
	cfg, err := config.LoadFrom[config.Common](map[string]string{
		"LIAISON_DATA_DIR":             t.TempDir(),
		"LIAISON_LOG_LEVEL":            "error",
		"LIAISON_HTTP_ADDR":            httpAddr,
		"LIAISON_REGISTRY_ADDR":        "127.0.0.1:0",
		"LIAISON_ACCREDITATION_ADDR":   "127.0.0.1:0",
		"LIAISON_EVENTS_ADDR":          "127.0.0.1:0",
		"LIAISON_JWKS_URL":             idp.JWKSURL,
		"LIAISON_OIDC_ISSUER":          idp.Issuer,
		"LIAISON_OIDC_AUDIENCE":        idptest.Audience,
		"LIAISON_OIDC_CLIENT_ID":       "liaison-services",
		"LIAISON_OIDC_CLIENT_SECRET":   servicesSecret,
		"LIAISON_PORTAL_CLIENT_ID":     "liaison-portal",
		"LIAISON_PORTAL_CLIENT_SECRET": portalSecret,
		"LIAISON_PORTAL_REDIRECT_URL":  base + "/portal/oidc/callback",
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan config.Common, 1)
	done := make(chan error, 1)
	go func() { done <- devsystem.Run(ctx, cfg, devsystem.DemoSpecs, func(c config.Common) { ready <- c }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("system: %v", err)
		}
	})
	select {
	case cfg = <-ready:
	case err := <-done:
		t.Fatalf("the system did not start: %v", err)
	}
	eventually(t, 60*time.Second, "the edge to be ready", func() error {
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return errors.New(resp.Status)
		}
		return nil
	})
	return &prodSystem{cfg: cfg, idp: idp, base: base}
}

// eventually retries check until it passes or within is over.
func eventually(t *testing.T, within time.Duration, what string, check func() error) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s: %v", within, what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var (
	challengeField = regexp.MustCompile(`name="login_challenge" value="([^"]+)"`)
	csrfField      = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	requestIDField = regexp.MustCompile(`name="request_id" value="([^"]+)"`)
)

// person is a browser: cookies, and redirects followed.
type person struct {
	t      *testing.T
	client *http.Client
}

func newPerson(t *testing.T) *person {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &person{t: t, client: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

// in is the same browser, reporting to a subtest.
func (p *person) in(t *testing.T) *person { return &person{t: t, client: p.client} }

// get fetches a page and returns where the redirects ended and the body.
func (p *person) get(u string) (*url.URL, int, string) {
	p.t.Helper()
	resp, err := p.client.Get(u)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.Request.URL, resp.StatusCode, string(body)
}

func (p *person) post(u string, form url.Values) (*url.URL, int, string) {
	p.t.Helper()
	resp, err := p.client.PostForm(u, form)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.Request.URL, resp.StatusCode, string(body)
}

// signIn goes from a portal page through the provider's sign-in and back to that page.
func (p *person) signIn(sys *prodSystem, page, subject, password string) string {
	p.t.Helper()
	at, code, body := p.get(sys.base + "/portal/oidc/start?back=" + url.QueryEscape(page))
	m := challengeField.FindStringSubmatch(body)
	if code != http.StatusOK || m == nil {
		p.t.Fatalf("signing in led to %s (%d), not the provider's sign-in page:\n%.500s", at, code, body)
	}
	at, code, body = p.post(at.String(), url.Values{"login_challenge": {html.UnescapeString(m[1])}, "subject": {subject}, "password": {password}})
	if code != http.StatusOK || at.Path != strings.Split(page, "?")[0] || !strings.HasPrefix(at.String(), sys.base) {
		p.t.Fatalf("after the provider's sign-in: %s (%d), want the portal's %s:\n%.500s", at, code, page, body)
	}
	return body
}

// token is the access token of the person's portal session.
func (p *person) token(sys *prodSystem) string {
	p.t.Helper()
	u, _ := url.Parse(sys.base + "/portal/")
	for _, c := range p.client.Jar.Cookies(u) {
		if c.Name == "liaison_session" {
			return c.Value
		}
	}
	p.t.Fatal("no portal session")
	return ""
}

func field(t *testing.T, re *regexp.Regexp, body string) string {
	t.Helper()
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no %s in the page:\n%.800s", re, body)
	}
	return html.UnescapeString(m[1])
}
