package auth

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
)

// NewConfiguredVerifier is the verifier a liaison process runs with: the
// identity provider's JWKS when LIAISON_JWKS_URL is set (production), the
// dev signing key in the data directory otherwise. Services and the gateway
// both call it, so the edge and the services accept exactly the same tokens.
func NewConfiguredVerifier(ctx context.Context, cfg config.Common, clk clock.Clock, logger *slog.Logger) (Verifier, error) {
	if cfg.JWKSURL != "" {
		return NewJWKSVerifier(ctx, cfg.JWKSURL, cfg.OIDCIssuer, cfg.OIDCAudience, clk, JWKSOptions{Logger: logger})
	}
	key, err := LoadOrCreateDevKey(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	return NewDevVerifier(&key.PublicKey, cfg.OIDCIssuer, cfg.OIDCAudience, clk), nil
}

// NewConfiguredSystemCredentials is what a liaison process adds to a call it makes on its own
// behalf (subject, e.g. "liaison-events") to a peer's system-only RPC, such as accreditation's
// status change stream: a dev-key system token (DevSystemCredentials) when the system runs on its
// dev key, and nil when tokens come from an identity provider (LIAISON_JWKS_URL), where no
// client-credentials flow exists yet and the caller must do without the RPC.
func NewConfiguredSystemCredentials(cfg config.Common, subject string, clk clock.Clock) (func(context.Context) (context.Context, error), error) {
	if cfg.JWKSURL != "" {
		return nil, nil
	}
	key, err := LoadOrCreateDevKey(cfg.DataDir)
	if err != nil {
		return nil, fmt.Errorf("%s: dev signing key: %w", subject, err)
	}
	return DevSystemCredentials(key, subject, cfg.OIDCIssuer, cfg.OIDCAudience, clk), nil
}
