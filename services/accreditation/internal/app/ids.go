package app

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// crockford is lower-case Crockford base32: URL-safe, no padding, and no
// letters that read like digits.
var crockford = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// NewID returns prefix_ followed by 26 characters: 48 bits of milliseconds
// (so ids sort roughly by creation) and 80 random bits.
func NewID(prefix string, now time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(now.UnixMilli())<<16)
	_, _ = rand.Read(b[6:])
	return prefix + "_" + crockford.EncodeToString(b[:])
}

// ETag is the opaque version of a resource: it changes with every write
// (the revision) and does not reveal the revision count.
func ETag(id string, revision int64) string {
	// Built in stack buffers so that the string returned is the only
	// allocation: every status a batch lookup returns carries an etag.
	var in [128]byte
	sum := sha256.Sum256(strconv.AppendInt(append(append(in[:0], id...), '#'), revision, 10))
	var out [2 + 2*8]byte
	out[0], out[len(out)-1] = '"', '"'
	hex.Encode(out[1:len(out)-1], sum[:8])
	return string(out[:])
}

// etagMatches compares a client etag with the current one, accepting it
// with or without quotes and a weak prefix as HTTP clients send them.
func etagMatches(client, id string, revision int64) bool {
	norm := func(s string) string { return strings.Trim(strings.TrimPrefix(s, "W/"), `"`) }
	return norm(client) == norm(ETag(id, revision))
}
