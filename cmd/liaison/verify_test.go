package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/un-liaison/liaison/services/accreditation/statuscredential"
)

// TestVerifyOffline checks a credential from files alone: the JWKS and a
// saved status list, as a security desk without a network would.
func TestVerifyOffline(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	key := statuscredential.Key{ID: "key_1", Private: priv}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	jwks, err := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{key.PublicJWK()}})
	if err != nil {
		t.Fatal(err)
	}
	keysFile := write("keys.json", jwks)
	issued := time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)
	const listURI = "https://liaison.example/v1/credentialStatusList"
	subject := statuscredential.Subject{ID: "org_a", Name: "Alpha Alliance", ConsultativeStatus: statuscredential.ConsultativeStatus{
		Category: "SPECIAL", State: "ACTIVE", GrantedOn: "2019-07-25", DecisionSymbol: "E/2019/232"}}
	tok, err := statuscredential.SignCredential(key, statuscredential.NewClaims("https://liaison.example", subject, "cred_1",
		issued.Unix(), issued.Add(72*time.Hour).Unix(), statuscredential.StatusListRef{Index: 3, URI: listURI}))
	if err != nil {
		t.Fatal(err)
	}
	list := func(name string, revoked ...uint64) string {
		l, err := statuscredential.EncodeStatusList(16, revoked)
		if err != nil {
			t.Fatal(err)
		}
		signed, err := statuscredential.SignStatusList(key, statuscredential.StatusListClaims{Subject: listURI, IssuedAt: issued.Unix(), StatusList: l})
		if err != nil {
			t.Fatal(err)
		}
		return write(name, []byte(signed))
	}
	good, revoked := list("good.jwt", 1, 2), list("revoked.jwt", 3)
	at := "--at=" + issued.Add(time.Hour).Format(time.RFC3339)

	var out strings.Builder
	if err := runVerify(&out, nil, []string{"--keys", keysFile, "--status-list", good, at, tok}); err != nil {
		t.Fatalf("valid credential refused: %v", err)
	}
	if !strings.Contains(out.String(), "Alpha Alliance (org_a)") || !strings.Contains(out.String(), "not revoked") {
		t.Fatalf("output:\n%s", out.String())
	}
	var refused errRefused
	if err := runVerify(&out, nil, []string{"--keys", keysFile, "--status-list", revoked, at, tok}); !errors.As(err, &refused) || !strings.Contains(err.Error(), "revoked") {
		t.Fatalf("revoked credential: %v", err)
	}
	if err := runVerify(&out, strings.NewReader(tok), []string{"--keys", keysFile, "--at=2027-03-14T15:00:00Z", "-"}); !errors.Is(err, statuscredential.ErrExpired) {
		t.Fatalf("expired credential: %v", err)
	}
	parts := strings.Split(tok, ".")
	parts[2] = parts[2][:10] + strings.Repeat("A", len(parts[2])-10)
	if err := runVerify(&out, nil, []string{"--keys", keysFile, at, strings.Join(parts, ".")}); !errors.Is(err, statuscredential.ErrInvalid) {
		t.Fatalf("altered signature: %v", err)
	}
}
