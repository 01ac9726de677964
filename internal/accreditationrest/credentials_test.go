package accreditationrest_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/un-liaison/liaison/platform/audit"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/accreditation/statuscredential"
)

// get fetches a public path from the edge as is.
func (s *system) get(path string) (*http.Response, []byte) {
	s.t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// checkCredentialOverREST issues a status credential for an organization
// holding ACTIVE status and checks it through the edge: the REST verify
// call, the keys at their well-known URL and the raw status list.
func (s *system) checkCredentialOverREST(org string, now time.Time) {
	s.t.Helper()
	s.want(401, s.call("", "POST", "/v1/organizations/"+org+"/status:issueCredential", map[string]any{}))
	cred := s.want(200, s.call("ngoA", "POST", "/v1/organizations/"+org+"/status:issueCredential", map[string]any{"requestId": "cred-1"}))
	jwt, _ := cred["jwt"].(string)
	if jwt == "" || !strings.HasSuffix(cred["statusListUri"].(string), "/v1/credentialStatusList") {
		s.t.Fatalf("issued over REST: %v", cred)
	}
	verdict := s.want(200, s.call("", "POST", "/v1/statusCredentials:verify", map[string]any{"jwt": jwt}))
	if verdict["result"] != "RESULT_VALID" {
		s.t.Fatalf("verified over REST: %v", verdict)
	}
	resp, body := s.get("/.well-known/credential-keys.json")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/jwk-set+json" {
		s.t.Fatalf("keys: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	keys, err := statuscredential.ParseKeySet(body)
	if err != nil {
		s.t.Fatal(err)
	}
	v, err := statuscredential.VerifyCredential(jwt, keys, now)
	if err != nil {
		s.t.Fatalf("offline with the well-known keys: %v", err)
	}
	resp, body = s.get("/v1/credentialStatusList")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != statuscredential.StatusListMediaType {
		s.t.Fatalf("status list: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	list, err := statuscredential.VerifyStatusList(string(body), keys, v.Claims.Status.StatusList.URI, now)
	if err != nil {
		s.t.Fatalf("status list over REST: %v", err)
	}
	if revoked, err := list.StatusList.Revoked(v.Claims.Status.StatusList.Index); err != nil || revoked {
		s.t.Fatalf("fresh credential in the list: revoked %v, %v", revoked, err)
	}
	s.auditedIssue("user-ngoA")
}

// auditedIssue checks the service's audit log records subject's issue.
func (s *system) auditedIssue(subject string) {
	s.t.Helper()
	ctx := context.Background()
	db, err := sqldb.Open(ctx, sqldb.Options{Service: "accreditation", DataDir: s.cfg.DataDir})
	if err != nil {
		s.t.Fatal(err)
	}
	defer db.Close()
	entries, err := audit.NewStore(db).BySubject(ctx, subject)
	if err != nil {
		s.t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Method, "/IssueStatusCredential") && e.Outcome == "OK" && e.Organization == "org_a" {
			return
		}
	}
	s.t.Fatalf("no audit record of the issue among %+v", entries)
}
