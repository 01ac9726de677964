package service_test

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/grpc/metadata"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/internal/probeservice"
)

// The runner audits writes for every service: the probe's Echo is not named as a read, so a call
// to it leaves a record naming the caller and the request id.
func TestRunAuditsWrites(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t, nil)
	r := start(t, cfg, nil)
	key, err := auth.LoadOrCreateDevKey(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	token, err := auth.IssueDevToken(key, auth.Claims{
		Roles: []auth.Role{auth.RoleNGO}, Org: "org-9",
		RegisteredClaims: jwt.RegisteredClaims{Subject: "amina", Issuer: cfg.OIDCIssuer, Audience: jwt.ClaimStrings{cfg.OIDCAudience}},
	}, time.Hour, r.component.deps.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	ctx := metadata.AppendToOutgoingContext(callCtx(t), "authorization", "Bearer "+token, "x-request-id", "req-audit-1")
	if err := r.conn.Invoke(ctx, probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); err != nil {
		t.Fatal(err)
	}
	var line string
	for l := range strings.SplitSeq(r.logs.String(), "\n") {
		if strings.Contains(l, `"msg":"audit"`) {
			line = l
		}
	}
	for _, want := range []string{`"subject":"amina"`, `"organization":"org-9"`, `"request_id":"req-audit-1"`, `"outcome":"OK"`, `"method":"` + probeservice.EchoMethod + `"`} {
		if !strings.Contains(line, want) {
			t.Errorf("audit record lacks %s: %q", want, line)
		}
	}
	// The record is kept in the service's database too.
	var n int
	if err := r.component.deps.DB.QueryRow(`SELECT count(*) FROM audit_log WHERE subject = 'amina' AND request_id = 'req-audit-1'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("audit_log holds %d records of the call (%v), want 1", n, err)
	}
}
