// Package grpcapi maps the registry service's protobuf contract onto its use cases.
package grpcapi

import (
	"google.golang.org/grpc"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/service"
)

// Server answers registryv1.RegistryService. RPCs not built yet answer UNIMPLEMENTED through the
// embedded generated type, so callers learn that clearly rather than getting a fake answer.
type Server struct {
	registryv1.UnimplementedRegistryServiceServer
	deps service.Deps
}

// New builds the server from the platform's dependencies.
func New(d service.Deps) *Server { return &Server{deps: d} }

// Register attaches the service to a gRPC server.
func (s *Server) Register(g *grpc.Server) { registryv1.RegisterRegistryServiceServer(g, s) }

// Close releases nothing yet; it exists so the runner can stop background work in order.
func (s *Server) Close() error { return nil }
