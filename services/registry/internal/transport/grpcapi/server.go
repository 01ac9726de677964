// Package grpcapi maps the registry service's protobuf contract onto its use cases: it checks who
// may call, converts messages to domain values and back, and turns domain errors into gRPC
// statuses in one place.
package grpcapi

import (
	"log/slog"

	"google.golang.org/grpc"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/services/registry/internal/app"
)

// Server answers registryv1.RegistryService.
type Server struct {
	registryv1.UnimplementedRegistryServiceServer
	app    *app.App
	logger *slog.Logger
	// closers release what the server was built with (cache, background jobs), in order.
	closers []func() error
}

// New builds the server over the use cases. closers run, in order, when the server is closed.
func New(a *app.App, logger *slog.Logger, closers ...func() error) *Server {
	return &Server{app: a, logger: logger, closers: closers}
}

// Register attaches the service to a gRPC server.
func (s *Server) Register(g *grpc.Server) { registryv1.RegisterRegistryServiceServer(g, s) }

// Close releases what the server was built with.
func (s *Server) Close() error {
	var first error
	for _, c := range s.closers {
		if err := c(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
