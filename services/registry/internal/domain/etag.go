package domain

import (
	"crypto/sha256"
	"encoding/base32"
	"strconv"
)

// MakeEtag derives an opaque version from a record's id and write count: it changes on every write,
// and callers cannot guess the next one or mistake one record's etag for another's.
func MakeEtag(id string, revision int64) string {
	sum := sha256.Sum256([]byte(id + "\x00" + strconv.FormatInt(revision, 10)))
	return `"` + base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:10]) + `"`
}
