// Package registry is the registry (organizations, NGO committees, focal points, partnerships) service: its Spec tells the shared platform runner how to
// build, migrate and serve it, whether it runs as its own binary or inside the dev runner.
package registry

import (
	"context"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/registry/internal/transport/grpcapi"
	"github.com/un-liaison/liaison/services/registry/migrations"
)

// Spec describes the registry service to the platform runner.
var Spec = service.Spec{
	Name:         "registry",
	ServiceNames: []string{registryv1.RegistryService_ServiceDesc.ServiceName},
	Migrations:   migrations.FS,
	ListenAddr:   func(c config.Common) string { return c.RegistryAddr },
	Build: func(ctx context.Context, d service.Deps) (service.Component, error) {
		return grpcapi.New(d), nil
	},
}
