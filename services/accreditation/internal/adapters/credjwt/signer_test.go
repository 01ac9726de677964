package credjwt_test

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/credjwt"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

func newKey(t *testing.T, s *credjwt.Signer, id string) domain.CredentialKey {
	t.Helper()
	jwk, sealed, err := s.NewKey(id)
	if err != nil {
		t.Fatal(err)
	}
	return domain.DefaultCredentialPolicy.NewCredentialKey(id, "ES256", jwk, sealed, time.Now())
}

// The private key is never stored in the clear, opens only with the same
// secret, and only under the key id it was sealed for.
func TestSealedKeys(t *testing.T) {
	secret := bytes.Repeat([]byte{7}, 32)
	links := credjwt.LinksFor("https://liaison.example/")
	s, err := credjwt.New(secret, links)
	if err != nil {
		t.Fatal(err)
	}
	k := newKey(t, s, "key_a")
	if strings.Contains(k.PublicJWK, `"d"`) {
		t.Fatalf("the public JWK carries the private part: %s", k.PublicJWK)
	}
	now := time.Now().Truncate(time.Second)
	c := domain.Credential{ID: "cred_1", OrganizationID: "org_a", KeyID: "key_a", IssueTime: now, ExpireTime: now.Add(time.Hour),
		Status: domain.Status{Category: domain.CategoryRoster, State: domain.StatusActive, GrantedOn: domain.NewDate(2001, 1, 2), DecisionRef: "E/2001/1"}}
	tok, err := s.Sign(k, c)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Verify(tok, []domain.CredentialKey{k})
	if err != nil || got.ID != "cred_1" || got.Status.Category != domain.CategoryRoster || got.Status.GrantedOn != domain.NewDate(2001, 1, 2) || !got.ExpireTime.Equal(c.ExpireTime) {
		t.Fatalf("round trip: %+v %v", got, err)
	}

	other, _ := credjwt.New(bytes.Repeat([]byte{8}, 32), links)
	if _, err := other.Sign(k, c); err == nil {
		t.Fatal("a key opened with another secret")
	}
	moved := k
	moved.ID = "key_b"
	fresh, _ := credjwt.New(secret, links)
	if _, err := fresh.Sign(moved, c); err == nil {
		t.Fatal("a sealed key opened under another key id")
	}
	// A credential naming another issuer's status list is not ours, even with our key.
	foreign, _ := credjwt.New(secret, credjwt.LinksFor("https://elsewhere.example"))
	if _, err := foreign.Verify(tok, []domain.CredentialKey{k}); err == nil {
		t.Fatal("accepted a credential of another issuer")
	}
	if _, err := credjwt.New(secret[:16], links); err == nil {
		t.Fatal("a 16-byte secret was accepted")
	}
}

func TestSecretFromSettingOrDataDir(t *testing.T) {
	dir := t.TempDir()
	want := bytes.Repeat([]byte{1}, 32)
	got, fromDir, err := credjwt.Secret(base64.StdEncoding.EncodeToString(want), dir)
	if err != nil || fromDir || !bytes.Equal(got, want) {
		t.Fatalf("from the setting: %v %v %v", got, fromDir, err)
	}
	if _, _, err := credjwt.Secret("c2hvcnQ=", dir); err == nil {
		t.Fatal("a short secret was accepted")
	}
	first, fromDir, err := credjwt.Secret("", dir)
	if err != nil || !fromDir || len(first) != 32 {
		t.Fatalf("made in the data directory: %v %v", fromDir, err)
	}
	info, err := os.Stat(filepath.Join(dir, "credential-key-secret"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("secret file: %v %v", info, err)
	}
	again, _, err := credjwt.Secret("", dir)
	if err != nil || !bytes.Equal(first, again) {
		t.Fatal("a restart made a new secret: keys sealed before would not open")
	}
}
