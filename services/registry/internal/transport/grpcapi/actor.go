package grpcapi

import (
	"context"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/services/registry/internal/app"
)

// actorOf is the caller as the use cases see it; anonymous when no valid token came.
func actorOf(ctx context.Context) app.Actor { return app.Actor(auth.CallerFrom(ctx)) }
