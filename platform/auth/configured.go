package auth

import (
	"context"
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
