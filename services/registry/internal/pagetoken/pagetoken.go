// Package pagetoken turns a keyset cursor into the opaque page token callers send back, and back
// again. A token is signed and bound to the filters and order of the request that produced it, so an
// altered token, or one replayed with other filters, is refused rather than silently paging the
// wrong result set.
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

type envelope struct {
	Cursor json.RawMessage `json:"c"`
	Mac    []byte          `json:"m"`
}

// Encode makes the token for cursor under the given filter fingerprint.
func (c Codec) Encode(filter string, cursor any) (string, error) {
	raw, err := json.Marshal(cursor)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(envelope{Cursor: raw, Mac: c.mac(filter, raw)})
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// Decode checks the token against the filter fingerprint and fills cursor.
func (c Codec) Decode(token, filter string, cursor any) error {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return ErrInvalid
	}
	var env envelope
	if err := json.Unmarshal(b, &env); err != nil {
		return ErrInvalid
	}
	if !hmac.Equal(env.Mac, c.mac(filter, env.Cursor)) {
		return ErrInvalid
	}
	if err := json.Unmarshal(env.Cursor, cursor); err != nil {
		return ErrInvalid
	}
	return nil
}

func (c Codec) mac(filter string, cursor []byte) []byte {
	h := hmac.New(sha256.New, c.key)
	h.Write([]byte(filter))
	h.Write([]byte{0})
	h.Write(cursor)
	return h.Sum(nil)[:16]
}
