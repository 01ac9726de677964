// Package registry is the registry (organizations, NGO committees, focal points, partnerships)
// service: its Spec tells the shared platform runner how to build, migrate and serve it, whether it
// runs as its own binary or inside the dev runner.
package registry

import (
	"context"
	"errors"
	"fmt"
	"sync"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/metrics"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/registry/internal/adapters/orgcache"
	"github.com/un-liaison/liaison/services/registry/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/registry/internal/adapters/statusstream"
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
	Policy:       grpcapi.Policy.Authorize,
	Build:        build,
}

// build wires the use cases to the database behind the profile cache, and keeps the
// organizations' consultative status current by following the accreditation service's change
// stream in the background until the component closes. The registry serves whether or not the
// accreditation service is up: the follower waits for it and catches up.
func build(ctx context.Context, d service.Deps) (service.Component, error) {
	parts := setup.Parts{DB: d.DB, Clock: d.Clock}
	store := sqlstore.New(d.DB)
	if err := store.FillNameSkeletons(ctx); err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	if err := store.FillSearchTerms(ctx); err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	if d.Cache != nil {
		parts.Decorate = func(s app.Store) app.Store { return orgcache.New(s, d.Cache, d.Logger) }
	}
	uc := setup.App(parts)

	conn, err := d.Dial(d.Config.AccreditationAddr)
	if err != nil {
		return nil, fmt.Errorf("registry: dialing accreditation at %s: %w", d.Config.AccreditationAddr, err)
	}
	creds, err := systemCredentials(ctx, d)
	if err != nil {
		_ = conn.Close()
		return nil, err
	}
	follower := statusstream.New(conn, uc)
	follower.Credentials, follower.Log = creds, d.Logger
	if err := metrics.ObserveLag(d.Meter, "registry.status_mirror", follower.Staleness.Lag); err != nil {
		_ = conn.Close()
		return nil, err
	}
	runCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	var running sync.WaitGroup
	running.Go(func() { follower.Run(runCtx) })

	return grpcapi.New(uc, d.Logger, func() error {
		stop()
		running.Wait()
		if err := conn.Close(); err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		return nil
	}), nil
}
