package auth

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Claims is the body of a liaison token: the registered JWT claims (sub,
// iss, aud, exp, nbf, iat) plus the caller's roles and, for ngo users, the
// organization they act for.
type Claims struct {
	Roles []Role `json:"roles,omitempty"`
	Org   string `json:"org,omitempty"`
	jwt.RegisteredClaims
}

// IssueDevToken signs a token with the dev key. now comes from the system
// clock, so that with LIAISON_NOW pinned a token is valid in the pinned
// world; the token is valid from now for ttl. The caller sets Subject,
// Issuer and Audience (normally the configured OIDC issuer and audience).
func IssueDevToken(key *ecdsa.PrivateKey, c Claims, ttl time.Duration, now time.Time) (string, error) {
	if c.Subject == "" {
		return "", errors.New("auth: a token needs a subject")
	}
	if ttl <= 0 {
		return "", fmt.Errorf("auth: token lifetime %v must be positive", ttl)
	}
	if len(c.Roles) == 0 {
		return "", errors.New("auth: a token needs at least one role")
	}
	for _, r := range c.Roles {
		if _, err := ParseRole(string(r)); err != nil {
			return "", fmt.Errorf("auth: %w", err)
		}
		if r == RoleNGO && c.Org == "" {
			return "", errors.New("auth: an ngo token needs the organization it acts for (org)")
		}
	}
	c.IssuedAt = jwt.NewNumericDate(now)
	c.NotBefore = jwt.NewNumericDate(now)
	c.ExpiresAt = jwt.NewNumericDate(now.Add(ttl))
	token := jwt.NewWithClaims(jwt.SigningMethodES256, c)
	kid, err := KeyID(&key.PublicKey)
	if err != nil {
		return "", err
	}
	token.Header["kid"] = kid
	signed, err := token.SignedString(key)
	if err != nil {
		return "", fmt.Errorf("auth: signing token: %w", err)
	}
	return signed, nil
}

// KeyID names a public key by the hash of its encoding, so a verifier that
// holds several keys (a JWKS during rotation) can pick the right one.
func KeyID(pub *ecdsa.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("auth: encoding public key: %w", err)
	}
	sum := sha256.Sum256(der)
	return base64.RawURLEncoding.EncodeToString(sum[:16]), nil
}
