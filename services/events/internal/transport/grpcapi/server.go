// Package grpcapi maps the events service's protobuf contract onto its use cases: it holds the
// access policy the platform's interceptor applies, converts messages to domain values and back,
// and turns domain errors into gRPC statuses in one place.
package grpcapi

import (
	"context"
	"log/slog"

	"google.golang.org/grpc"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/services/events/internal/app"
)

// actorOf is the caller as the use cases see it; anonymous when no valid token came.
func actorOf(ctx context.Context) app.Actor { return app.Actor(auth.CallerFrom(ctx)) }

// Server answers eventsv1.EventsService.
type Server struct {
	eventsv1.UnimplementedEventsServiceServer
	app   *app.Service
	clock app.Clock
	log   *slog.Logger
	// closers are released by Close, in order (clients of other services, background jobs).
	closers []func() error
	// stopping is closed when the process starts shutting down, so change streams end at once
	// (UNAVAILABLE: resume from your cursor) instead of holding a graceful stop to its deadline.
	stopping <-chan struct{}
}

// EndStreamsWhen makes the designation change streams end, with UNAVAILABLE so consumers
// reconnect and resume, when done is closed.
func (s *Server) EndStreamsWhen(done <-chan struct{}) { s.stopping = done }

// New builds the server over the use cases. closers are run by Close.
func New(a *app.Service, clock app.Clock, log *slog.Logger, closers ...func() error) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Server{app: a, clock: clock, log: log, closers: closers}
}

// Register attaches the service to a gRPC server.
func (s *Server) Register(g *grpc.Server) { eventsv1.RegisterEventsServiceServer(g, s) }

// Close releases what the server holds, so the runner can stop it in order.
func (s *Server) Close() error {
	var first error
	for _, c := range s.closers {
		if err := c(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
