// Package grpcapi maps the accreditation service's protobuf contract onto
// its use cases: it holds the table of who may call each method (applied by
// the platform's interceptor), converts messages to and from the domain, and
// turns domain refusals into gRPC statuses.
package grpcapi

import (
	"context"
	"log/slog"

	"google.golang.org/grpc"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// actorOf is the caller as the domain sees it; the zero Actor when no valid token came.
func actorOf(ctx context.Context) domain.Actor { return domain.Actor(auth.CallerFrom(ctx)) }

// Server answers accreditationv1.AccreditationService.
type Server struct {
	accreditationv1.UnimplementedAccreditationServiceServer
	app   *app.Service
	clock app.Clock
	log   *slog.Logger
	// stopping is closed when the process starts shutting down, so
	// long-lived streams end and let the graceful stop finish.
	stopping <-chan struct{}
}

// NewServer wraps the use cases.
func NewServer(svc *app.Service, clock app.Clock, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Server{app: svc, clock: clock, log: log}
}

// EndStreamsWhen makes change streams end, with UNAVAILABLE so consumers
// reconnect with their cursor, once done is closed (the process is
// stopping); otherwise a graceful stop would wait for them until its
// deadline.
func (s *Server) EndStreamsWhen(done <-chan struct{}) { s.stopping = done }

// Register attaches the service to a gRPC server.
func (s *Server) Register(g *grpc.Server) { accreditationv1.RegisterAccreditationServiceServer(g, s) }

func (s *Server) fail(ctx context.Context, err error) error { return toStatus(ctx, s.log, err) }

// reply is a unary handler's answer: resp, or, when the use case failed, err as a status.
func reply[R any](ctx context.Context, s *Server, resp R, err error) (R, error) {
	if err != nil {
		var none R
		return none, s.fail(ctx, err)
	}
	return resp, nil
}

func (s *Server) application(a domain.Application) *accreditationv1.Application {
	return applicationToProto(a, s.clock.Now())
}
