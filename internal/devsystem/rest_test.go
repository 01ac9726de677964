package devsystem_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
)

// token signs a dev token for the running system, as `liaison token` does.
func token(t *testing.T, sys config.Common, org string, roles ...auth.Role) string {
	t.Helper()
	return tokenAt(t, sys, time.Now(), org, roles...)
}

// tokenAt is token issued at a given instant, for a system whose clock is pinned.
func tokenAt(t *testing.T, sys config.Common, at time.Time, org string, roles ...auth.Role) string {
	t.Helper()
	key, err := auth.LoadOrCreateDevKey(sys.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	claims := auth.Claims{Roles: roles, Org: org}
	claims.Subject = "rest-test-" + string(roles[0])
	claims.Issuer = sys.OIDCIssuer
	claims.Audience = jwt.ClaimStrings{sys.OIDCAudience}
	tok, err := auth.IssueDevToken(key, claims, time.Hour, at)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// send makes one REST call and decodes the JSON answer into out (when not nil).
func send(t *testing.T, method, url, tok, body string, out any) (int, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: not JSON (%v): %s", method, url, err, raw)
		}
	}
	return resp.StatusCode, resp.Header
}

type organization struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Etag string `json:"etag"`
}

type apiError struct {
	Message string           `json:"message"`
	Details []map[string]any `json:"details"`
}

// The registry's acceptance walk over REST, as an officer on the running system.
func TestRegistryOverREST(t *testing.T) {
	sys := startSystem(t)
	base := "http://" + sys.HTTPAddr
	officer := token(t, sys, "", auth.RoleOfficer)
	const body = `{"name":"Alliance for Accessible Meetings","stakeholderGroup":"STAKEHOLDER_GROUP_NGO","country":"KE",
		"website":"https://accessible-meetings.example.org","description":"Monitors multilingual access to public meeting records",
		"foundedOn":{"year":2012,"month":3,"day":1},"sdgs":[10,16]}`

	var created organization
	if code, _ := send(t, http.MethodPost, base+"/v1/organizations?requestId=rest-1", officer, body, &created); code != http.StatusOK || created.ID == "" {
		t.Fatalf("create = %d %+v", code, created)
	}
	var retried organization
	send(t, http.MethodPost, base+"/v1/organizations?requestId=rest-1", officer, body, &retried)
	if retried.ID != created.ID {
		t.Errorf("a retried create made %s, the first made %s", retried.ID, created.ID)
	}
	var got organization
	if code, _ := send(t, http.MethodGet, base+"/v1/organizations/"+created.ID, "", "", &got); code != http.StatusOK || got.Name != created.Name {
		t.Fatalf("get = %d %+v", code, got)
	}

	patch := base + "/v1/organizations/" + created.ID + "?updateMask=acronym"
	var stale apiError
	if code, _ := send(t, http.MethodPatch, patch, officer, `{"acronym":"AAM","etag":"\"stale\""}`, &stale); code != http.StatusConflict {
		t.Errorf("patch with a stale etag = %d %+v, want 409", code, stale)
	}
	var patched organization
	if code, _ := send(t, http.MethodPatch, patch, officer, `{"acronym":"AAM","etag":`+mustJSON(created.Etag)+`}`, &patched); code != http.StatusOK || patched.Etag == created.Etag {
		t.Errorf("patch with the current etag = %d %+v, want 200 and a new etag", code, patched)
	}

	for field, bad := range map[string]string{
		"country": strings.Replace(body, `"KE"`, `"ZZ"`, 1),
		"sdgs":    strings.Replace(body, `[10,16]`, `[10,18]`, 1),
		"name":    strings.Replace(body, `"Alliance for Accessible Meetings"`, `""`, 1),
		"website": strings.Replace(body, `"https://accessible-meetings.example.org"`, `"not a url"`, 1),
	} {
		var e apiError
		code, _ := send(t, http.MethodPost, base+"/v1/organizations?allowDuplicate=true", officer, bad, &e)
		if code != http.StatusBadRequest || !strings.Contains(strings.ToLower(e.Message+mustJSON(e.Details)), field) {
			t.Errorf("bad %s: %d %q, want 400 naming the field", field, code, e.Message)
		}
	}

	if code, _ := send(t, http.MethodPost, base+"/v1/organizations", "", body, nil); code != http.StatusUnauthorized {
		t.Errorf("anonymous create = %d, want 401", code)
	}
	ngo := token(t, sys, "org_someone_else", auth.RoleNGO)
	if code, _ := send(t, http.MethodPatch, patch, ngo, `{"acronym":"X","etag":`+mustJSON(patched.Etag)+`}`, nil); code != http.StatusForbidden {
		t.Errorf("an ngo changing another organization = %d, want 403", code)
	}

	var found struct {
		Organizations []organization `json:"organizations"`
	}
	send(t, http.MethodGet, base+"/v1/organizations?query=multilingual+meeting+records", "", "", &found)
	if len(found.Organizations) == 0 || found.Organizations[0].ID != created.ID {
		t.Errorf("a search by words of the description = %+v", found.Organizations)
	}
}

// The per-event feed is served at the address calendar applications expect.
func TestOneEventsFeedOverREST(t *testing.T) {
	sys := startSystem(t)
	base := "http://" + sys.HTTPAddr
	var events struct {
		Events []struct {
			ID string `json:"id"`
		} `json:"events"`
	}
	send(t, http.MethodGet, base+"/v1/events?query=Broadband", "", "", &events)
	if len(events.Events) == 0 {
		t.Fatal("no Broadband event in the demo calendar")
	}
	resp, err := http.Get(base + "/v1/events/" + events.Events[0].ID + ".ics")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") ||
		!strings.Contains(string(raw), "DTSTART:20210919T130000Z") {
		t.Errorf("GET /v1/events/{id}.ics = %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), raw)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
