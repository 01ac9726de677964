package app

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Page tokens are the keyset cursor plus a digest of the filters, signed,
// so that a token cannot be edited and cannot be reused with other filters.
// The key only has to be stable across replicas and restarts; tokens are
// not secrets, only tamper-evident.
var pageTokenKey = sha256.Sum256([]byte("liaison/accreditation/page-token/v1"))

// Page sizes: 0 means 50, at most 500.
const (
	defaultPageSize = 50
	maxPageSize     = 500
)

func pageSize(n int) int {
	switch {
	case n <= 0:
		return defaultPageSize
	case n > maxPageSize:
		return maxPageSize
	}
	return n
}

type tokenBody struct {
	Filter []byte          `json:"f"`
	Cursor json.RawMessage `json:"c"`
}

func filterDigest(filter any) []byte {
	b, _ := json.Marshal(filter)
	sum := sha256.Sum256(b)
	return sum[:12]
}

func encodePageToken(filter, cursor any) string {
	c, _ := json.Marshal(cursor)
	body, _ := json.Marshal(tokenBody{Filter: filterDigest(filter), Cursor: c})
	mac := hmac.New(sha256.New, pageTokenKey[:])
	mac.Write(body)
	return base64.RawURLEncoding.EncodeToString(append(mac.Sum(nil)[:16], body...))
}

func decodePageToken(token string, filter, cursor any) error {
	bad := domain.Invalid("page_token", "is not a token this list returned for these filters")
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) < 17 {
		return bad
	}
	mac := hmac.New(sha256.New, pageTokenKey[:])
	mac.Write(raw[16:])
	if !hmac.Equal(mac.Sum(nil)[:16], raw[:16]) {
		return bad
	}
	var body tokenBody
	if err := json.Unmarshal(raw[16:], &body); err != nil || !hmac.Equal(body.Filter, filterDigest(filter)) {
		return bad
	}
	if err := json.Unmarshal(body.Cursor, cursor); err != nil {
		return bad
	}
	return nil
}
