package auth

import (
	"context"
	"crypto/ecdsa"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/grpc/metadata"

	"github.com/un-liaison/liaison/platform/clock"
)

// systemTokenTTL is how long a system token minted for one call stays valid. A change stream
// outlives it without harm: the token is checked when the stream opens, and every reconnect
// mints a new one.
const systemTokenTTL = time.Hour

// DevSystemCredentials returns what a service adds to the context of a call it makes on its own
// behalf to a peer's system-only RPC (a status change stream, say): a bearer token with the
// system role for subject, signed with the dev key every service of a dev or single-host system
// trusts, minted afresh on every call so it is never stale. Times come from clk, so with
// LIAISON_NOW pinned the token is valid in the pinned world the peer verifies against.
func DevSystemCredentials(key *ecdsa.PrivateKey, subject, issuer, audience string, clk clock.Clock) func(context.Context) (context.Context, error) {
	return func(ctx context.Context) (context.Context, error) {
		tok, err := IssueDevToken(key, Claims{
			Roles: []Role{RoleSystem},
			RegisteredClaims: jwt.RegisteredClaims{
				Subject: subject, Issuer: issuer, Audience: jwt.ClaimStrings{audience},
			},
		}, systemTokenTTL, clk.Now())
		if err != nil {
			return ctx, err
		}
		return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok), nil
	}
}
