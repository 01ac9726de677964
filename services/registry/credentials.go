package registry

import (
	"context"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/service"
)

// systemSubject is who the registry is when it calls peers on its own behalf.
const systemSubject = "liaison-registry"

// systemCredentials returns what the status change stream (open to system callers only) is
// opened with: a system token signed with the dev key the whole system trusts. Where tokens are
// verified against an identity provider instead (LIAISON_JWKS_URL), the registry has no token of
// its own to present yet: the stream is then refused, the mirror keeps the statuses it has, and
// this is said once at start rather than on every retry.
func systemCredentials(ctx context.Context, d service.Deps) (func(context.Context) (context.Context, error), error) {
	if d.Config.JWKSURL != "" {
		d.Logger.WarnContext(ctx, "no system credentials for the accreditation change stream under LIAISON_JWKS_URL; consultative statuses on profiles will not be updated")
		return nil, nil
	}
	return auth.NewConfiguredSystemCredentials(d.Config, systemSubject, d.Clock)
}
