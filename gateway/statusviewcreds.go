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
// with: the edge's own client-credentials token from the identity provider
// (LIAISON_OIDC_CLIENT_ID and _SECRET), or in dev mode a system token signed with the dev key.
// ok is false under a provider without a client registration: the view stays off and every
// status lookup goes to the service.
func statusViewCredentials(cfg config.Common, clk clock.Clock) (withAuth func(context.Context) (context.Context, error), ok bool, err error) {
	withAuth, err = auth.NewConfiguredSystemCredentials(cfg, systemSubject, clk)
	return withAuth, withAuth != nil, err
}
