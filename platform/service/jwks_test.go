package service_test

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/auth/authtest"
	"github.com/un-liaison/liaison/platform/internal/probeservice"
)

// With LIAISON_JWKS_URL set, a service trusts the identity provider's keys
// and no longer the dev key.
func TestRunVerifiesTokensAgainstTheJWKS(t *testing.T) {
	t.Parallel()
	idp := authtest.NewProvider(t, "https://id.un.example")
	idp.AddKey(t, "rsa-1", jwt.SigningMethodRS256)
	cfg := testConfig(t, map[string]string{
		"LIAISON_JWKS_URL":      idp.JWKSURL,
		"LIAISON_OIDC_ISSUER":   idp.Issuer,
		"LIAISON_OIDC_AUDIENCE": "liaison",
	})
	r := start(t, cfg, nil)
	now := r.component.deps.Clock.Now()

	call := func(token string) error {
		ctx := metadata.AppendToOutgoingContext(callCtx(t), "authorization", "Bearer "+token)
		return r.conn.Invoke(ctx, probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse())
	}
	if err := call(idp.Token(t, "rsa-1", "olga", "liaison", "", now, time.Hour, auth.RoleOfficer)); err != nil {
		t.Fatalf("the provider's RS256 token for liaison: %v", err)
	}
	if err := call(idp.Token(t, "rsa-1", "olga", "another-app", "", now, time.Hour, auth.RoleOfficer)); status.Code(err) != codes.Unauthenticated {
		t.Fatalf("token for another audience: %v", err)
	}
	key, err := auth.LoadOrCreateDevKey(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	dev, err := auth.IssueDevToken(key, auth.Claims{
		Roles: []auth.Role{auth.RoleAdmin},
		RegisteredClaims: jwt.RegisteredClaims{
			Subject: "mallory", Issuer: idp.Issuer, Audience: jwt.ClaimStrings{"liaison"},
		},
	}, time.Hour, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := call(dev); status.Code(err) != codes.Unauthenticated {
		t.Fatalf("dev-key token in production mode: %v", err)
	}
}
