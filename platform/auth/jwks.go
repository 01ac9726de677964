package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/time/rate"

	"github.com/un-liaison/liaison/platform/clock"
)

// JWKSAlgorithms are the signatures accepted from an identity provider.
var JWKSAlgorithms = []string{jwt.SigningMethodRS256.Alg(), jwt.SigningMethodES256.Alg()}

// JWKSOptions tunes how the identity provider's key set is kept.
type JWKSOptions struct {
	// RefreshInterval is how often the key set is fetched even when every
	// token's key is known, so a withdrawn key stops being trusted (default 1h).
	RefreshInterval time.Duration
	// UnknownKeyRefresh is the shortest time between two fetches caused by
	// tokens naming a key the verifier has not seen. A provider that rotates
	// its key is picked up at once, while a flood of made-up key ids cannot
	// turn into a flood of requests to the provider (default 30s).
	UnknownKeyRefresh time.Duration
	// Client fetches the key set (default: a client with a 10s timeout).
	Client *http.Client
	// Logger reports failed refreshes (default slog.Default()).
	Logger *slog.Logger
	// Claims says which claims carry roles and organization (default DefaultClaims).
	Claims ClaimMapping
}

// NewJWKSVerifier accepts RS256 and ES256 tokens signed by a key of the JWK
// set published at jwksURL, issued by issuer for audience and current on clk
// within Leeway. The key set is fetched now, cached, refreshed on a timer
// and again when a token names an unknown key id (rotation). A provider that
// is down at start does not stop the process: tokens are refused until the
// keys can be fetched. The refresh loop ends with ctx.
func NewJWKSVerifier(ctx context.Context, jwksURL, issuer, audience string, clk clock.Clock, o JWKSOptions) (Verifier, error) {
	u, err := url.Parse(jwksURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("auth: LIAISON_JWKS_URL=%q: want an http(s) URL", jwksURL)
	}
	if issuer == "" || audience == "" {
		return nil, errors.New("auth: verifying with a JWKS needs LIAISON_OIDC_ISSUER and LIAISON_OIDC_AUDIENCE")
	}
	if o.RefreshInterval <= 0 {
		o.RefreshInterval = time.Hour
	}
	if o.UnknownKeyRefresh <= 0 {
		o.UnknownKeyRefresh = 30 * time.Second
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Claims.Roles == "" {
		o.Claims = DefaultClaims
	}
	k, err := keyfunc.NewDefaultOverrideCtx(ctx, []string{jwksURL}, keyfunc.Override{
		Client:          o.Client,
		RefreshInterval: o.RefreshInterval,
		// One fetch per interval; a token arriving sooner with another
		// unknown kid is refused at once instead of waiting its turn, since
		// the wait below is shorter than the interval.
		RefreshUnknownKID: rate.NewLimiter(rate.Every(o.UnknownKeyRefresh), 1),
		RateLimitWaitMax:  o.Client.Timeout,
		RefreshErrorHandlerFunc: func(u string) func(context.Context, error) {
			return func(ctx context.Context, err error) {
				o.Logger.WarnContext(ctx, "cannot refresh the identity provider's keys",
					slog.String("jwks_url", u), slog.String("error", err.Error()))
			}
		},
	})
	if err != nil {
		return nil, fmt.Errorf("auth: JWKS at %s: %w", jwksURL, err)
	}
	return &jwtVerifier{
		keys:   k.KeyfuncCtx,
		parser: newParser(JWKSAlgorithms, issuer, audience, clk),
		clock:  clk,
		claims: o.Claims,
	}, nil
}
