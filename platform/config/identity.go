package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Identity holds how a liaison process learns who is calling and who it is
// itself: either an OpenID provider (LIAISON_JWKS_URL with its issuer, and a
// client registration for the calls the process makes on its own behalf) or,
// only when asked for explicitly, the dev signing key in the data directory.
type Identity struct {
	// DevMode trusts the dev signing key in DataDir, enables the token command
	// and the portal's dev sign-in. `liaison dev` and `make run` set it; a
	// process started with neither it nor LIAISON_JWKS_URL refuses to start,
	// so nothing runs on the dev key by accident. LIAISON_JWKS_URL overrides it.
	DevMode bool `env:"LIAISON_DEV_MODE"`

	// ClientID and ClientSecret are this process's own registration with the
	// provider, used with the client-credentials grant for the calls it makes
	// on its own behalf (change streams, status lookups).
	ClientID     string `env:"LIAISON_OIDC_CLIENT_ID"`
	ClientSecret string `env:"LIAISON_OIDC_CLIENT_SECRET" secret:"true"`
	// TokenURL is the provider's token endpoint; empty reads it from the
	// issuer's discovery document.
	TokenURL string `env:"LIAISON_OIDC_TOKEN_URL"`
	// ProviderURL is where this process reaches the provider when the issuer's
	// own address is the one browsers use and does not reach it from inside a
	// container network; requests to the issuer's host go here instead.
	ProviderURL string `env:"LIAISON_OIDC_PROVIDER_URL"`
	// ClientScopes are the scopes a process asks for with its own token,
	// space-separated.
	ClientScopes string `env:"LIAISON_OIDC_CLIENT_SCOPES" envDefault:"liaison.system"`

	// RolesClaim and OrgClaim name the token claims carrying the caller's
	// roles and, for NGO staff, their organization; a dotted name reaches
	// into an object (e.g. ext.roles).
	RolesClaim string `env:"LIAISON_ROLES_CLAIM" envDefault:"roles"`
	OrgClaim   string `env:"LIAISON_ORG_CLAIM" envDefault:"org"`
	// ScopeRoles grants roles for scopes, as comma-separated scope=role
	// pairs: how a machine client, whose token has scopes but no roles
	// claim, becomes a system caller.
	ScopeRoles string `env:"LIAISON_SCOPE_ROLES" envDefault:"liaison.system=system"`

	// The portal's registration for the authorization-code flow.
	PortalClientID     string `env:"LIAISON_PORTAL_CLIENT_ID"`
	PortalClientSecret string `env:"LIAISON_PORTAL_CLIENT_SECRET" secret:"true"`
	// PortalRedirectURL is the portal's callback as registered with the
	// provider, e.g. https://liaison.example.org/portal/oidc/callback.
	PortalRedirectURL string `env:"LIAISON_PORTAL_REDIRECT_URL"`
	// PortalLogoutURL is where the provider sends a person after signing
	// out there; empty uses the portal's home page next to the redirect URL.
	PortalLogoutURL string `env:"LIAISON_PORTAL_LOGOUT_URL"`
}

// ParseScopeRoles reads ScopeRoles into scope → role names.
func (c Identity) ParseScopeRoles() (map[string]string, error) {
	out := map[string]string{}
	for pair := range strings.SplitSeq(c.ScopeRoles, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		scope, role, ok := strings.Cut(pair, "=")
		scope, role = strings.TrimSpace(scope), strings.TrimSpace(role)
		if !ok || scope == "" || role == "" {
			return nil, fmt.Errorf("LIAISON_SCOPE_ROLES: %q is not scope=role", pair)
		}
		out[scope] = role
	}
	return out, nil
}

// validateIdentity checks that a process knows where its trust comes from.
func (c Common) validateIdentity() []error {
	var errs []error
	// With both set the identity provider wins: the dev key is never trusted beside it.
	if c.JWKSURL == "" && !c.DevMode {
		errs = append(errs, errors.New("no identity provider: set LIAISON_JWKS_URL, LIAISON_OIDC_ISSUER and LIAISON_OIDC_AUDIENCE "+
			"to verify tokens of an OpenID provider, or LIAISON_DEV_MODE=1 to trust the dev signing key on a developer's machine"))
	}
	if _, err := c.ParseScopeRoles(); err != nil {
		errs = append(errs, err)
	}
	if c.RolesClaim == "" {
		errs = append(errs, errors.New("LIAISON_ROLES_CLAIM: must not be empty"))
	}
	if c.ClientID != "" && c.ClientSecret == "" {
		errs = append(errs, errors.New("LIAISON_OIDC_CLIENT_ID is set without LIAISON_OIDC_CLIENT_SECRET"))
	}
	for _, u := range []struct{ name, value string }{
		{"LIAISON_OIDC_TOKEN_URL", c.TokenURL},
		{"LIAISON_OIDC_PROVIDER_URL", c.ProviderURL},
		{"LIAISON_PORTAL_REDIRECT_URL", c.PortalRedirectURL},
		{"LIAISON_PORTAL_LOGOUT_URL", c.PortalLogoutURL},
	} {
		if u.value == "" {
			continue
		}
		if p, err := url.Parse(u.value); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			errs = append(errs, fmt.Errorf("%s=%q: want an http(s) URL", u.name, u.value))
		}
	}
	if c.PortalClientID != "" && c.PortalRedirectURL == "" {
		errs = append(errs, errors.New("LIAISON_PORTAL_CLIENT_ID is set without LIAISON_PORTAL_REDIRECT_URL"))
	}
	return errs
}
