package registry

import (
	"context"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/service"
)

// systemSubject is who the registry is when it calls peers on its own behalf.
const systemSubject = "liaison-registry"

// systemCredentials returns what the status change stream (open to system callers only) is
// opened with: the registry's own client-credentials token from the identity provider
// (LIAISON_OIDC_CLIENT_ID and _SECRET), or in dev mode a system token signed with the dev key.
// Under a provider without a client registration the stream is refused, the mirror keeps the
// statuses it has, and this is said once at start rather than on every retry.
func systemCredentials(ctx context.Context, d service.Deps) (func(context.Context) (context.Context, error), error) {
	creds, err := auth.NewConfiguredSystemCredentials(d.Config, systemSubject, d.Clock)
	if err == nil && creds == nil {
		d.Logger.WarnContext(ctx, "no LIAISON_OIDC_CLIENT_ID for the accreditation change stream under LIAISON_JWKS_URL; consultative statuses on profiles will not be updated")
	}
	return creds, err
}
