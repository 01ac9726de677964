package portal

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/un-liaison/liaison/platform/auth"
)

// OIDC is the portal's registration with the identity provider named by
// LIAISON_OIDC_ISSUER, for the authorization-code flow with PKCE.
type OIDC struct {
	ClientID string
	// ClientSecret is empty for a public client, which PKCE alone protects.
	ClientSecret string
	// RedirectURL is the portal's callback as registered with the provider, e.g.
	// https://liaison.example.org/portal/oidc/callback.
	RedirectURL string
	// PostLogoutURL is where the provider returns a person who signed out; empty is the
	// portal's home page next to RedirectURL. It must be registered with the provider.
	PostLogoutURL string
	// Scopes default to openid and profile.
	Scopes []string
	// Client makes the discovery and token calls; a 10-second client if nil.
	Client *http.Client
}

// oidcCookie carries the flow's state, PKCE verifier and return page from the redirect to
// the provider until the callback; it is HTTP-only and lives ten minutes.
const oidcCookie = "liaison_oidc"

// idTokenCookie keeps the ID token of a provider sign-in, which the provider wants back as
// the hint when the person signs out (RP-initiated logout).
const idTokenCookie = "liaison_idt"

// oidcFlow runs the authorization-code flow against one provider.
type oidcFlow struct {
	cfg      OIDC
	issuer   string
	audience string

	mu  sync.Mutex
	doc *auth.Discovery
}

// discovery reads the provider's discovery document once and remembers it.
func (f *oidcFlow) discovery(ctx context.Context) (auth.Discovery, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.doc != nil {
		return *f.doc, nil
	}
	doc, err := auth.Discover(ctx, f.cfg.Client, f.issuer)
	if err != nil {
		return auth.Discovery{}, err
	}
	if doc.AuthorizationEndpoint == "" {
		return auth.Discovery{}, errors.New("oidc discovery: the provider names no authorization endpoint")
	}
	f.doc = &doc
	return doc, nil
}

// endpoints are the authorization and token endpoints.
func (f *oidcFlow) endpoints(ctx context.Context) (authorize, token string, err error) {
	doc, err := f.discovery(ctx)
	return doc.AuthorizationEndpoint, doc.TokenEndpoint, err
}

// endSession is where to send a person signing out so the provider ends their sign-in too,
// and then sends them to back; empty when the provider offers no RP-initiated logout.
func (f *oidcFlow) endSession(ctx context.Context, idToken, back string) (string, error) {
	doc, err := f.discovery(ctx)
	if err != nil || doc.EndSessionEndpoint == "" {
		return "", err
	}
	q := url.Values{"post_logout_redirect_uri": {back}, "client_id": {f.cfg.ClientID}, "state": {randomString()}}
	if idToken != "" {
		q.Set("id_token_hint", idToken)
	}
	sep := "?"
	if strings.Contains(doc.EndSessionEndpoint, "?") {
		sep = "&"
	}
	return doc.EndSessionEndpoint + sep + q.Encode(), nil
}

// postLogoutURL is where the provider sends a person back after signing out there: the
// configured URL, or the portal's home beside the registered callback.
func (p *Portal) postLogoutURL() string {
	if p.oidc.cfg.PostLogoutURL != "" {
		return p.oidc.cfg.PostLogoutURL
	}
	return strings.TrimSuffix(p.oidc.cfg.RedirectURL, "/oidc/callback") + "/"
}

func randomString() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// oidcStart sends the reader to the provider with a fresh state and PKCE challenge.
func (p *Portal) oidcStart(w http.ResponseWriter, r *http.Request, v viewer) {
	if p.oidc == nil {
		p.notFound(w, r, v)
		return
	}
	authorize, _, err := p.oidc.endpoints(r.Context())
	if err != nil {
		p.log.Warn("portal: identity provider unreachable", "err", err)
		http.Error(w, translate(languageOf(r), "err.unavailable"), http.StatusBadGateway)
		return
	}
	state, verifier := randomString(), randomString()
	back := p.localURL(r.URL.Query().Get("back"))
	http.SetCookie(w, &http.Cookie{
		Name: oidcCookie, Value: state + "." + verifier + "." + base64.RawURLEncoding.EncodeToString([]byte(back)),
		Path: p.base + "/oidc", MaxAge: 600, HttpOnly: true, Secure: p.secure, SameSite: http.SameSiteLaxMode,
	})
	challenge := sha256.Sum256([]byte(verifier))
	scopes := p.oidc.cfg.Scopes
	if len(scopes) == 0 {
		scopes = []string{"openid", "profile"}
	}
	q := url.Values{
		"response_type":         {"code"},
		"client_id":             {p.oidc.cfg.ClientID},
		"redirect_uri":          {p.oidc.cfg.RedirectURL},
		"scope":                 {strings.Join(scopes, " ")},
		"state":                 {state},
		"code_challenge":        {base64.RawURLEncoding.EncodeToString(challenge[:])},
		"code_challenge_method": {"S256"},
	}
	if p.oidc.audience != "" {
		// Providers that issue JWT access tokens for several APIs (Hydra among them) put in
		// aud only the audience asked for; the services accept only theirs.
		q.Set("audience", p.oidc.audience)
	}
	sep := "?"
	if strings.Contains(authorize, "?") {
		sep = "&"
	}
	http.Redirect(w, r, authorize+sep+q.Encode(), http.StatusFound)
}

// oidcCallback checks the state, trades the code and verifier for a token, verifies the
// token as the services will, and starts the session.
func (p *Portal) oidcCallback(w http.ResponseWriter, r *http.Request, v viewer) {
	if p.oidc == nil {
		p.notFound(w, r, v)
		return
	}
	lang := languageOf(r)
	c, err := r.Cookie(oidcCookie)
	parts := strings.SplitN(func() string {
		if err != nil {
			return ""
		}
		return c.Value
	}(), ".", 3)
	q := r.URL.Query()
	if len(parts) != 3 || q.Get("state") == "" || q.Get("state") != parts[0] {
		http.Error(w, translate(lang, "signin.expired"), http.StatusBadRequest)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Path: p.base + "/oidc", MaxAge: -1, HttpOnly: true, Secure: p.secure})
	if e := q.Get("error"); e != "" {
		http.Error(w, translate(lang, "signin.refused"), http.StatusUnauthorized)
		return
	}
	token, idToken, _, err := p.exchange(r.Context(), q.Get("code"), parts[1])
	if err != nil {
		p.log.Warn("portal: code exchange failed", "err", err)
		http.Error(w, translate(lang, "signin.refused"), http.StatusUnauthorized)
		return
	}
	if _, err := p.verifier.Verify(r.Context(), token); err != nil {
		p.log.Warn("portal: the provider's token is not accepted", "err", err)
		http.Error(w, translate(lang, "signin.refused"), http.StatusUnauthorized)
		return
	}
	// The cookie outlives a short access token on purpose: a visit that finds it expired is
	// sent back through the provider (requireSignIn) instead of silently becoming anonymous.
	p.setSessionFor(w, token, sessionTTL)
	if idToken != "" {
		http.SetCookie(w, &http.Cookie{
			Name: idTokenCookie, Value: idToken, Path: p.base, HttpOnly: true, Secure: p.secure,
			SameSite: http.SameSiteLaxMode, MaxAge: int(sessionTTL / time.Second),
		})
	}
	back, _ := base64.RawURLEncoding.DecodeString(parts[2])
	http.Redirect(w, r, p.localURL(string(back)), http.StatusSeeOther)
}

// exchange trades an authorization code for an access token at the token endpoint.
func (p *Portal) exchange(ctx context.Context, code, verifier string) (access, id string, ttl time.Duration, err error) {
	_, tokenURL, err := p.oidc.endpoints(ctx)
	if err != nil {
		return "", "", 0, err
	}
	form := url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"redirect_uri":  {p.oidc.cfg.RedirectURL},
		"client_id":     {p.oidc.cfg.ClientID},
		"code_verifier": {verifier},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", "", 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if p.oidc.cfg.ClientSecret != "" {
		req.SetBasicAuth(url.QueryEscape(p.oidc.cfg.ClientID), url.QueryEscape(p.oidc.cfg.ClientSecret))
	}
	resp, err := p.oidc.cfg.Client.Do(req)
	if err != nil {
		return "", "", 0, err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		IDToken     string `json:"id_token"`
		ExpiresIn   int    `json:"expires_in"`
		Error       string `json:"error"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&body); err != nil {
		return "", "", 0, fmt.Errorf("token endpoint: %s: %w", resp.Status, err)
	}
	if resp.StatusCode != http.StatusOK || body.AccessToken == "" {
		return "", "", 0, fmt.Errorf("token endpoint: %s %s", resp.Status, body.Error)
	}
	ttl = time.Duration(body.ExpiresIn) * time.Second
	if ttl <= 0 || ttl > sessionTTL {
		ttl = sessionTTL
	}
	return body.AccessToken, body.IDToken, ttl, nil
}
