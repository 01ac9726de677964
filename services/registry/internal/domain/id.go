package domain

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
)

var idEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// NewID makes an opaque, URL-safe id with a short prefix naming the kind of record ("org", "com",
// "fp", "par"). The leading timestamp keeps ids of one kind roughly in creation order, which makes
// index pages fill evenly; the random tail makes them unguessable.
func NewID(prefix string, now time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(now.UnixMilli()))
	_, _ = rand.Read(b[8:])
	return prefix + "_" + strings.ToLower(idEncoding.EncodeToString(b[2:]))
}
