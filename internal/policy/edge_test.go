package policy_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/un-liaison/liaison/internal/devsystem"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
)

// The access rules as a REST client meets them, on the whole dev system with its demo data:
// bad tokens are 401, the wrong role 403, another organization's application out of reach, and
// an anonymous flood is slowed down with 429s and nothing worse.
func TestAccessAtTheEdge(t *testing.T) {
	dataDir := t.TempDir()
	t.Setenv("LIAISON_DATA_DIR", dataDir)
	for _, v := range []string{"LIAISON_HTTP_ADDR", "LIAISON_REGISTRY_ADDR", "LIAISON_ACCREDITATION_ADDR", "LIAISON_EVENTS_ADDR"} {
		t.Setenv(v, "127.0.0.1:0")
	}
	for _, v := range []string{"LIAISON_DATABASE_URL", "LIAISON_REDIS_URL", "LIAISON_JWKS_URL", "LIAISON_NOW", "LIAISON_CORS_ORIGINS"} {
		t.Setenv(v, "")
	}
	t.Setenv("LIAISON_LOG_LEVEL", "error")
	// Half the default anonymous allowance: the flood below shares two CPUs with the whole system
	// under the race detector, and fewer calls reaching the services keeps their answers inside
	// the edge's 5 s call deadline on a busy machine. The defaults are tested in the gateway.
	t.Setenv("LIAISON_RATE_ANONYMOUS_PER_SECOND", "10")
	t.Setenv("LIAISON_RATE_ANONYMOUS_BURST", "20")
	t.Setenv("LIAISON_DEV_MODE", "1")
	cfg, err := config.Load[config.Common]()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	bound := make(chan config.Common, 1)
	done := make(chan error, 1)
	go func() { done <- devsystem.Run(ctx, cfg, devsystem.DemoSpecs, func(c config.Common) { bound <- c }) }()
	select {
	case cfg = <-bound:
	case err := <-done:
		cancel()
		t.Fatalf("dev system did not start: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("dev system did not stop")
		}
	})
	base := "http://" + cfg.HTTPAddr
	waitForDemo(t, base)

	key, err := auth.LoadOrCreateDevKey(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	token := func(subject, audience, org string, issued time.Time, roles ...auth.Role) string {
		tok, err := auth.IssueDevToken(key, auth.Claims{Roles: roles, Org: org, RegisteredClaims: jwt.RegisteredClaims{
			Subject: subject, Issuer: cfg.OIDCIssuer, Audience: jwt.ClaimStrings{audience},
		}}, time.Hour, issued)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	now := time.Now()
	officer := token("olga", cfg.OIDCAudience, "", now, auth.RoleOfficer)

	for name, tok := range map[string]string{
		"garbage":        "garbage",
		"expired":        token("olga", cfg.OIDCAudience, "", now.Add(-3*time.Hour), auth.RoleOfficer),
		"wrong-audience": token("olga", "another-app", "", now, auth.RoleOfficer),
	} {
		status, header, body := call(t, http.MethodGet, base+"/v1/applications", tok, "")
		if status != http.StatusUnauthorized || !strings.HasPrefix(header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s token: %d %q %s", name, status, header.Get("WWW-Authenticate"), body)
		}
	}

	// Find an application of the demo data and its organization.
	status, _, body := call(t, http.MethodGet, base+"/v1/applications?pageSize=50", officer, "")
	if status != http.StatusOK {
		t.Fatalf("officer listing applications: %d %s", status, body)
	}
	var list struct {
		Applications []struct {
			ID             string `json:"id"`
			OrganizationID string `json:"organizationId"`
		} `json:"applications"`
	}
	if err := json.Unmarshal(body, &list); err != nil || len(list.Applications) == 0 {
		t.Fatalf("no demo application to test with (%v): %s", err, body)
	}
	app := list.Applications[0]

	ngoElsewhere := token("amina", cfg.OIDCAudience, app.OrganizationID+"-other", now, auth.RoleNGO)
	if status, _, body := call(t, http.MethodGet, base+"/v1/applications/"+app.ID, ngoElsewhere, ""); status != http.StatusForbidden && status != http.StatusNotFound {
		t.Errorf("ngo reading another organization's application: %d %s", status, body)
	}
	owner := token("amina", cfg.OIDCAudience, app.OrganizationID, now, auth.RoleNGO)
	if status, _, body := call(t, http.MethodGet, base+"/v1/applications/"+app.ID, owner, ""); status != http.StatusOK {
		t.Errorf("ngo reading its own application: %d %s", status, body)
	}
	session := `{"name":"2030 regular session","kind":"SESSION_KIND_REGULAR","startDate":{"year":2030,"month":1,"day":20},"endDate":{"year":2030,"month":1,"day":29}}`
	if status, _, body := call(t, http.MethodPost, base+"/v1/sessions", owner, session); status != http.StatusForbidden {
		t.Errorf("ngo creating a committee session: %d %s", status, body)
	}
	if status, _, body := call(t, http.MethodPost, base+"/v1/sessions", officer, `{"name": "unterminated`); status != http.StatusBadRequest {
		t.Errorf("malformed JSON: %d %s", status, body)
	}

	// 400 anonymous requests at once: some are slowed down, none fails otherwise. The route is a
	// small public list, read once first so that the flood meets warm caches: what is measured
	// is the edge, not how fast a cold service answers forty callers on a busy machine.
	const route = "/v1/committees"
	began := time.Now()
	if status, _, body := call(t, http.MethodGet, base+route, officer, ""); status != http.StatusOK {
		t.Fatalf("listing committees: %d %s", status, body)
	}
	t.Logf("one listing took %v", time.Since(began))
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		counts = map[int]int{}
		noWait int
		other  string
	)
	for range 400 {
		wg.Go(func() {
			resp, err := http.Get(base + route)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				counts[-1]++
				return
			}
			raw, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			counts[resp.StatusCode]++
			if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusTooManyRequests {
				other = string(raw)
			}
			if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") == "" {
				noWait++
			}
		})
	}
	wg.Wait()
	if counts[http.StatusTooManyRequests] == 0 || counts[http.StatusOK]+counts[http.StatusTooManyRequests] != 400 || noWait > 0 {
		t.Errorf("anonymous flood: statuses %v, %d 429s without Retry-After; e.g. %s", counts, noWait, other)
	}
}

func call(t *testing.T, method, url, token, body string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, raw
}

// waitForDemo waits until the edge is ready and the demo applications are in.
func waitForDemo(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the dev system was not ready within 90 s")
}
