package gateway

import (
	"context"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
)

// systemSubject is who the edge is when it calls a service on its own behalf.
const systemSubject = "liaison-gateway"

// statusViewCredentials returns what the change stream (open to system callers only) is opened
// with: a system token signed with the dev key the whole dev or single-host system trusts, minted
// afresh for each connection. ok is false where tokens come from an identity provider
// (LIAISON_JWKS_URL): the edge has no way yet to obtain a system token there (no
// client-credentials flow), so the view stays off and every status lookup goes to the service.
func statusViewCredentials(cfg config.Common, clk clock.Clock) (withAuth func(context.Context) (context.Context, error), ok bool, err error) {
	withAuth, err = auth.NewConfiguredSystemCredentials(cfg, systemSubject, clk)
	return withAuth, withAuth != nil, err
}
