package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
)

// ErrNoIdentity is returned when a process has neither an identity provider nor dev mode: it
// would otherwise trust a key it made itself, which nobody asked for.
var ErrNoIdentity = errors.New("no identity provider: set LIAISON_JWKS_URL, LIAISON_OIDC_ISSUER and LIAISON_OIDC_AUDIENCE " +
	"to verify tokens of an OpenID provider, or LIAISON_DEV_MODE=1 to trust the dev signing key on a developer's machine")

// NewConfiguredVerifier is the verifier a liaison process runs with: the
// identity provider's JWKS when LIAISON_JWKS_URL is set (production), the
// dev signing key in the data directory in dev mode, and an error otherwise.
// Services and the gateway both call it, so the edge and the services accept
// exactly the same tokens.
func NewConfiguredVerifier(ctx context.Context, cfg config.Common, clk clock.Clock, logger *slog.Logger) (Verifier, error) {
	if cfg.JWKSURL != "" {
		claims, err := ConfiguredClaims(cfg)
		if err != nil {
			return nil, err
		}
		client, err := ProviderClient(cfg.OIDCIssuer, cfg.ProviderURL)
		if err != nil {
			return nil, err
		}
		return NewJWKSVerifier(ctx, cfg.JWKSURL, cfg.OIDCIssuer, cfg.OIDCAudience, clk, JWKSOptions{Logger: logger, Claims: claims, Client: client})
	}
	if !cfg.DevMode {
		return nil, ErrNoIdentity
	}
	key, err := LoadOrCreateDevKey(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	return NewDevVerifier(&key.PublicKey, cfg.OIDCIssuer, cfg.OIDCAudience, clk), nil
}

// ConfiguredClaims is the claim mapping of LIAISON_ROLES_CLAIM, LIAISON_ORG_CLAIM and
// LIAISON_SCOPE_ROLES.
func ConfiguredClaims(cfg config.Common) (ClaimMapping, error) {
	scopes, err := cfg.ParseScopeRoles()
	if err != nil {
		return ClaimMapping{}, err
	}
	return NewClaimMapping(cfg.RolesClaim, cfg.OrgClaim, scopes)
}

// NewConfiguredSystemCredentials is what a liaison process adds to a call it makes on its own
// behalf (subject, e.g. "liaison-events") to a peer's system-only RPC, such as accreditation's
// status change stream. With an identity provider it is the process's own client-credentials
// token (LIAISON_OIDC_CLIENT_ID and _SECRET); without a registration there it is nil, and the
// caller must do without the RPC. In dev mode it is a dev-key system token.
func NewConfiguredSystemCredentials(cfg config.Common, subject string, clk clock.Clock) (func(context.Context) (context.Context, error), error) {
	if cfg.JWKSURL != "" {
		if cfg.ClientID == "" {
			return nil, nil
		}
		client, err := ProviderClient(cfg.OIDCIssuer, cfg.ProviderURL)
		if err != nil {
			return nil, err
		}
		return ClientCredentials(ClientCredentialsConfig{
			ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret,
			TokenURL: cfg.TokenURL, Issuer: cfg.OIDCIssuer, Audience: cfg.OIDCAudience,
			Scopes: strings.Fields(cfg.ClientScopes), Client: client,
		})
	}
	if !cfg.DevMode {
		return nil, ErrNoIdentity
	}
	key, err := LoadOrCreateDevKey(cfg.DataDir)
	if err != nil {
		return nil, fmt.Errorf("%s: dev signing key: %w", subject, err)
	}
	return DevSystemCredentials(key, subject, cfg.OIDCIssuer, cfg.OIDCAudience, clk), nil
}
