// Package pagetoken is the one page-token format of the liaison services. A token carries the
// keyset cursor of the last item of a page, and is signed and bound to the filters and order of
// the request that produced it, so an altered token, or one replayed with other filters, is
// refused rather than silently paging the wrong result set. Tokens are opaque to callers.
package pagetoken

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
)

// ErrInvalid is returned for a token that was altered, truncated, or produced by a request with
// other filters or another order.
var ErrInvalid = errors.New("page_token is not valid for this request: send the next_page_token of the previous page with the same filters and order")

// Codec signs and checks tokens with one key. The key only needs to be stable across replicas and
// restarts; tokens carry no secret, the signature only proves they came from this service unchanged.
type Codec struct {
	key []byte
}

// New returns a codec signing with key.
func New(key []byte) Codec { return Codec{key: key} }

// ForService returns the codec of one service, with a key derived from its name: a token of one
// service is refused by another.
func ForService(name string) Codec {
	sum := sha256.Sum256([]byte("liaison/" + name + "/page-token/v2"))
	return New(sum[:])
}

type envelope struct {
	Cursor json.RawMessage `json:"c"`
	Mac    []byte          `json:"m"`
}

// Encode makes the token for cursor under filter: any value that encodes as JSON and names the
// filters and order of the request (a fingerprint string, or the filter struct itself).
func (c Codec) Encode(filter, cursor any) (string, error) {
	raw, err := json.Marshal(cursor)
	if err != nil {
		return "", err
	}
	mac, err := c.mac(filter, raw)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(envelope{Cursor: raw, Mac: mac})
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// Decode checks the token against filter and fills cursor.
func (c Codec) Decode(token string, filter, cursor any) error {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return ErrInvalid
	}
	var env envelope
	if err := json.Unmarshal(b, &env); err != nil {
		return ErrInvalid
	}
	mac, err := c.mac(filter, env.Cursor)
	if err != nil || !hmac.Equal(env.Mac, mac) {
		return ErrInvalid
	}
	if err := json.Unmarshal(env.Cursor, cursor); err != nil {
		return ErrInvalid
	}
	return nil
}

func (c Codec) mac(filter any, cursor []byte) ([]byte, error) {
	f, err := json.Marshal(filter)
	if err != nil {
		return nil, err
	}
	h := hmac.New(sha256.New, c.key)
	h.Write(f)
	h.Write([]byte{0})
	h.Write(cursor)
	return h.Sum(nil)[:16], nil
}
