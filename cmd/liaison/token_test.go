package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
)

func TestTokenIsAcceptedByTheDevSystem(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LIAISON_DATA_DIR", dir)
	t.Setenv("LIAISON_NOW", "2028-03-01T09:00:00Z")
	t.Setenv("LIAISON_DEV_MODE", "1")
	var out bytes.Buffer
	if err := runToken(&out, []string{"--role", "ngo", "--org", "org_123", "--ttl", "2h"}); err != nil {
		t.Fatal(err)
	}
	key, err := auth.LoadOrCreateDevKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	pinned := time.Date(2028, 3, 1, 9, 0, 0, 0, time.UTC)
	v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(pinned.Add(time.Hour)))
	id, err := v.Verify(context.Background(), strings.TrimSpace(out.String()))
	if err != nil {
		t.Fatalf("the dev system refuses the token: %v", err)
	}
	if id.Org != "org_123" || !slices.Contains(id.Roles, auth.RoleNGO) || id.Subject != "dev-ngo" {
		t.Errorf("identity = %+v", id)
	}
	late := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(pinned.Add(3*time.Hour)))
	if _, err := late.Verify(context.Background(), strings.TrimSpace(out.String())); err == nil {
		t.Error("a token past its --ttl is still accepted")
	}
}

func TestTokenRefusesOutsideDevMode(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LIAISON_DATA_DIR", dir)
	for name, env := range map[string]map[string]string{
		"neither":           {"LIAISON_DEV_MODE": "", "LIAISON_JWKS_URL": ""},
		"identity provider": {"LIAISON_DEV_MODE": "", "LIAISON_JWKS_URL": "https://id.un.example/jwks"},
	} {
		t.Run(name, func(t *testing.T) {
			for k, v := range env {
				t.Setenv(k, v)
			}
			err := runToken(&bytes.Buffer{}, []string{"--role", "admin"})
			if err == nil || !strings.Contains(err.Error(), "LIAISON_DEV_MODE") {
				t.Fatalf("liaison token outside dev mode: err = %v, want a refusal naming LIAISON_DEV_MODE", err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, auth.DevKeyFile)); err == nil {
		t.Error("the refused token command made a dev key")
	}
}

func TestTokenRefusesWhatCannotWork(t *testing.T) {
	t.Setenv("LIAISON_DATA_DIR", t.TempDir())
	t.Setenv("LIAISON_DEV_MODE", "1")
	for name, args := range map[string][]string{
		"no role":      {},
		"unknown role": {"--role", "superuser"},
		"negative ttl": {"--role", "officer", "--ttl", "-1h"},
	} {
		t.Run(name, func(t *testing.T) {
			if err := runToken(&bytes.Buffer{}, args); err == nil {
				t.Errorf("liaison token %v succeeded", args)
			}
		})
	}
}
