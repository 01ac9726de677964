package app

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
)

var idEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// NewID returns an opaque, URL-safe id with a type prefix (e.g. "evt_"). Its first characters
// follow wall time so that ids sort roughly by creation, which keeps index pages warm; the rest is
// random so that ids cannot be guessed.
func NewID(prefix string) string {
	var b [15]byte
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixMilli())<<16)
	_, _ = rand.Read(b[6:])
	return prefix + "_" + strings.ToLower(idEncoding.EncodeToString(b[:]))
}
