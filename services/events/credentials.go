package events

import (
	"context"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
)

// systemSubject is who the events service is when it calls peers on its own behalf.
const systemSubject = "liaison-events"

// systemCredentials returns what the status change stream (open to system callers only) is
// opened with: the service's own client-credentials token from the identity provider
// (LIAISON_OIDC_CLIENT_ID and _SECRET), renewed before it expires, or in dev mode a system token
// signed with the dev key. Under a provider without a client registration the stream is opened
// without one and the cache falls back to per-registration lookups, which need no token.
func systemCredentials(cfg config.Common, clk clock.Clock) (func(context.Context) (context.Context, error), error) {
	return auth.NewConfiguredSystemCredentials(cfg, systemSubject, clk)
}
