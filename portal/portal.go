// Package portal is the web portal of liaison: server-rendered pages in English and French
// for the public (directory, organization pages, events calendar), NGO staff (profile,
// applications, questions, participants, side events) and liaison officers (work queue,
// application review). It reaches the services over gRPC like any other client, so the
// contracts and their access rules are the same for a browser as for another UN system.
package portal

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/grpcclient"
)

// DefaultBasePath is where the gateway mounts the portal, beside the REST API under /v1.
const DefaultBasePath = "/portal"

// Config is what the portal needs from its host.
type Config struct {
	// Common gives the services' addresses, the data directory holding the dev signing key,
	// the token issuer and audience, and the pinned clock if any.
	Common config.Common
	// BasePath prefixes every URL the portal serves and links to; DefaultBasePath if empty.
	BasePath string
	// InsecureCookies drops the Secure attribute of the portal's cookies, for a browser
	// reaching a dev system over plain HTTP on a host other than localhost.
	InsecureCookies bool
	// OIDC signs people in through the identity provider when the deployment verifies
	// tokens with its JWKS (LIAISON_JWKS_URL); without a JWKS URL the dev sign-in is used.
	OIDC   *OIDC
	Tracer trace.TracerProvider
	Logger *slog.Logger
}

// Portal is the portal's HTTP handler. Close it to release its service connections.
type Portal struct {
	base     string
	secure   bool
	log      *slog.Logger
	clock    clock.Clock
	common   config.Common
	verifier auth.Verifier
	// devKey signs the tokens of the dev sign-in page; nil outside dev mode, where the dev
	// sign-in answers 404.
	devKey *ecdsa.PrivateKey
	// oidc is the production sign-in; nil in dev, or until the deployment registers a client.
	oidc *oidcFlow
	// signedOut remembers the tokens of sessions that were ended, until they expire.
	signedOut signedOutTokens

	registry      registryv1.RegistryServiceClient
	accreditation accreditationv1.AccreditationServiceClient
	events        eventsv1.EventsServiceClient
	conns         []*grpc.ClientConn

	pages   map[string]*template.Template
	handler http.Handler
}

// New dials the three services (lazily: they may start after the portal) and builds the
// portal's routes.
func New(cfg Config) (*Portal, error) {
	base := strings.TrimSuffix(cfg.BasePath, "/")
	if base == "" {
		base = DefaultBasePath
	}
	if !strings.HasPrefix(base, "/") {
		return nil, fmt.Errorf("portal: base path %q must start with /", cfg.BasePath)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	clk, err := clock.FromConfig(cfg.Common.Now)
	if err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	p := &Portal{base: base, secure: !cfg.InsecureCookies, log: log, clock: clk, common: cfg.Common}

	if cfg.Common.JWKSURL == "" && !cfg.Common.DevMode {
		return nil, fmt.Errorf("portal: %w", auth.ErrNoIdentity)
	}
	if cfg.Common.JWKSURL == "" {
		key, err := auth.LoadOrCreateDevKey(cfg.Common.DataDir)
		if err != nil {
			return nil, fmt.Errorf("portal: %w", err)
		}
		p.devKey = key
	}
	if cfg.Common.JWKSURL != "" && cfg.OIDC != nil {
		o := *cfg.OIDC
		if o.ClientID == "" || o.RedirectURL == "" {
			return nil, errors.New("portal: OIDC sign-in needs a client id and a redirect URL")
		}
		if o.Client == nil {
			o.Client = &http.Client{Timeout: 10 * time.Second}
		}
		p.oidc = &oidcFlow{cfg: o, issuer: cfg.Common.OIDCIssuer, audience: cfg.Common.OIDCAudience}
	}
	p.verifier, err = auth.NewConfiguredVerifier(context.Background(), cfg.Common, clk, log)
	if err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}

	for _, target := range []string{cfg.Common.RegistryAddr, cfg.Common.AccreditationAddr, cfg.Common.EventsAddr} {
		conn, err := grpcclient.Dial(target, cfg.Tracer)
		if err != nil {
			_ = p.Close()
			return nil, fmt.Errorf("portal: %w", err)
		}
		p.conns = append(p.conns, conn)
	}
	p.registry = registryv1.NewRegistryServiceClient(p.conns[0])
	p.accreditation = accreditationv1.NewAccreditationServiceClient(p.conns[1])
	p.events = eventsv1.NewEventsServiceClient(p.conns[2])

	if p.pages, err = parsePages(); err != nil {
		_ = p.Close()
		return nil, err
	}
	p.handler = p.routes()
	return p, nil
}

// ServeHTTP serves the portal's pages under its base path.
func (p *Portal) ServeHTTP(w http.ResponseWriter, r *http.Request) { p.handler.ServeHTTP(w, r) }

// Close releases the service connections.
func (p *Portal) Close() error {
	var errs []error
	for _, c := range p.conns {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// path is the portal URL of a page, for links and redirects.
func (p *Portal) path(parts ...string) string {
	return p.base + strings.Join(parts, "")
}
