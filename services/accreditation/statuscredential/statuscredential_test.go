package statuscredential_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/un-liaison/liaison/services/accreditation/statuscredential"
)

func TestStatusListRoundTrip(t *testing.T) {
	revoked := []uint64{0, 7, 8, 1000, 99_999}
	l, err := statuscredential.EncodeStatusList(100_000, revoked)
	if err != nil {
		t.Fatal(err)
	}
	set := map[uint64]bool{}
	for _, i := range revoked {
		set[i] = true
	}
	for _, i := range []uint64{0, 1, 6, 7, 8, 9, 999, 1000, 1001, 99_998, 99_999} {
		got, err := l.Revoked(i)
		if err != nil || got != set[i] {
			t.Fatalf("index %d: revoked %v (%v), want %v", i, got, err, set[i])
		}
	}
	// 100,000 entries, five set: the compressed list stays small.
	if len(l.List) > 200 {
		t.Fatalf("list of %d characters", len(l.List))
	}
	if _, err := l.Revoked(100_000); !errors.Is(err, statuscredential.ErrIndexOutsideList) {
		t.Fatalf("index past the end: %v", err)
	}
	if _, err := statuscredential.EncodeStatusList(8, []uint64{8}); err == nil {
		t.Fatal("an index outside the list was encoded")
	}
}

type fixture struct {
	key   statuscredential.Key
	keys  jose.JSONWebKeySet
	token string
	now   time.Time
}

func newFixture(tb testing.TB) fixture {
	tb.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	key := statuscredential.Key{ID: "key_1", Private: priv}
	now := time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)
	tok, err := statuscredential.SignCredential(key, claims(now))
	if err != nil {
		tb.Fatal(err)
	}
	return fixture{key: key, keys: jose.JSONWebKeySet{Keys: []jose.JSONWebKey{key.PublicJWK()}}, token: tok, now: now}
}

func claims(now time.Time) statuscredential.Claims {
	return statuscredential.NewClaims("https://liaison.example", statuscredential.Subject{ID: "org_a", Name: "Alpha",
		ConsultativeStatus: statuscredential.ConsultativeStatus{Category: "SPECIAL", State: "ACTIVE", GrantedOn: "2019-07-25",
			DecisionSymbol: "E/2019/232", NextReportDue: "2031-06-01"}},
		"cred_1", now.Unix(), now.Add(72*time.Hour).Unix(), statuscredential.StatusListRef{Index: 4, URI: "https://liaison.example/v1/credentialStatusList"})
}

func TestCredentialValidity(t *testing.T) {
	f := newFixture(t)
	if _, err := statuscredential.VerifyCredential(f.token, f.keys, f.now.Add(time.Hour)); err != nil {
		t.Fatalf("valid: %v", err)
	}
	if _, err := statuscredential.VerifyCredential(f.token, f.keys, f.now.Add(-time.Minute)); !errors.Is(err, statuscredential.ErrInvalid) {
		t.Fatalf("before its time: %v", err)
	}
	if v, err := statuscredential.VerifyCredential(f.token, f.keys, f.now.Add(72*time.Hour)); !errors.Is(err, statuscredential.ErrExpired) || v.Claims.ID != "cred_1" {
		t.Fatalf("expired: %v %v", v, err)
	}
	if _, err := statuscredential.VerifyCredential(f.token, jose.JSONWebKeySet{}, f.now); !errors.Is(err, statuscredential.ErrInvalid) {
		t.Fatalf("no keys: %v", err)
	}
	// A status list token is not a credential, even when signed by the same key.
	l, _ := statuscredential.EncodeStatusList(8, nil)
	list, err := statuscredential.SignStatusList(f.key, statuscredential.StatusListClaims{Subject: "x", IssuedAt: f.now.Unix(), StatusList: l})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := statuscredential.VerifyCredential(list, f.keys, f.now); !errors.Is(err, statuscredential.ErrInvalid) {
		t.Fatalf("a status list taken for a credential: %v", err)
	}
	if _, err := statuscredential.VerifyStatusList(list, f.keys, "another list", f.now); !errors.Is(err, statuscredential.ErrInvalid) {
		t.Fatalf("a list for another URI: %v", err)
	}
}

// BenchmarkSignCredential is the signature alone: ES256 over the claims.
func BenchmarkSignCredential(b *testing.B) {
	f := newFixture(b)
	c := claims(f.now)
	for b.Loop() {
		if _, err := statuscredential.SignCredential(f.key, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyCredential is an offline check with the published keys.
func BenchmarkVerifyCredential(b *testing.B) {
	f := newFixture(b)
	at := f.now.Add(time.Hour)
	for b.Loop() {
		if _, err := statuscredential.VerifyCredential(f.token, f.keys, at); err != nil {
			b.Fatal(err)
		}
	}
}
