// Package service is the shared runner of the liaison services: it turns a
// service's Spec into a configured, observed, health-checked gRPC server
// with its database, cache, clock and token verifier, and stops it in order.
// Each binary's main is a call to Main; the dev runner calls Run once per
// service in one process.
package service

import (
	"context"
	"io/fs"
	"log/slog"

	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/sqldb"
)

// Spec describes one service to the runner.
type Spec struct {
	// Name is the short name, e.g. "registry": it names the database (file
	// or schema), the cache namespace, and service.name "liaison-<Name>".
	Name string
	// ServiceNames are the full gRPC service names that get a health
	// entry, e.g. registryv1.RegistryService_ServiceDesc.ServiceName.
	ServiceNames []string
	// Migrations holds sqlite/ and postgres/ migration directories; nil
	// when the service keeps no database (Deps.DB is then nil).
	Migrations fs.FS
	// ListenAddr picks the service's own LIAISON_*_ADDR from the config.
	ListenAddr func(config.Common) string
	// Build wires the service from its dependencies.
	Build func(ctx context.Context, d Deps) (Component, error)
	// Policy decides per RPC who may call it; nil lets every caller
	// through (authenticated or anonymous) until the service has rules.
	Policy auth.Policy
}

// Deps is what the runner hands a service's Build.
type Deps struct {
	Config config.Common
	Logger *slog.Logger
	// Tracer is the service's own tracer provider; pass it to anything
	// that traces on the service's behalf.
	Tracer trace.TracerProvider
	// Meter is the service's own meter provider, published at /metrics on
	// the admin port. RPCs, caches and the database pool are measured
	// already; a service adds what only it knows, such as its outbox
	// backlog (metrics.ObserveBacklog) or change-stream lag
	// (metrics.ObserveLag).
	Meter metric.MeterProvider
	// DB is the service's database, migrated; nil without Migrations.
	DB *sqldb.DB
	// Cache is namespaced to the service; wrap it in a cache.ReadThrough.
	Cache cache.Cache
	// Clock is the one clock for every rule that depends on today.
	Clock    clock.Clock
	Verifier auth.Verifier
	// Dial connects to a peer service (e.g. Config.RegistryAddr). The
	// component closes the connections it dials in its Close.
	Dial func(target string) (*grpc.ClientConn, error)
}

// Component is a built service.
type Component interface {
	// Register adds the service's gRPC services to s.
	Register(s *grpc.Server)
	// Close releases what Build acquired (peer connections, background
	// jobs). It runs after the server has stopped taking calls and before
	// the database and cache are closed.
	Close() error
}
