package statuscredential

import (
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// ErrInvalid means a token is not one liaison signed: malformed, altered,
// of the wrong kind, or signed by a key the verifier does not hold.
var ErrInvalid = errors.New("invalid credential")

// ErrExpired means a genuine token is past its validity.
var ErrExpired = errors.New("credential expired")

// Key is a private signing key with its id.
type Key struct {
	ID      string
	Private *ecdsa.PrivateKey
}

// PublicJWK is the key's public half as a JSON Web Key.
func (k Key) PublicJWK() jose.JSONWebKey {
	return jose.JSONWebKey{Key: &k.Private.PublicKey, KeyID: k.ID, Algorithm: Algorithm, Use: "sig"}
}

func sign(k Key, typ string, claims any) (string, error) {
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: jose.JSONWebKey{Key: k.Private, KeyID: k.ID}},
		(&jose.SignerOptions{}).WithType(jose.ContentType(typ)))
	if err != nil {
		return "", err
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	obj, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	return obj.CompactSerialize()
}

// SignCredential signs a status credential.
func SignCredential(k Key, c Claims) (string, error) { return sign(k, CredentialType, c) }

// SignStatusList signs a status list token.
func SignStatusList(k Key, c StatusListClaims) (string, error) { return sign(k, StatusListType, c) }

// verify checks the signature against the key named in the header and
// returns the payload and the key id.
func verify(token, typ string, keys jose.JSONWebKeySet) ([]byte, string, error) {
	obj, err := jose.ParseSignedCompact(token, []jose.SignatureAlgorithm{jose.ES256})
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if len(obj.Signatures) != 1 {
		return nil, "", fmt.Errorf("%w: want one signature", ErrInvalid)
	}
	h := obj.Signatures[0].Header
	if got, _ := h.ExtraHeaders[jose.HeaderType].(string); got != typ {
		return nil, "", fmt.Errorf("%w: token type %q, want %q", ErrInvalid, got, typ)
	}
	found := keys.Key(h.KeyID)
	if h.KeyID == "" || len(found) == 0 {
		return nil, h.KeyID, fmt.Errorf("%w: signed by key %q, which is not published", ErrInvalid, h.KeyID)
	}
	payload, err := obj.Verify(found[0].Key)
	if err != nil {
		return nil, h.KeyID, fmt.Errorf("%w: the signature does not match", ErrInvalid)
	}
	return payload, h.KeyID, nil
}

// Verified is a credential whose signature holds.
type Verified struct {
	Claims Claims
	KeyID  string
}

// VerifySignature checks a status credential's signature with keys and
// its shape, but not its dates: for a verifier that judges validity on its
// own clock.
func VerifySignature(token string, keys jose.JSONWebKeySet) (Verified, error) {
	payload, kid, err := verify(token, CredentialType, keys)
	if err != nil {
		return Verified{}, err
	}
	var c Claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return Verified{}, fmt.Errorf("%w: claims: %v", ErrInvalid, err)
	}
	if c.ID == "" || c.Subject == "" || c.Expiry == 0 || !containsType(c.VC.Type, credentialTypes[1]) {
		return Verified{}, fmt.Errorf("%w: not a consultative status credential", ErrInvalid)
	}
	return Verified{Claims: c, KeyID: kid}, nil
}

// VerifyCredential checks a status credential's signature with keys and its
// validity at now. A genuine but expired credential is returned with
// ErrExpired, so a caller can still say whose it was.
func VerifyCredential(token string, keys jose.JSONWebKeySet, now time.Time) (Verified, error) {
	v, err := VerifySignature(token, keys)
	if err != nil {
		return v, err
	}
	t := now.Unix()
	if t < v.Claims.NotBefore {
		return v, fmt.Errorf("%w: not valid before %s", ErrInvalid, time.Unix(v.Claims.NotBefore, 0).UTC().Format(time.RFC3339))
	}
	if t >= v.Claims.Expiry {
		return v, fmt.Errorf("%w: valid until %s", ErrExpired, time.Unix(v.Claims.Expiry, 0).UTC().Format(time.RFC3339))
	}
	return v, nil
}

// VerifyStatusList checks a status list token's signature and expiry and
// that it is the list named uri.
func VerifyStatusList(token string, keys jose.JSONWebKeySet, uri string, now time.Time) (StatusListClaims, error) {
	payload, _, err := verify(token, StatusListType, keys)
	if err != nil {
		return StatusListClaims{}, err
	}
	var c StatusListClaims
	if err := json.Unmarshal(payload, &c); err != nil {
		return StatusListClaims{}, fmt.Errorf("%w: status list claims: %v", ErrInvalid, err)
	}
	if c.Subject != uri {
		return StatusListClaims{}, fmt.Errorf("%w: status list %q, the credential names %q", ErrInvalid, c.Subject, uri)
	}
	if c.Expiry != 0 && now.Unix() >= c.Expiry {
		return StatusListClaims{}, fmt.Errorf("%w: status list expired", ErrExpired)
	}
	return c, nil
}

// ParseKeySet reads a JWKS document.
func ParseKeySet(b []byte) (jose.JSONWebKeySet, error) {
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(b, &set); err != nil {
		return set, fmt.Errorf("key set: %w", err)
	}
	return set, nil
}

func containsType(types []string, want string) bool {
	for _, t := range types {
		if t == want {
			return true
		}
	}
	return false
}
