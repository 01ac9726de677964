// Package grpcserver builds the gRPC server every liaison service runs, so
// that all of them recover from panics, validate requests, log and trace
// calls, answer health checks and reflection, and shut down the same way.
package grpcserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"runtime"
	"time"

	"buf.build/go/protovalidate"
	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	"github.com/un-liaison/liaison/platform/logging"
)

// MaxMessageSize bounds request and response messages. Application documents
// may be 10 MiB; the rest is headroom for the envelope.
const MaxMessageSize = 12 << 20

// DefaultShutdownTimeout is used when Options.ShutdownTimeout is zero.
const DefaultShutdownTimeout = 8 * time.Second

// Options configures New.
type Options struct {
	Logger *slog.Logger
	// TracerProvider receives the server spans; nil disables tracing.
	TracerProvider trace.TracerProvider
	// MeterProvider receives the per-RPC call counts and latencies; nil
	// leaves them unrecorded.
	MeterProvider metric.MeterProvider
	// ServiceNames are the full gRPC service names (e.g.
	// "liaison.registry.v1.RegistryService") that get a health entry.
	ServiceNames []string
	// ShutdownTimeout bounds the graceful stop; calls still running after it
	// are cut off.
	ShutdownTimeout time.Duration
	// UnaryInterceptors and StreamInterceptors run after logging and panic
	// recovery and before request validation, so that an unauthenticated
	// caller learns nothing about what a valid request looks like.
	UnaryInterceptors  []grpc.UnaryServerInterceptor
	StreamInterceptors []grpc.StreamServerInterceptor
	// MaxConnectionAge is how long a client connection may live before the server asks the
	// client to reconnect (zero: DefaultMaxConnectionAge); MaxConnectionAgeGrace is how long
	// calls and streams still open then get to finish (zero: DefaultMaxConnectionAgeGrace).
	MaxConnectionAge      time.Duration
	MaxConnectionAgeGrace time.Duration
	// ServerOptions are appended last and so override the defaults.
	ServerOptions []grpc.ServerOption
}

// Server is a gRPC server with its health service. Register services on
// GRPC(), call SetServing once they are ready, then Serve.
type Server struct {
	grpc            *grpc.Server
	health          *health.Server
	names           []string
	logger          *slog.Logger
	shutdownTimeout time.Duration
}

// New builds the server. Health starts NOT_SERVING for every name until
// SetServing, so no load balancer sends traffic to a half-built service.
func New(opts Options) (*Server, error) {
	logger := opts.Logger
	if logger == nil {
		logger = logging.Discard()
	}
	logger = slog.New(logging.WithTrace(logger.Handler()))
	tp := opts.TracerProvider
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	timeout := opts.ShutdownTimeout
	if timeout <= 0 {
		timeout = DefaultShutdownTimeout
	}
	validator, err := protovalidate.New()
	if err != nil {
		return nil, fmt.Errorf("grpcserver: protovalidate: %w", err)
	}

	unary := []grpc.UnaryServerInterceptor{logCalls(logger), recoverPanics(logger)}
	unary = append(unary, opts.UnaryInterceptors...)
	unary = append(unary, validateUnary(validator))
	stream := []grpc.StreamServerInterceptor{logStreams(logger), recoverStreamPanics(logger)}
	stream = append(stream, opts.StreamInterceptors...)
	stream = append(stream, validateStream(validator))

	otelOpts := []otelgrpc.Option{otelgrpc.WithTracerProvider(tp)}
	if opts.MeterProvider != nil {
		otelOpts = append(otelOpts, otelgrpc.WithMeterProvider(opts.MeterProvider))
	}
	serverOpts := []grpc.ServerOption{
		grpc.StatsHandler(otelgrpc.NewServerHandler(otelOpts...)),
		grpc.ChainUnaryInterceptor(unary...),
		grpc.ChainStreamInterceptor(stream...),
		// Calls run on long-lived workers instead of a new goroutine each: a fresh goroutine's
		// stack grew and was copied on every call through the interceptor chain, a sixth of a
		// status lookup's CPU. A call arriving while every worker is busy still gets its own.
		grpc.NumStreamWorkers(streamWorkers()),
		grpc.MaxRecvMsgSize(MaxMessageSize),
		grpc.MaxSendMsgSize(MaxMessageSize),
	}
	serverOpts = append(serverOpts, connectionOptions(opts.MaxConnectionAge, opts.MaxConnectionAgeGrace)...)
	serverOpts = append(serverOpts, opts.ServerOptions...)

	s := &Server{
		grpc:            grpc.NewServer(serverOpts...),
		health:          health.NewServer(),
		names:           append([]string{""}, opts.ServiceNames...),
		logger:          logger,
		shutdownTimeout: timeout,
	}
	for _, name := range s.names {
		s.health.SetServingStatus(name, healthpb.HealthCheckResponse_NOT_SERVING)
	}
	healthpb.RegisterHealthServer(s.grpc, s.health)
	reflection.Register(s.grpc) // v1 and v1alpha: grpcurl and older tools both work
	return s, nil
}

// streamWorkers is enough idle workers for the calls a few cores keep in flight, including those
// waiting on the database.
func streamWorkers() uint32 { return uint32(max(16, 4*runtime.GOMAXPROCS(0))) }

// GRPC is the underlying server, to register services on.
func (s *Server) GRPC() *grpc.Server { return s.grpc }

// Health is the health service, for callers that track readiness in more
// detail than SetServing does (e.g. a dependency going away).
func (s *Server) Health() *health.Server { return s.health }

// SetServing marks the whole server and every service name SERVING.
func (s *Server) SetServing() {
	for _, name := range s.names {
		s.health.SetServingStatus(name, healthpb.HealthCheckResponse_SERVING)
	}
}

// SetNotServing marks the whole server and every service name NOT_SERVING
// while it is up but cannot do its job, e.g. its database is unreachable;
// SetServing undoes it. After Serve has begun shutting down, neither has any
// effect.
func (s *Server) SetNotServing() {
	for _, name := range s.names {
		s.health.SetServingStatus(name, healthpb.HealthCheckResponse_NOT_SERVING)
	}
}

// Serve serves on lis until ctx is cancelled, then shuts down: health goes
// NOT_SERVING for every name (so balancers drain this instance), in-flight
// calls get up to the shutdown timeout to finish, and whatever still runs
// after that is cut off. It returns nil after a shutdown asked for by ctx.
func (s *Server) Serve(ctx context.Context, lis net.Listener) error {
	served := make(chan error, 1)
	go func() { served <- s.grpc.Serve(lis) }()

	select {
	case err := <-served:
		s.health.Shutdown()
		if err == nil || errors.Is(err, grpc.ErrServerStopped) {
			return nil
		}
		return fmt.Errorf("grpcserver: serve %s: %w", lis.Addr(), err)
	case <-ctx.Done():
	}

	s.health.Shutdown()
	stopped := make(chan struct{})
	go func() {
		s.grpc.GracefulStop()
		close(stopped)
	}()
	timer := time.NewTimer(s.shutdownTimeout)
	defer timer.Stop()
	select {
	case <-stopped:
	case <-timer.C:
		s.logger.Warn("graceful stop timed out; closing remaining calls",
			slog.Duration("timeout", s.shutdownTimeout))
		s.grpc.Stop()
		<-stopped
	}
	if err := <-served; err != nil && !errors.Is(err, grpc.ErrServerStopped) {
		return fmt.Errorf("grpcserver: serve %s: %w", lis.Addr(), err)
	}
	return nil
}
