package credjwt

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// secretFile is where a development system keeps its sealing secret when
// LIAISON_CREDENTIAL_KEY_SECRET is not set, beside the dev token key.
const secretFile = "credential-key-secret"

// Secret decodes the sealing secret (base64 of 32 bytes) or, when it is
// empty, loads the data directory's own, making one on first use. The
// second answer says whether the data directory's was used, so production
// can warn that keys are only as safe as that directory.
func Secret(setting, dataDir string) ([]byte, bool, error) {
	if setting != "" {
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(setting))
		if err != nil || len(b) != 32 {
			return nil, false, errors.New("LIAISON_CREDENTIAL_KEY_SECRET must be the base64 of 32 random bytes (openssl rand -base64 32)")
		}
		return b, false, nil
	}
	path := filepath.Join(dataDir, secretFile)
	if b, err := os.ReadFile(path); err == nil {
		s, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || len(s) != 32 {
			return nil, true, fmt.Errorf("%s is not the base64 of 32 bytes", path)
		}
		return s, true, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, true, err
	}
	s := make([]byte, 32)
	if _, err := rand.Read(s); err != nil {
		return nil, true, err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, true, err
	}
	// O_EXCL: when two processes start together, one writes and the other
	// reads what it wrote.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return Secret("", dataDir)
	}
	if err != nil {
		return nil, true, err
	}
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(s) + "\n"); err != nil {
		_ = f.Close()
		return nil, true, err
	}
	return s, true, f.Close()
}
