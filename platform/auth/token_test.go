package auth_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
)

var pinned = time.Date(2025, 5, 19, 9, 0, 0, 0, time.UTC)

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func devClaims(sub string, roles ...auth.Role) auth.Claims {
	return auth.Claims{
		Roles: roles,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:  sub,
			Issuer:   "liaison-dev",
			Audience: jwt.ClaimStrings{"liaison"},
		},
	}
}

func TestIssueAndVerifyRoundTrip(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	c := devClaims("amina@ngo.example", auth.RoleNGO)
	c.Org = "org-42"
	raw, err := auth.IssueDevToken(key, c, time.Hour, pinned)
	if err != nil {
		t.Fatal(err)
	}
	v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(pinned.Add(10*time.Minute)))
	id, err := v.Verify(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	if id.Subject != "amina@ngo.example" || id.Org != "org-42" || !id.HasRole(auth.RoleNGO) || id.HasRole(auth.RoleOfficer) {
		t.Fatalf("identity = %+v", id)
	}
}

func TestVerifyRejects(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	issue := func(c auth.Claims, ttl time.Duration, at time.Time) string {
		raw, err := auth.IssueDevToken(key, c, ttl, at)
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	officer := devClaims("olga", auth.RoleOfficer)
	otherIssuer := officer
	otherIssuer.Issuer = "someone-else"
	otherAudience := officer
	otherAudience.Audience = jwt.ClaimStrings{"another-app"}

	hs256, err := jwt.NewWithClaims(jwt.SigningMethodHS256, officer).SignedString([]byte("shared secret"))
	if err != nil {
		t.Fatal(err)
	}
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, officer).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		raw     string
		now     time.Time
		expired bool
	}{
		{"expired", issue(officer, time.Hour, pinned), pinned.Add(time.Hour + time.Minute), true},
		{"not-yet-valid", issue(officer, time.Hour, pinned), pinned.Add(-time.Minute), false},
		{"other-key", func() string {
			raw, _ := auth.IssueDevToken(newKey(t), officer, time.Hour, pinned)
			return raw
		}(), pinned, false},
		{"other-issuer", issue(otherIssuer, time.Hour, pinned), pinned, false},
		{"other-audience", issue(otherAudience, time.Hour, pinned), pinned, false},
		{"hs256-alg", hs256, pinned, false},
		{"none-alg", none, pinned, false},
		{"garbage", "not.a.token", pinned, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(tt.now))
			_, err := v.Verify(context.Background(), tt.raw)
			if !errors.Is(err, auth.ErrInvalidToken) {
				t.Fatalf("err = %v, want ErrInvalidToken", err)
			}
			if got := errors.Is(err, auth.ErrTokenExpired); got != tt.expired {
				t.Fatalf("expired = %v, want %v (%v)", got, tt.expired, err)
			}
		})
	}
}

func TestVerifyAllowsThirtySecondsOfDrift(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	raw, err := auth.IssueDevToken(key, devClaims("olga", auth.RoleOfficer), time.Minute, pinned)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{pinned.Add(-20 * time.Second), pinned.Add(time.Minute + 20*time.Second)} {
		v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(at))
		if _, err := v.Verify(context.Background(), raw); err != nil {
			t.Errorf("at %v: %v, want accepted within leeway", at, err)
		}
	}
}

func TestVerifyDropsUnknownRoles(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	c := devClaims("olga", auth.RoleOfficer)
	c.IssuedAt, c.NotBefore, c.ExpiresAt = jwt.NewNumericDate(pinned), jwt.NewNumericDate(pinned), jwt.NewNumericDate(pinned.Add(time.Hour))
	c.Roles = append(c.Roles, "superuser")
	raw, err := jwt.NewWithClaims(jwt.SigningMethodES256, c).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	id, err := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(pinned)).Verify(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(id.Roles, []auth.Role{auth.RoleOfficer}) {
		t.Fatalf("roles = %v", id.Roles)
	}
}

func TestIssueRejectsIncompleteClaims(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	ngoWithoutOrg := devClaims("amina", auth.RoleNGO)
	tests := []struct {
		name string
		c    auth.Claims
		ttl  time.Duration
		want string
	}{
		{"no-subject", devClaims("", auth.RoleOfficer), time.Hour, "subject"},
		{"no-role", devClaims("olga"), time.Hour, "role"},
		{"unknown-role", devClaims("olga", "chair"), time.Hour, "unknown role"},
		{"ngo-without-org", ngoWithoutOrg, time.Hour, "org"},
		{"zero-ttl", devClaims("olga", auth.RoleOfficer), 0, "lifetime"},
	}
	for _, tt := range tests {
		if _, err := auth.IssueDevToken(key, tt.c, tt.ttl, pinned); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one mentioning %q", tt.name, err, tt.want)
		}
	}
}

func TestParseRole(t *testing.T) {
	t.Parallel()
	for _, r := range auth.Roles {
		if got, err := auth.ParseRole(string(r)); err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	if _, err := auth.ParseRole("Officer"); err == nil {
		t.Error("roles are case-sensitive; Officer accepted")
	}
}

func TestIdentityInContext(t *testing.T) {
	t.Parallel()
	if _, ok := auth.FromContext(context.Background()); ok {
		t.Fatal("empty context has an identity")
	}
	want := auth.Identity{Subject: "olga", Roles: []auth.Role{auth.RoleOfficer, auth.RoleAdmin}}
	got, ok := auth.FromContext(auth.WithIdentity(context.Background(), want))
	if !ok || got.Subject != "olga" || !got.HasAnyRole(auth.RoleCommittee, auth.RoleAdmin) || got.HasAnyRole(auth.RoleNGO) {
		t.Fatalf("FromContext = %+v, %v", got, ok)
	}
}
