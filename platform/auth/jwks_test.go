package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/auth/authtest"
	"github.com/un-liaison/liaison/platform/clock"
)

const idpIssuer = "https://id.un.example/realms/liaison"

func jwksVerifier(t *testing.T, p *authtest.Provider, now time.Time, o auth.JWKSOptions) auth.Verifier {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	v, err := auth.NewJWKSVerifier(ctx, p.JWKSURL, idpIssuer, "liaison", clock.NewFixed(now), o)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestJWKSAcceptsTheProvidersTokensForLiaison(t *testing.T) {
	t.Parallel()
	p := authtest.NewProvider(t, idpIssuer)
	p.AddKey(t, "rsa-1", jwt.SigningMethodRS256)
	p.AddKey(t, "ec-1", jwt.SigningMethodES256)
	v := jwksVerifier(t, p, pinned, auth.JWKSOptions{})

	for _, kid := range []string{"rsa-1", "ec-1"} {
		raw := p.Token(t, kid, "amina", "liaison", "org-7", pinned, time.Hour, auth.RoleNGO)
		id, err := v.Verify(context.Background(), raw)
		if err != nil {
			t.Fatalf("%s: %v", kid, err)
		}
		if id.Subject != "amina" || id.Org != "org-7" || !id.HasRole(auth.RoleNGO) {
			t.Errorf("%s: identity %+v", kid, id)
		}
	}
	if n := p.Fetches(); n != 1 {
		t.Errorf("key set fetched %d times for two tokens, want once (cached)", n)
	}
}

func TestJWKSRefusesForeignExpiredAndGarbageTokens(t *testing.T) {
	t.Parallel()
	p := authtest.NewProvider(t, idpIssuer)
	p.AddKey(t, "rsa-1", jwt.SigningMethodRS256)
	other := authtest.NewProvider(t, "https://elsewhere.example")
	other.AddKey(t, "rsa-1", jwt.SigningMethodRS256) // same kid, different key
	impostor := authtest.NewProvider(t, idpIssuer)
	impostor.AddKey(t, "rsa-1", jwt.SigningMethodRS256)
	v := jwksVerifier(t, p, pinned, auth.JWKSOptions{})

	tests := []struct {
		name    string
		raw     string
		expired bool
	}{
		{"other-audience", p.Token(t, "rsa-1", "olga", "another-app", "", pinned, time.Hour, auth.RoleOfficer), false},
		{"other-issuer", other.Token(t, "rsa-1", "olga", "liaison", "", pinned, time.Hour, auth.RoleOfficer), false},
		{"key-not-published", impostor.Token(t, "rsa-1", "olga", "liaison", "", pinned, time.Hour, auth.RoleOfficer), false},
		{"expired", p.Token(t, "rsa-1", "olga", "liaison", "", pinned.Add(-2*time.Hour), time.Hour, auth.RoleOfficer), true},
		{"not-yet-valid", p.Token(t, "rsa-1", "olga", "liaison", "", pinned.Add(time.Hour), time.Hour, auth.RoleOfficer), false},
		{"garbage", "eyJhbGciOiJSUzI1NiJ9.garbage.garbage", false},
	}
	for _, tt := range tests {
		_, err := v.Verify(context.Background(), tt.raw)
		if !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("%s: err = %v, want ErrInvalidToken", tt.name, err)
			continue
		}
		if got := errors.Is(err, auth.ErrTokenExpired); got != tt.expired {
			t.Errorf("%s: expired = %v, want %v", tt.name, got, tt.expired)
		}
	}
}

func TestJWKSPicksUpARotatedKeyOnce(t *testing.T) {
	t.Parallel()
	p := authtest.NewProvider(t, idpIssuer)
	p.AddKey(t, "2026-01", jwt.SigningMethodRS256)
	v := jwksVerifier(t, p, pinned, auth.JWKSOptions{UnknownKeyRefresh: time.Hour})
	if _, err := v.Verify(context.Background(), p.Token(t, "2026-01", "olga", "liaison", "", pinned, time.Hour, auth.RoleOfficer)); err != nil {
		t.Fatal(err)
	}

	p.AddKey(t, "2026-07", jwt.SigningMethodES256)
	rotated := p.Token(t, "2026-07", "olga", "liaison", "", pinned, time.Hour, auth.RoleOfficer)
	if _, err := v.Verify(context.Background(), rotated); err != nil {
		t.Fatalf("token signed with the new key refused: %v", err)
	}
	before := p.Fetches()
	// Made-up key ids must not make the verifier hammer the provider.
	for i := range 20 {
		forged := authtest.NewProvider(t, idpIssuer)
		kid := "forged-" + string(rune('a'+i))
		forged.AddKey(t, kid, jwt.SigningMethodES256)
		if _, err := v.Verify(context.Background(), forged.Token(t, kid, "x", "liaison", "", pinned, time.Hour, auth.RoleAdmin)); err == nil {
			t.Fatal("token with an unpublished key accepted")
		}
	}
	if n := p.Fetches() - before; n > 1 {
		t.Errorf("%d fetches for 20 unknown key ids, want at most 1 within the refresh interval", n)
	}
}

func TestJWKSVerifierNeedsAUsableConfiguration(t *testing.T) {
	t.Parallel()
	clk := clock.NewFixed(pinned)
	for _, tc := range []struct{ url, iss, aud string }{
		{"ftp://id.example/jwks", idpIssuer, "liaison"},
		{"not a url", idpIssuer, "liaison"},
		{"https://id.example/jwks", "", "liaison"},
		{"https://id.example/jwks", idpIssuer, ""},
	} {
		if _, err := auth.NewJWKSVerifier(context.Background(), tc.url, tc.iss, tc.aud, clk, auth.JWKSOptions{}); err == nil {
			t.Errorf("%+v accepted", tc)
		}
	}
}
