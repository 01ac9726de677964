package statuscredential

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
)

// StatusList is the "status_list" claim of a status list token: one bit per
// credential (bits = 1), set when the credential is revoked, packed so that
// index 0 is the least significant bit of the first byte, compressed with
// zlib (DEFLATE) and base64url-encoded without padding.
type StatusList struct {
	Bits int    `json:"bits"`
	List string `json:"lst"`
}

// StatusListClaims is the claim set of a status list token.
type StatusListClaims struct {
	// Subject is the list's URI, as credentials name it.
	Subject  string `json:"sub"`
	Issuer   string `json:"iss,omitempty"`
	IssuedAt int64  `json:"iat"`
	// Expiry bounds how long a verifier may rely on this copy.
	Expiry int64 `json:"exp,omitempty"`
	// TTL is how many seconds a verifier may cache it.
	TTL        int64      `json:"ttl,omitempty"`
	StatusList StatusList `json:"status_list"`
}

// maxListBytes bounds a decompressed list: 64 Mi credentials, far more than
// will ever be issued, while a hostile list cannot exhaust memory.
const maxListBytes = 8 << 20

// EncodeStatusList packs size bits, with the given indices set.
func EncodeStatusList(size uint64, revoked []uint64) (StatusList, error) {
	n := (size + 7) / 8
	if n == 0 {
		n = 1
	}
	if n > maxListBytes {
		return StatusList{}, fmt.Errorf("status list of %d entries is too long", size)
	}
	raw := make([]byte, n)
	for _, i := range revoked {
		if i >= n*8 {
			return StatusList{}, fmt.Errorf("index %d outside a list of %d", i, size)
		}
		raw[i/8] |= 1 << (i % 8)
	}
	var buf bytes.Buffer
	w, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	if _, err := w.Write(raw); err != nil {
		return StatusList{}, err
	}
	if err := w.Close(); err != nil {
		return StatusList{}, err
	}
	return StatusList{Bits: 1, List: base64.RawURLEncoding.EncodeToString(buf.Bytes())}, nil
}

// ErrIndexOutsideList means the credential's index is not in the list, which
// a list issued after the credential never does: the list is not the one
// the credential names.
var ErrIndexOutsideList = errors.New("the credential's index is outside the status list")

// Revoked reports whether the entry at index is set.
func (l StatusList) Revoked(index uint64) (bool, error) {
	if l.Bits != 1 {
		return false, fmt.Errorf("status list with %d bits per entry: only 1 is used", l.Bits)
	}
	z, err := base64.RawURLEncoding.DecodeString(l.List)
	if err != nil {
		return false, fmt.Errorf("status list encoding: %w", err)
	}
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return false, fmt.Errorf("status list compression: %w", err)
	}
	raw, err := io.ReadAll(io.LimitReader(r, maxListBytes+1))
	if err != nil {
		return false, fmt.Errorf("status list compression: %w", err)
	}
	if len(raw) > maxListBytes {
		return false, errors.New("status list too long")
	}
	if index/8 >= uint64(len(raw)) {
		return false, ErrIndexOutsideList
	}
	return raw[index/8]&(1<<(index%8)) != 0, nil
}
