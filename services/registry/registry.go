// Package registry is the registry (organizations, NGO committees, focal points, partnerships)
// service: its Spec tells the shared platform runner how to build, migrate and serve it, whether it
// runs as its own binary or inside the dev runner.
package registry

import (
	"context"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/registry/internal/adapters/orgcache"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/setup"
	"github.com/un-liaison/liaison/services/registry/internal/transport/grpcapi"
	"github.com/un-liaison/liaison/services/registry/migrations"
)

// Spec describes the registry service to the platform runner.
var Spec = service.Spec{
	Name:         "registry",
	ServiceNames: []string{registryv1.RegistryService_ServiceDesc.ServiceName},
	Migrations:   migrations.FS,
	ListenAddr:   func(c config.Common) string { return c.RegistryAddr },
	Policy:       grpcapi.Authorize,
	Build: func(_ context.Context, d service.Deps) (service.Component, error) {
		parts := setup.Parts{DB: d.DB, Clock: d.Clock, Logger: d.Logger}
		if d.Cache != nil {
			parts.Decorate = func(s app.Store) app.Store { return orgcache.New(s, d.Cache, d.Logger) }
		}
		return setup.Server(parts), nil
	},
}
