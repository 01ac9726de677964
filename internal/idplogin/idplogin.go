// Package idplogin is the sign-in and consent step of the OpenID provider (Ory Hydra), which by
// design has no user interface of its own: the provider sends a person here with a challenge,
// the person picks a user declared in a file and gives its password, and the app tells the
// provider, over its admin API, who signed in and which roles and organization their tokens
// carry. It is for test and demonstration stacks; a real deployment signs people in against the
// UN's directory instead.
package idplogin

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"
)

// User is a person declared in the users file.
type User struct {
	Subject  string   `json:"subject"`
	Password string   `json:"password"`
	Roles    []string `json:"roles"`
	// Org is the organization an NGO user acts for.
	Org string `json:"org,omitempty"`
}

// LoadUsers reads a JSON array of users.
func LoadUsers(path string) ([]User, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var users []User
	if err := json.Unmarshal(raw, &users); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, u := range users {
		if u.Subject == "" || len(u.Roles) == 0 {
			return nil, fmt.Errorf("%s: every user needs a subject and roles", path)
		}
	}
	return users, nil
}

// App answers the provider's login, consent and logout redirects.
type App struct {
	admin  string
	client *http.Client

	mu    sync.RWMutex
	users map[string]User
}

// New serves users against the provider's admin API at adminURL.
func New(adminURL string, users []User) *App {
	a := &App{admin: adminURL, users: map[string]User{}, client: &http.Client{Timeout: 10 * time.Second}}
	for _, u := range users {
		a.Add(u)
	}
	return a
}

// Add declares one more user, or replaces the one with the same subject.
func (a *App) Add(u User) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.users[u.Subject] = u
}

func (a *App) user(subject string) (User, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	u, ok := a.users[subject]
	return u, ok
}

// Handler serves /login, /consent and /logout.
func (a *App) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login", a.loginPage)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /consent", a.consent)
	mux.HandleFunc("GET /logout", a.logout)
	return mux
}

var page = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head><body>
<h1>Sign in to liaison</h1>
<form method="post" action="login">
<input type="hidden" name="login_challenge" value="{{.}}">
<label>User <input name="subject" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button>Sign in</button>
</form></body></html>`))

// loginPage asks who is signing in, unless the provider remembers them already.
func (a *App) loginPage(w http.ResponseWriter, r *http.Request) {
	challenge := r.URL.Query().Get("login_challenge")
	var req struct {
		Skip    bool   `json:"skip"`
		Subject string `json:"subject"`
	}
	if err := a.call(r.Context(), http.MethodGet, "/admin/oauth2/auth/requests/login?login_challenge="+url.QueryEscape(challenge), nil, &req); err != nil {
		http.Error(w, "the sign-in request is unknown or expired", http.StatusBadRequest)
		return
	}
	if req.Skip {
		a.accept(w, r, "login", challenge, map[string]any{"subject": req.Subject})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = page.Execute(w, challenge)
}

func (a *App) login(w http.ResponseWriter, r *http.Request) {
	challenge := r.FormValue("login_challenge")
	u, ok := a.user(r.FormValue("subject"))
	if !ok || subtle.ConstantTimeCompare([]byte(u.Password), []byte(r.FormValue("password"))) != 1 {
		http.Error(w, "unknown user or wrong password", http.StatusUnauthorized)
		return
	}
	a.accept(w, r, "login", challenge, map[string]any{"subject": u.Subject, "remember": true, "remember_for": 3600})
}

// consent grants what the client asked for and puts the user's roles and organization into
// the tokens, as the claims liaison reads (LIAISON_ROLES_CLAIM, LIAISON_ORG_CLAIM).
func (a *App) consent(w http.ResponseWriter, r *http.Request) {
	challenge := r.URL.Query().Get("consent_challenge")
	var req struct {
		Subject  string   `json:"subject"`
		Scope    []string `json:"requested_scope"`
		Audience []string `json:"requested_access_token_audience"`
	}
	if err := a.call(r.Context(), http.MethodGet, "/admin/oauth2/auth/requests/consent?consent_challenge="+url.QueryEscape(challenge), nil, &req); err != nil {
		http.Error(w, "the consent request is unknown or expired", http.StatusBadRequest)
		return
	}
	u, ok := a.user(req.Subject)
	if !ok {
		http.Error(w, "the user is no longer declared", http.StatusForbidden)
		return
	}
	claims := map[string]any{"roles": u.Roles}
	if u.Org != "" {
		claims["org"] = u.Org
	}
	a.accept(w, r, "consent", challenge, map[string]any{
		"grant_scope":                 req.Scope,
		"grant_access_token_audience": req.Audience,
		"session":                     map[string]any{"access_token": claims, "id_token": claims},
	})
}

// logout confirms a sign-out the portal started (RP-initiated logout).
func (a *App) logout(w http.ResponseWriter, r *http.Request) {
	a.accept(w, r, "logout", r.URL.Query().Get("logout_challenge"), nil)
}

// accept tells the provider the step is done and follows it to where it sends the browser next.
func (a *App) accept(w http.ResponseWriter, r *http.Request, step, challenge string, body any) {
	var done struct {
		RedirectTo string `json:"redirect_to"`
	}
	path := "/admin/oauth2/auth/requests/" + step + "/accept?" + step + "_challenge=" + url.QueryEscape(challenge)
	if err := a.call(r.Context(), http.MethodPut, path, body, &done); err != nil || done.RedirectTo == "" {
		http.Error(w, "the provider refused the "+step, http.StatusBadGateway)
		return
	}
	http.Redirect(w, r, done.RedirectTo, http.StatusFound)
}

func (a *App) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.admin+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode/100 != 2 {
		return errors.New(resp.Status + ": " + string(raw))
	}
	return json.Unmarshal(raw, out)
}
