package grpcapi

import (
	"context"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/services/registry/internal/app"
)

// actorOf is the caller as the use cases see it; anonymous when no valid token came.
func actorOf(ctx context.Context) app.Actor {
	id, ok := auth.FromContext(ctx)
	if !ok {
		return app.Actor{}
	}
	roles := make([]string, len(id.Roles))
	for i, r := range id.Roles {
		roles[i] = string(r)
	}
	return app.Actor{Subject: id.Subject, Roles: roles, Org: id.Org}
}
