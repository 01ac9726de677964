package gateway

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/telemetry"
	"github.com/un-liaison/liaison/portal"
)

// newPortal builds the web portal served under /portal/. It is a client of the three services
// like any other, with the signed-in person's token, so their access rules decide what it shows.
// With an identity provider, people sign in through it with the portal's own client
// registration (LIAISON_PORTAL_CLIENT_ID, _SECRET, _REDIRECT_URL).
func newPortal(cfg config.Common, tel *telemetry.Telemetry, log *slog.Logger) (http.Handler, func() error, error) {
	pc := portal.Config{Common: cfg, Tracer: tel.TracerProvider, Logger: log}
	if cfg.JWKSURL != "" && cfg.PortalClientID != "" {
		client, err := auth.ProviderClient(cfg.OIDCIssuer, cfg.ProviderURL)
		if err != nil {
			return nil, nil, err
		}
		pc.OIDC = &portal.OIDC{
			ClientID: cfg.PortalClientID, ClientSecret: cfg.PortalClientSecret,
			RedirectURL: cfg.PortalRedirectURL, PostLogoutURL: cfg.PortalLogoutURL,
			Client: client,
		}
		// A callback on plain http (a developer's or a test's provider) cannot set Secure cookies.
		pc.InsecureCookies = strings.HasPrefix(cfg.PortalRedirectURL, "http://")
	}
	p, err := portal.New(pc)
	if err != nil {
		return nil, nil, err
	}
	return p, p.Close, nil
}
