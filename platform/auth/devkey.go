package auth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// DevKeyFile is the dev signing key's file name inside the data directory.
const DevKeyFile = "dev-signing-key.pem"

// LoadOrCreateDevKey returns the ES256 key that signs and verifies dev
// tokens, kept in <dataDir>/dev-signing-key.pem (mode 0600) and made on first
// use. The dev runner, each service binary and the token command all call
// it, possibly at the same moment; the file is written aside and linked into
// place, so exactly one key wins and every process ends up using it.
func LoadOrCreateDevKey(dataDir string) (*ecdsa.PrivateKey, error) {
	path := filepath.Join(dataDir, DevKeyFile)
	key, err := readDevKey(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("auth: dev key directory: %w", err)
	}
	key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("auth: generating dev key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("auth: encoding dev key: %w", err)
	}
	tmp, err := os.CreateTemp(dataDir, ".dev-signing-key-*.pem") // created 0600
	if err != nil {
		return nil, fmt.Errorf("auth: writing dev key: %w", err)
	}
	defer os.Remove(tmp.Name())
	werr := pem.Encode(tmp, &pem.Block{Type: "PRIVATE KEY", Bytes: der})
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return nil, fmt.Errorf("auth: writing dev key: %w", werr)
	}
	// Link, unlike rename, fails when the file exists: a process that lost
	// the race reads the winner's key instead of replacing it.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return readDevKey(path)
		}
		return nil, fmt.Errorf("auth: installing dev key: %w", err)
	}
	return key, nil
}

func readDevKey(path string) (*ecdsa.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("auth: reading dev key: %w", err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("auth: %s holds no PEM block", path)
	}
	var parsed any
	switch block.Type {
	case "PRIVATE KEY":
		parsed, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		parsed, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		return nil, fmt.Errorf("auth: %s holds a %q block, want a private key", path, block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("auth: parsing %s: %w", path, err)
	}
	key, ok := parsed.(*ecdsa.PrivateKey)
	if !ok || key.Curve != elliptic.P256() {
		return nil, fmt.Errorf("auth: %s is not a P-256 key, which ES256 needs", path)
	}
	return key, nil
}
