// Package authtest stands in for the identity provider in tests: it
// publishes a JWK set over HTTP and signs tokens with the matching private
// keys, so production token verification can be exercised without one.
package authtest

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"

	"github.com/un-liaison/liaison/platform/auth"
)

// Provider is a local identity provider with its JWKS endpoint at JWKSURL.
type Provider struct {
	Issuer  string
	JWKSURL string

	mu      sync.Mutex
	keys    map[string]signingKey
	set     *jwkset.MemoryJWKSet
	fetches atomic.Int32
}

type signingKey struct {
	method jwt.SigningMethod
	key    crypto.Signer
}

// NewProvider starts a provider for issuer; it stops with the test.
func NewProvider(t testing.TB, issuer string) *Provider {
	t.Helper()
	p := &Provider{Issuer: issuer, keys: map[string]signingKey{}, set: jwkset.NewMemoryStorage()}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.fetches.Add(1)
		body, err := p.set.JSONPublic(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/jwk-set+json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	p.JWKSURL = srv.URL + "/.well-known/jwks.json"
	return p
}

// AddKey makes a key named kid for method (RS256 or ES256) and publishes it.
func (p *Provider) AddKey(t testing.TB, kid string, method jwt.SigningMethod) {
	t.Helper()
	var (
		key crypto.Signer
		alg jwkset.ALG
		err error
	)
	switch method {
	case jwt.SigningMethodRS256:
		key, err = rsa.GenerateKey(rand.Reader, 2048)
		alg = jwkset.AlgRS256
	case jwt.SigningMethodES256:
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		alg = jwkset.AlgES256
	default:
		t.Fatalf("authtest: unsupported method %s", method.Alg())
	}
	if err != nil {
		t.Fatal(err)
	}
	jwk, err := jwkset.NewJWKFromKey(key.Public(), jwkset.JWKOptions{
		Metadata: jwkset.JWKMetadataOptions{KID: kid, ALG: alg, USE: jwkset.UseSig},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.set.KeyWrite(context.Background(), jwk); err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.keys[kid] = signingKey{method: method, key: key}
	p.mu.Unlock()
}

// Fetches counts how often the key set was downloaded.
func (p *Provider) Fetches() int { return int(p.fetches.Load()) }

// Token signs a token with key kid for subject, audience and roles, valid
// from now for ttl; org is the organization of an ngo user.
func (p *Provider) Token(t testing.TB, kid, subject, audience, org string, now time.Time, ttl time.Duration, roles ...auth.Role) string {
	t.Helper()
	p.mu.Lock()
	k, ok := p.keys[kid]
	p.mu.Unlock()
	if !ok {
		t.Fatalf("authtest: no key %q", kid)
	}
	c := auth.Claims{
		Roles: roles,
		Org:   org,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   subject,
			Issuer:    p.Issuer,
			Audience:  jwt.ClaimStrings{audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
	}
	return p.sign(t, k, kid, c)
}

// TokenWith signs claims as they are, beside the registered ones (issuer, audience, times),
// for providers that carry roles and organization in claims of their own.
func (p *Provider) TokenWith(t testing.TB, kid, subject, audience string, now time.Time, ttl time.Duration, claims map[string]any) string {
	t.Helper()
	p.mu.Lock()
	k, ok := p.keys[kid]
	p.mu.Unlock()
	if !ok {
		t.Fatalf("authtest: no key %q", kid)
	}
	c := jwt.MapClaims{
		"sub": subject, "iss": p.Issuer, "aud": []string{audience},
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(ttl).Unix(),
	}
	for name, v := range claims {
		c[name] = v
	}
	return p.sign(t, k, kid, c)
}

func (p *Provider) sign(t testing.TB, k signingKey, kid string, c jwt.Claims) string {
	t.Helper()
	tok := jwt.NewWithClaims(k.method, c)
	tok.Header["kid"] = kid
	raw, err := tok.SignedString(k.key)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
