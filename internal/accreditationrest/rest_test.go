package accreditationrest_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/gateway"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/cache/cachetest"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/accreditation"
)

type registryWithYoung struct {
	registryv1.UnimplementedRegistryServiceServer
}

func (registryWithYoung) GetOrganization(_ context.Context, r *registryv1.GetOrganizationRequest) (*registryv1.GetOrganizationResponse, error) {
	founded := map[string]*date.Date{"org_a": {Year: 2001, Month: 5, Day: 1}, "org_b": {Year: 1995}, "org_young": {Year: 2026, Month: 1, Day: 15}}
	f, ok := founded[r.GetId()]
	if !ok {
		return nil, status.Error(codes.NotFound, "no such organization")
	}
	return &registryv1.GetOrganizationResponse{Organization: &registryv1.Organization{Id: r.GetId(), FoundedOn: f}}, nil
}

// system is the accreditation service and the REST edge in front of it. The
// service is restarted with a new LIAISON_NOW to move the clock between
// steps; its data directory (SQLite and dev key) survives the restarts.
type system struct {
	t        *testing.T
	redis    *cachetest.Server
	cfg      config.Common
	addr     string
	stop     func()
	base     string
	tokens   map[string]string
	lastCode int
}

func newSystem(t *testing.T) *system {
	regLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	reg := grpc.NewServer()
	registryv1.RegisterRegistryServiceServer(reg, registryWithYoung{})
	go func() { _ = reg.Serve(regLis) }()
	t.Cleanup(reg.Stop)

	svcLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := svcLis.Addr().String()
	_ = svcLis.Close()
	redis := cachetest.StartRedis(t)
	s := &system{t: t, addr: addr, redis: redis, cfg: config.Common{DataDir: t.TempDir(), RedisURL: redis.URL, LogLevel: "error", LogFormat: "json", ShutdownTimeout: time.Second,
		RegistryAddr: regLis.Addr().String(), AccreditationAddr: addr, EventsAddr: "127.0.0.1:1",
		OIDCIssuer: "liaison-dev", OIDCAudience: "liaison", Identity: config.Identity{DevMode: true}}}

	httpLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.base = "http://" + httpLis.Addr().String()
	gwCtx, gwStop := context.WithCancel(context.Background())
	gwDone := make(chan struct{})
	go func() { _ = gateway.Run(gwCtx, s.cfg, httpLis); close(gwDone) }()
	t.Cleanup(func() { gwStop(); <-gwDone })
	t.Cleanup(func() {
		if s.stop != nil {
			s.stop()
		}
	})

	key, err := auth.LoadOrCreateDevKey(s.cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	s.tokens = map[string]string{}
	for name, c := range map[string]auth.Claims{
		"ngoA":      {Roles: []auth.Role{auth.RoleNGO}, Org: "org_a"},
		"ngoB":      {Roles: []auth.Role{auth.RoleNGO}, Org: "org_b"},
		"young":     {Roles: []auth.Role{auth.RoleNGO}, Org: "org_young"},
		"officer":   {Roles: []auth.Role{auth.RoleOfficer}},
		"committee": {Roles: []auth.Role{auth.RoleCommittee}},
	} {
		c.RegisteredClaims = jwt.RegisteredClaims{Subject: "user-" + name, Issuer: "liaison-dev", Audience: jwt.ClaimStrings{"liaison"}}
		tok, err := auth.IssueDevToken(key, c, 20*365*24*time.Hour, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		s.tokens[name] = tok
	}
	return s
}

// at (re)starts the service with the clock pinned to now.
func (s *system) at(now string) {
	s.t.Helper()
	if s.stop != nil {
		s.stop()
	}
	cfg := s.cfg
	cfg.Now = now
	var lis net.Listener
	var err error
	for range 50 { // the previous process's port may take a moment to free
		if lis, err = net.Listen("tcp", s.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		s.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan error, 1)
	go func() {
		done <- service.Run(ctx, accreditation.Spec, cfg, lis, func(string) { close(ready) }, service.WithLogOutput(io.Discard))
	}()
	select {
	case <-ready:
	case err := <-done:
		s.t.Fatalf("service did not start: %v", err)
	}
	s.stop = func() { cancel(); <-done; s.stop = nil }
}

// call sends a REST request and decodes the JSON answer.
func (s *system) call(who, method, path string, body any) map[string]any {
	s.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	var resp *http.Response
	for attempt := 0; ; attempt++ { // the edge's connection to a restarted service may need a moment
		req, _ := http.NewRequest(method, s.base+path, rd)
		if who != "" {
			req.Header.Set("Authorization", "Bearer "+s.tokens[who])
		}
		req.Header.Set("Content-Type", "application/json")
		var err error
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			s.t.Fatal(err)
		}
		if resp.StatusCode != http.StatusServiceUnavailable || attempt == 20 {
			break
		}
		resp.Body.Close()
		time.Sleep(100 * time.Millisecond)
		if body != nil {
			b, _ := json.Marshal(body)
			rd = bytes.NewReader(b)
		}
	}
	defer resp.Body.Close()
	s.lastCode = resp.StatusCode
	out := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return out
}

func (s *system) want(code int, got map[string]any) map[string]any {
	s.t.Helper()
	if s.lastCode != code {
		s.t.Fatalf("HTTP %d, want %d: %v", s.lastCode, code, got)
	}
	return got
}

var questionnaire = map[string]any{"aimsAndPurposes": "Safe water for rural schools.", "mainActivities": "Wells and training.",
	"governanceStructure": "An elected board.", "fundingSources": "Grants and dues.", "unContributions": "Reports to the HLPF."}

func pdfBody(kind string) map[string]any {
	return map[string]any{"kind": kind, "filename": strings.ToLower(kind) + ".pdf", "contentType": "application/pdf",
		"content": base64.StdEncoding.EncodeToString([]byte("%PDF-1.7\n% " + kind + "\n"))}
}

// TestWholeLifeOverREST is the issue's acceptance walk: one application from
// draft to a reinstated status, over the REST edge, with the clock pinned
// between steps, plus the refusals the API promises.
func TestWholeLifeOverREST(t *testing.T) {
	s := newSystem(t)
	s.at("2027-03-10T15:00:00Z")

	created := s.want(200, s.call("ngoA", "POST", "/v1/applications?requestId=create-1",
		map[string]any{"organizationId": "org_a", "requestedCategory": "CATEGORY_SPECIAL", "questionnaire": questionnaire}))
	id := created["id"].(string)
	again := s.want(200, s.call("ngoA", "POST", "/v1/applications?requestId=create-1",
		map[string]any{"organizationId": "org_a", "requestedCategory": "CATEGORY_SPECIAL", "questionnaire": questionnaire}))
	if again["id"] != id {
		t.Fatalf("a retried requestId made a second application %v", again["id"])
	}

	// An incomplete submit lists every missing item at once: the three documents.
	failed := s.want(412, s.call("ngoA", "POST", "/v1/applications/"+id+":submit", map[string]any{}))
	if details := fmt.Sprint(failed["details"]); !strings.Contains(details, "DOCUMENT_KIND_CONSTITUTION") ||
		!strings.Contains(details, "DOCUMENT_KIND_REGISTRATION_CERTIFICATE") || !strings.Contains(details, "DOCUMENT_KIND_FINANCIAL_STATEMENT") {
		t.Fatalf("missing items: %v", failed)
	}
	var app map[string]any
	for _, k := range []string{"DOCUMENT_KIND_CONSTITUTION", "DOCUMENT_KIND_REGISTRATION_CERTIFICATE", "DOCUMENT_KIND_FINANCIAL_STATEMENT"} {
		app = s.want(200, s.call("ngoA", "POST", "/v1/applications/"+id+"/documents", pdfBody(k)))
	}
	// A PATCH without updateMask changes the fields present in the body, and nothing else.
	app = s.want(200, s.call("ngoA", "PATCH", "/v1/applications/"+id, map[string]any{"etag": app["etag"],
		"questionnaire": map[string]any{"fundingSources": "Grants, dues and a solidarity fund."}}))
	if q := app["questionnaire"].(map[string]any); q["fundingSources"] != "Grants, dues and a solidarity fund." || q["aimsAndPurposes"] != questionnaire["aimsAndPurposes"] {
		t.Fatalf("patched questionnaire %v", q)
	}
	s.want(400, s.call("ngoA", "PATCH", "/v1/applications/"+id, map[string]any{"questionnaire": map[string]any{"fundingSources": "no etag"}}))
	// The download is the file itself, with its type.
	docID := app["documents"].([]any)[0].(map[string]any)["id"].(string)
	req, _ := http.NewRequest("GET", s.base+"/v1/applications/"+id+"/documents/"+docID+":download", nil)
	req.Header.Set("Authorization", "Bearer "+s.tokens["officer"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	file, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(file, []byte("%PDF-1.7")) {
		t.Fatalf("download: %d %s %q", resp.StatusCode, resp.Header.Get("Content-Type"), file)
	}
	bad := pdfBody("DOCUMENT_KIND_OTHER")
	bad["content"] = base64.StdEncoding.EncodeToString([]byte("PK\x03\x04 not a word file"))
	s.want(400, s.call("ngoA", "POST", "/v1/applications/"+id+"/documents", bad))

	// Another NGO can neither read nor change it; a stale etag is 409.
	s.want(404, s.call("ngoB", "GET", "/v1/applications/"+id, nil))
	s.want(404, s.call("ngoB", "POST", "/v1/applications/"+id+":withdraw", map[string]any{}))
	stale := created["etag"].(string)
	s.want(409, s.call("ngoA", "POST", "/v1/applications/"+id+":submit", map[string]any{"etag": stale}))

	submitted := s.want(200, s.call("ngoA", "POST", "/v1/applications/"+id+":submit", map[string]any{"etag": app["etag"], "requestId": "submit-1"}))
	if submitted["state"] != "STATE_SUBMITTED" || submitted["reviewCycleYear"] != float64(2028) {
		t.Fatalf("submitted %v", submitted)
	}
	s.want(200, s.call("ngoA", "POST", "/v1/applications/"+id+":submit", map[string]any{"requestId": "submit-1"}))

	// An organization founded less than two years before submission is refused with the reason.
	young := s.want(200, s.call("young", "POST", "/v1/applications", map[string]any{"organizationId": "org_young",
		"requestedCategory": "CATEGORY_ROSTER", "questionnaire": questionnaire}))
	for _, k := range []string{"DOCUMENT_KIND_CONSTITUTION", "DOCUMENT_KIND_REGISTRATION_CERTIFICATE", "DOCUMENT_KIND_FINANCIAL_STATEMENT"} {
		s.want(200, s.call("young", "POST", "/v1/applications/"+young["id"].(string)+"/documents", pdfBody(k)))
	}
	tooYoung := s.want(412, s.call("young", "POST", "/v1/applications/"+young["id"].(string)+":submit", map[string]any{}))
	if !strings.Contains(tooYoung["message"].(string), "two years") {
		t.Fatalf("too young: %v", tooYoung)
	}

	s.want(200, s.call("officer", "POST", "/v1/applications/"+id+":screen", map[string]any{"complete": true}))
	regular := s.want(200, s.call("officer", "POST", "/v1/sessions", map[string]any{"name": "2028 regular session", "kind": "SESSION_KIND_REGULAR",
		"startDate": map[string]int{"year": 2028, "month": 1, "day": 24}, "endDate": map[string]int{"year": 2028, "month": 2, "day": 2},
		"members": restMembers}))
	resumed := s.want(200, s.call("officer", "POST", "/v1/sessions", map[string]any{"name": "2028 resumed session", "kind": "SESSION_KIND_RESUMED",
		"startDate": map[string]int{"year": 2028, "month": 5, "day": 15}, "endDate": map[string]int{"year": 2028, "month": 5, "day": 24},
		"members": restMembers}))
	s.want(200, s.call("officer", "POST", "/v1/applications/"+id+":schedule", map[string]any{"sessionId": regular["id"]}))

	s.at("2028-01-25T16:00:00Z")
	deferred := s.want(200, s.call("committee", "POST", "/v1/applications/"+id+"/questions", map[string]any{"text": "Who funds you?", "askedBy": "CN"}))
	if deferred["state"] != "STATE_DEFERRED" || deferred["deferralCount"] != float64(1) {
		t.Fatalf("deferred %v", deferred)
	}
	qid := deferred["questions"].([]any)[0].(map[string]any)["id"].(string)

	s.at("2028-03-10T12:00:00Z")
	answered := s.want(200, s.call("ngoA", "POST", "/v1/applications/"+id+"/questions/"+qid+":answer", map[string]any{"text": "Grants and dues."}))
	if answered["state"] != "STATE_PENDING_COMMITTEE" {
		t.Fatalf("answered %v", answered)
	}
	s.want(200, s.call("officer", "POST", "/v1/applications/"+id+":schedule", map[string]any{"sessionId": resumed["id"]}))

	s.at("2028-05-17T18:00:00Z")
	s.want(200, s.call("officer", "POST", "/v1/applications/"+id+":recordOutcome", map[string]any{"outcome": "OUTCOME_RECOMMEND", "recommendedCategory": "CATEGORY_SPECIAL"}))

	s.at("2028-07-25T15:00:00Z")
	// Redis goes down: lookups keep answering, and the grant is still seen at once.
	if st := s.want(200, s.call("", "GET", "/v1/organizations/org_a/status", nil)); st["state"] != "STATE_NONE" {
		t.Fatalf("status before the grant %v", st)
	}
	s.redis.Stop(t)
	s.want(200, s.call("officer", "POST", "/v1/applications/"+id+":recordDecision", map[string]any{"decision": "DECISION_GRANT",
		"decisionRef": "E/2028/32", "effectiveDate": map[string]int{"year": 2028, "month": 7, "day": 25}}))
	st := s.want(200, s.call("", "GET", "/v1/organizations/org_a/status", nil))
	if st["state"] != "STATE_ACTIVE" || st["category"] != "CATEGORY_SPECIAL" || fmt.Sprint(st["nextReportDue"]) != "map[day:1 month:6 year:2032]" {
		t.Fatalf("status after the grant %v", st)
	}
	batch := s.want(200, s.call("", "POST", "/v1/statuses:batchGet", map[string]any{"organizationIds": []string{"org_a", "org_b"}}))
	if fmt.Sprint(batch["consultativeStatuses"]) == "" || !strings.Contains(fmt.Sprint(batch), "STATE_ACTIVE") {
		t.Fatalf("batch with Redis down %v", batch)
	}
	s.redis.Start(t)
	s.checkCredentialOverREST("org_a", time.Date(2028, 7, 25, 15, 0, 0, 0, time.UTC))

	s.at("2032-06-02T15:00:00Z")
	proposed := s.want(200, s.call("officer", "POST", "/v1/statuses:enforceReporting", map[string]any{}))
	if len(proposed["proposedSuspensions"].([]any)) != 1 {
		t.Fatalf("nothing proposed: %v", proposed)
	}
	if st := s.want(200, s.call("", "GET", "/v1/organizations/org_a/status", nil)); st["state"] != "STATE_ACTIVE" {
		t.Fatalf("a proposal suspended: %v", st)
	}
	s.at("2032-07-22T15:00:00Z")
	s.want(200, s.call("officer", "POST", "/v1/ecosocDecisions", map[string]any{"symbol": "2032/250",
		"decisionDate": map[string]int{"year": 2032, "month": 7, "day": 22},
		"entries":      []any{map[string]any{"action": "ACTION_SUSPEND", "organizationId": "org_a", "reason": "STATUS_REASON_REPORTING_2008_4"}}}))
	if st := s.want(200, s.call("", "GET", "/v1/organizations/org_a/status", nil)); st["state"] != "STATE_SUSPENDED" {
		t.Fatalf("after the decision %v", st)
	}

	s.at("2032-09-01T15:00:00Z")
	filed := s.want(200, s.call("ngoA", "POST", "/v1/organizations/org_a/quadrennialReports", map[string]any{
		"quadrennialReport": map[string]any{"periodStartYear": 2028, "periodEndYear": 2031, "summary": "Four years of work with the UN."}}))
	if cs := filed["consultativeStatus"].(map[string]any); cs["state"] != "STATE_SUSPENDED" || fmt.Sprint(cs["nextReportDue"]) != "map[day:1 month:6 year:2036]" {
		t.Fatalf("after the report %v", filed)
	}

	// The officer's work queue filters by state, cycle and deferrals; another NGO sees none of it.
	queue := s.want(200, s.call("officer", "GET", "/v1/applications?state=STATE_GRANTED&state=STATE_DEFERRED&reviewCycleYear=2028&minDeferralCount=1&orderBy=deferral_count%20desc", nil))
	if apps := queue["applications"].([]any); len(apps) != 1 || apps[0].(map[string]any)["id"] != id || queue["totalSize"] != float64(1) {
		t.Fatalf("work queue %v", queue)
	}
	if others := s.want(200, s.call("ngoB", "GET", "/v1/applications", nil)); len(others["applications"].([]any)) != 0 {
		t.Fatalf("another NGO lists %v", others)
	}
	s.want(403, s.call("ngoB", "GET", "/v1/applications?organizationId=org_a", nil))
	s.want(400, s.call("officer", "GET", "/v1/applications?orderBy=name", nil))

	hist := s.want(200, s.call("ngoA", "GET", "/v1/applications/"+id+"/history", nil))
	var steps []string
	for _, e := range hist["applicationEvents"].([]any) {
		ev := e.(map[string]any)
		actor := ev["actor"].(map[string]any)
		if actor["subject"] == "" || ev["eventTime"] == "" {
			t.Fatalf("entry without actor or time: %v", ev)
		}
		steps = append(steps, strings.TrimPrefix(ev["action"].(string), "ACTION_")+":"+
			strings.TrimPrefix(ev["fromState"].(string), "STATE_")+">"+strings.TrimPrefix(ev["toState"].(string), "STATE_"))
	}
	want := "[CREATE:DRAFT>DRAFT ADD_DOCUMENT:DRAFT>DRAFT ADD_DOCUMENT:DRAFT>DRAFT ADD_DOCUMENT:DRAFT>DRAFT UPDATE:DRAFT>DRAFT SUBMIT:DRAFT>SUBMITTED " +
		"SCREEN:SUBMITTED>PENDING_COMMITTEE SCHEDULE:PENDING_COMMITTEE>PENDING_COMMITTEE POSE_QUESTION:PENDING_COMMITTEE>DEFERRED " +
		"ANSWER_QUESTION:DEFERRED>PENDING_COMMITTEE SCHEDULE:PENDING_COMMITTEE>PENDING_COMMITTEE RECORD_OUTCOME:PENDING_COMMITTEE>RECOMMENDED " +
		"RECORD_DECISION:RECOMMENDED>GRANTED]"
	if got := fmt.Sprint(steps); got != want {
		t.Fatalf("history\n got %s\nwant %s", got, want)
	}
}

// restMembers is a Committee sitting through 2028, as the REST body gives it.
var restMembers = []any{
	map[string]any{"code": "CN", "name": "China", "termStart": map[string]int{"year": 2027, "month": 1, "day": 1}, "termEnd": map[string]int{"year": 2030, "month": 12, "day": 31}},
	map[string]any{"code": "GB", "name": "United Kingdom", "termStart": map[string]int{"year": 2027, "month": 1, "day": 1}, "termEnd": map[string]int{"year": 2030, "month": 12, "day": 31}},
}
