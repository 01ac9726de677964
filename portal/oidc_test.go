package portal_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/auth/authtest"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/portal"
)

// fakeProvider is an OpenID provider with discovery and a token endpoint that checks the
// PKCE verifier against the challenge the portal sent.
type fakeProvider struct {
	*httptest.Server
	keys *authtest.Provider

	mu        sync.Mutex
	challenge string
}

func newFakeProvider(t *testing.T) *fakeProvider {
	f := &fakeProvider{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]string{
			"issuer": f.URL, "authorization_endpoint": f.URL + "/authorize", "token_endpoint": f.URL + "/token",
		})
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
		f.mu.Lock()
		ok := base64.RawURLEncoding.EncodeToString(sum[:]) == f.challenge && r.PostForm.Get("code") == "the-code" &&
			r.PostForm.Get("grant_type") == "authorization_code" && r.PostForm.Get("client_id") == "portal"
		f.mu.Unlock()
		if !ok {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"error":"invalid_grant"}`)
			return
		}
		tok := f.keys.Token(t, "k1", "amina", "liaison", "", time.Now(), time.Hour, auth.RoleOfficer)
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 3600})
	})
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	f.keys = authtest.NewProvider(t, f.URL)
	f.keys.AddKey(t, "k1", jwt.SigningMethodES256)
	return f
}

func TestOIDCSignInWithPKCE(t *testing.T) {
	idp := newFakeProvider(t)
	cfg := config.Common{
		DataDir: t.TempDir(), JWKSURL: idp.keys.JWKSURL, OIDCIssuer: idp.URL, OIDCAudience: "liaison",
		RegistryAddr: "127.0.0.1:1", AccreditationAddr: "127.0.0.1:1", EventsAddr: "127.0.0.1:1",
	}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	p, err := portal.New(portal.Config{Common: cfg, InsecureCookies: true, OIDC: &portal.OIDC{ClientID: "portal", RedirectURL: srv.URL + "/portal/oidc/callback"}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	mux.Handle("/portal/", p)

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(u string) *http.Response {
		t.Helper()
		resp, err := client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}

	resp := get(srv.URL + "/portal/oidc/start?back=" + url.QueryEscape("/portal/events"))
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc.String(), idp.URL+"/authorize?") {
		t.Fatalf("start: %d to %s", resp.StatusCode, loc)
	}
	q := loc.Query()
	if q.Get("code_challenge_method") != "S256" || q.Get("client_id") != "portal" || q.Get("redirect_uri") != srv.URL+"/portal/oidc/callback" {
		t.Fatalf("authorization request %v", q)
	}
	idp.mu.Lock()
	idp.challenge = q.Get("code_challenge")
	idp.mu.Unlock()

	// A callback with another state is refused: it was not started by this browser.
	if resp := get(srv.URL + "/portal/oidc/callback?code=the-code&state=forged"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("forged state: status %d, want 400", resp.StatusCode)
	}

	resp = get(srv.URL + "/portal/oidc/callback?code=the-code&state=" + url.QueryEscape(q.Get("state")))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/portal/events" {
		t.Fatalf("callback: %d to %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "liaison_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.Value == "" {
		t.Fatalf("no HTTP-only session cookie after the callback: %+v", resp.Cookies())
	}

	// The callback cannot be replayed: its state cookie is gone.
	if resp := get(srv.URL + "/portal/oidc/callback?code=the-code&state=" + url.QueryEscape(q.Get("state"))); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("replayed callback: status %d, want 400", resp.StatusCode)
	}

	// The session is recognised: the officer's navigation shows.
	home, err := client.Get(srv.URL + "/portal/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(home.Body)
	home.Body.Close()
	if !strings.Contains(string(body), "Work queue") {
		t.Errorf("signed in through the provider, the home page does not show the officer's work queue")
	}
}

// Outside dev mode there is no dev sign-in: posting to it answers 404 and mints nothing, and a
// portal with neither an identity provider nor dev mode does not start.
func TestDevSignInOnlyInDevMode(t *testing.T) {
	idp := newFakeProvider(t)
	cfg := config.Common{
		DataDir: t.TempDir(), JWKSURL: idp.keys.JWKSURL, OIDCIssuer: idp.URL, OIDCAudience: "liaison",
		RegistryAddr: "127.0.0.1:1", AccreditationAddr: "127.0.0.1:1", EventsAddr: "127.0.0.1:1",
	}
	p, err := portal.New(portal.Config{Common: cfg, InsecureCookies: true})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	srv := httptest.NewServer(p)
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page, err := client.Get(srv.URL + "/portal/signin")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(body)
	form := url.Values{"role": {"admin"}}
	if csrf != nil {
		form.Set("csrf", string(csrf[1]))
	}
	resp, err := client.PostForm(srv.URL+"/portal/signin", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("dev sign-in under an identity provider: %d, want 404", resp.StatusCode)
	}
	for _, c := range resp.Cookies() {
		if c.Name == "liaison_session" && c.Value != "" {
			t.Errorf("the refused dev sign-in set a session")
		}
	}

	cfg.JWKSURL = ""
	if _, err := portal.New(portal.Config{Common: cfg}); err == nil || !strings.Contains(err.Error(), "LIAISON_DEV_MODE=1") {
		t.Errorf("a portal with neither provider nor dev mode: err = %v, want a refusal naming LIAISON_DEV_MODE", err)
	}
}
