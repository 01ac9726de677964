package auth

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/un-liaison/liaison/platform/clock"
)

// Leeway tolerates clock drift between the machine that issued a token and
// the one checking it.
const Leeway = 30 * time.Second

// ErrInvalidToken is wrapped by every verification failure.
var ErrInvalidToken = errors.New("invalid token")

// ErrTokenExpired is wrapped (with ErrInvalidToken) when the only problem is
// that the token's time is up, so callers can say so.
var ErrTokenExpired = errors.New("token has expired")

// Verifier turns a raw bearer token into the caller's identity.
// Implementations: the dev verifier (one local key) and the JWKS verifier
// (the identity provider's published keys).
type Verifier interface {
	Verify(ctx context.Context, raw string) (Identity, error)
}

// NewDevVerifier accepts tokens signed by the dev key (ES256 only), issued by
// issuer for audience, and current according to clk within Leeway.
func NewDevVerifier(pub *ecdsa.PublicKey, issuer, audience string, clk clock.Clock) Verifier {
	return &jwtVerifier{
		keys:   func(context.Context) jwt.Keyfunc { return func(*jwt.Token) (any, error) { return pub, nil } },
		parser: newParser([]string{jwt.SigningMethodES256.Alg()}, issuer, audience, clk),
		clock:  clk,
		claims: DefaultClaims,
	}
}

// newParser fixes the rules every liaison token meets whoever signed it: an
// algorithm from algs (never "none" or a shared secret, which would let
// anyone holding the verification key mint tokens), the expected issuer and
// audience, an expiry, and times that hold on clk within Leeway.
func newParser(algs []string, issuer, audience string, clk clock.Clock) *jwt.Parser {
	return jwt.NewParser(
		jwt.WithValidMethods(algs),
		jwt.WithLeeway(Leeway),
		jwt.WithTimeFunc(clk.Now),
		jwt.WithIssuer(issuer),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
	)
}

// jwtVerifier checks a token's signature with a key found by keys and its
// claims with parser, and remembers the tokens that passed (verified.go).
type jwtVerifier struct {
	keys     func(ctx context.Context) jwt.Keyfunc
	parser   *jwt.Parser
	clock    clock.Clock
	claims   ClaimMapping
	verified verifiedTokens
}

func (v *jwtVerifier) Verify(ctx context.Context, raw string) (Identity, error) {
	now := v.clock.Now()
	if id, ok := v.verified.get(raw, now); ok {
		return id, nil
	}
	c := jwt.MapClaims{}
	_, err := v.parser.ParseWithClaims(raw, c, v.keys(ctx))
	if err != nil {
		if errors.Is(err, jwt.ErrTokenExpired) {
			return Identity{}, fmt.Errorf("%w: %w", ErrInvalidToken, ErrTokenExpired)
		}
		return Identity{}, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	id, err := v.claims.identity(c)
	if err != nil {
		return Identity{}, err
	}
	// The parser requires an expiry, so it is set here.
	exp, err := c.GetExpirationTime()
	if err != nil || exp == nil {
		return Identity{}, fmt.Errorf("%w: no expiry", ErrInvalidToken)
	}
	v.verified.put(raw, id, exp.Time, now)
	return id, nil
}
