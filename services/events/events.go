// Package events is the events (meetings calendar, side events, registrations) service: its Spec tells the shared platform runner how to
// build, migrate and serve it, whether it runs as its own binary or inside the dev runner.
package events

import (
	"context"
	"fmt"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/events/internal/adapters/accreditation"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/transport/grpcapi"
	"github.com/un-liaison/liaison/services/events/migrations"
)

// Spec describes the events service to the platform runner.
var Spec = service.Spec{
	Name:         "events",
	ServiceNames: []string{eventsv1.EventsService_ServiceDesc.ServiceName},
	Migrations:   migrations.FS,
	ListenAddr:   func(c config.Common) string { return c.EventsAddr },
	Build:        build,
}

// build wires the use cases to the database and to the accreditation service, which is the
// source of consultative status for status-only events and side-event proposals.
func build(_ context.Context, d service.Deps) (service.Component, error) {
	conn, err := d.Dial(d.Config.AccreditationAddr)
	if err != nil {
		return nil, fmt.Errorf("events: dialing accreditation at %s: %w", d.Config.AccreditationAddr, err)
	}
	uc := app.New(sqlstore.New(d.DB), accreditation.NewStatusClient(conn), nil, d.Clock)
	return grpcapi.New(uc, d.Clock, d.Logger, conn.Close), nil
}
