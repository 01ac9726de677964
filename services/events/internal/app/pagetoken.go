package app

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// pageTokenKey signs page tokens. It only has to make tokens tamper-evident and bound to their
// filters (a token is a position, not a secret), so a fixed per-service key is enough and keeps
// tokens valid across restarts and replicas.
var pageTokenKey = sha256.Sum256([]byte("liaison-events/page-token/v1"))

type pageToken struct {
	Cursor Cursor `json:"c"`
	Filter string `json:"f"`
}

// DefaultPageSize and MaxPageSize follow the API conventions.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// pageSize applies the default and the cap.
func pageSize(n int) int {
	switch {
	case n <= 0:
		return DefaultPageSize
	case n > MaxPageSize:
		return MaxPageSize
	}
	return n
}

// filterFingerprint binds a token to the filters it was issued for.
func filterFingerprint(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}

func encodePageToken(c Cursor, filter any) string {
	body, _ := json.Marshal(pageToken{Cursor: c, Filter: filterFingerprint(filter)})
	mac := hmac.New(sha256.New, pageTokenKey[:])
	mac.Write(body)
	return base64.RawURLEncoding.EncodeToString(append(body, mac.Sum(nil)[:16]...))
}

func decodePageToken(tok string, filter any) (*Cursor, error) {
	if tok == "" {
		return nil, nil
	}
	bad := domain.Invalid("page_token", "does not come from a previous call with the same filters")
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(raw) < 17 {
		return nil, bad
	}
	body, sig := raw[:len(raw)-16], raw[len(raw)-16:]
	mac := hmac.New(sha256.New, pageTokenKey[:])
	mac.Write(body)
	if !hmac.Equal(sig, mac.Sum(nil)[:16]) {
		return nil, bad
	}
	var pt pageToken
	if err := json.Unmarshal(body, &pt); err != nil || pt.Filter != filterFingerprint(filter) {
		return nil, bad
	}
	return &pt.Cursor, nil
}

// listPage reads one page of a list: it decodes token against filter (a token pages only the
// filter that issued it), asks list for one item more than the page so that it knows whether
// another follows, and makes the next token from the last item kept.
func listPage[T any](token string, size int, filter any, list func(Page) ([]T, int, error), cursorOf func(T) Cursor) (items []T, next string, total int, err error) {
	after, err := decodePageToken(token, filter)
	if err != nil {
		return nil, "", 0, err
	}
	size = pageSize(size)
	items, total, err = list(Page{Size: size + 1, After: after})
	if err != nil {
		return nil, "", 0, err
	}
	if len(items) <= size {
		return items, "", total, nil
	}
	items = items[:size]
	return items, encodePageToken(cursorOf(items[size-1]), filter), total, nil
}
