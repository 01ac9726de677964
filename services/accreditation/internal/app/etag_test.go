package app_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"testing"

	"github.com/un-liaison/liaison/services/accreditation/internal/app"
)

// Etags already handed out must keep matching: the value is the first 8
// bytes of SHA-256("<id>#<revision>") in hex, quoted.
func TestETagIsTheDocumentedDigest(t *testing.T) {
	for _, c := range []struct {
		id  string
		rev int64
	}{{"org_1", 1}, {"app_01hx5d0v6c8k9m2n3p4q5r6s7t", 42}, {"", 0}, {string(make([]byte, 300)), 9}} {
		sum := sha256.Sum256([]byte(c.id + "#" + strconv.FormatInt(c.rev, 10)))
		if want, got := `"`+hex.EncodeToString(sum[:8])+`"`, app.ETag(c.id, c.rev); got != want {
			t.Errorf("ETag(%q, %d) = %s, want %s", c.id, c.rev, got, want)
		}
	}
}
