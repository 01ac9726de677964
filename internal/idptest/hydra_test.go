package idptest_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/metadata"

	"github.com/un-liaison/liaison/internal/idptest"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

// bearer is the token a credentials function put into the outgoing context.
func bearer(t *testing.T, creds func(context.Context) (context.Context, error)) string {
	t.Helper()
	ctx, err := creds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	md, _ := metadata.FromOutgoingContext(ctx)
	v := md.Get("authorization")
	if len(v) != 1 || !strings.HasPrefix(v[0], "Bearer ") {
		t.Fatalf("authorization metadata = %q", v)
	}
	return strings.TrimPrefix(v[0], "Bearer ")
}

// A process's own token comes from the real provider with the client-credentials grant (token
// endpoint discovered from the issuer), is a system caller's under the default scope mapping, is
// reused while fresh, renewed before it expires, and obtained again after the provider restarts.
func TestClientCredentialsFromTheProvider(t *testing.T) {
	p := idptest.Start(t, idptest.Options{AccessTokenTTL: 40 * time.Second})
	p.Register(t, idptest.Client{ID: "liaison-events", Secret: "events-secret", GrantTypes: []string{"client_credentials"}, Scope: "liaison.system"})
	p.Register(t, idptest.Client{ID: "stranger", Secret: "stranger-secret", GrantTypes: []string{"client_credentials"}, Scope: "profile"})

	ctx := t.Context()
	claims, err := auth.NewClaimMapping("roles", "org", map[string]string{"liaison.system": "system"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := auth.NewJWKSVerifier(ctx, p.JWKSURL, p.Issuer, idptest.Audience, clock.System{}, auth.JWKSOptions{Claims: claims, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	creds, err := auth.ClientCredentials(auth.ClientCredentialsConfig{
		ClientID: "liaison-events", ClientSecret: "events-secret", Issuer: p.Issuer, Audience: idptest.Audience,
		Scopes: []string{"liaison.system"},
	})
	if err != nil {
		t.Fatal(err)
	}
	first := bearer(t, creds)
	id, err := v.Verify(ctx, first)
	if err != nil {
		t.Fatalf("the provider's token is refused: %v", err)
	}
	if id.Subject != "liaison-events" || !id.HasRole(auth.RoleSystem) {
		t.Fatalf("identity = %+v, want liaison-events as a system caller", id)
	}
	if again := bearer(t, creds); again != first {
		t.Error("a fresh token was replaced at once instead of reused")
	}
	// 40 s tokens are renewed once 30 s before their end are reached: wait out the 10 s.
	time.Sleep(11 * time.Second)
	renewed := bearer(t, creds)
	if renewed == first {
		t.Fatal("the token was not renewed before it expired")
	}
	if _, err := v.Verify(ctx, renewed); err != nil {
		t.Fatalf("the renewed token is refused: %v", err)
	}

	p.Restart(t)
	time.Sleep(11 * time.Second)
	afterRestart := bearer(t, creds)
	if afterRestart == renewed {
		t.Fatal("no new token after the provider restarted")
	}
	if _, err := v.Verify(ctx, afterRestart); err != nil {
		t.Fatalf("the token issued after the restart is refused: %v", err)
	}

	// A client whose token carries no scope that maps to a role is known but has no role.
	stranger, err := auth.ClientCredentials(auth.ClientCredentialsConfig{
		ClientID: "stranger", ClientSecret: "stranger-secret", Issuer: p.Issuer, Audience: idptest.Audience, Scopes: []string{"profile"},
	})
	if err != nil {
		t.Fatal(err)
	}
	sid, err := v.Verify(ctx, bearer(t, stranger))
	if err != nil {
		t.Fatal(err)
	}
	if len(sid.Roles) != 0 {
		t.Fatalf("a profile-only client got roles %v", sid.Roles)
	}
}
