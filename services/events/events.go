// Package events is the events (meetings calendar, side events, registrations) service: its Spec tells the shared platform runner how to
// build, migrate and serve it, whether it runs as its own binary or inside the dev runner.
package events

import (
	"context"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/events/internal/transport/grpcapi"
	"github.com/un-liaison/liaison/services/events/migrations"
)

// Spec describes the events service to the platform runner.
var Spec = service.Spec{
	Name:         "events",
	ServiceNames: []string{eventsv1.EventsService_ServiceDesc.ServiceName},
	Migrations:   migrations.FS,
	ListenAddr:   func(c config.Common) string { return c.EventsAddr },
	Build: func(ctx context.Context, d service.Deps) (service.Component, error) {
		return grpcapi.New(d), nil
	},
}
