package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"time"

	"google.golang.org/grpc"

	"github.com/un-liaison/liaison/platform/admin"
	"github.com/un-liaison/liaison/platform/audit"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/grpcclient"
	"github.com/un-liaison/liaison/platform/grpcserver"
	"github.com/un-liaison/liaison/platform/logging"
	"github.com/un-liaison/liaison/platform/metrics"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/telemetry"
)

// Option adjusts Run, for the dev runner and tests.
type Option func(*runSettings)

type runSettings struct {
	logOutput       io.Writer
	telemetry       []telemetry.Option
	adminListener   net.Listener
	dbCheckInterval time.Duration
}

// WithLogOutput sends the service's logs to w instead of stderr.
func WithLogOutput(w io.Writer) Option {
	return func(s *runSettings) { s.logOutput = w }
}

// WithTelemetryOptions passes options to telemetry.Setup, e.g. an
// in-memory exporter in tests.
func WithTelemetryOptions(opts ...telemetry.Option) Option {
	return func(s *runSettings) { s.telemetry = append(s.telemetry, opts...) }
}

// flushTimeout bounds the final span flush, which must not hold up a
// shutdown when the collector is gone.
const flushTimeout = 5 * time.Second

// Run starts the service and serves until ctx is cancelled. It listens on
// lis (which it closes when it returns), or on spec.ListenAddr(cfg) when lis
// is nil, and calls ready with the
// address once the service is SERVING. On cancellation it stops in order:
// health NOT_SERVING, graceful stop within cfg.ShutdownTimeout, the
// component's Close, cache and database closed, spans flushed.
func Run(ctx context.Context, spec Spec, cfg config.Common, lis net.Listener, ready func(addr string), opts ...Option) (err error) {
	if spec.Name == "" || spec.Build == nil || (lis == nil && spec.ListenAddr == nil) {
		return errors.New("service: a Spec needs Name, Build and, without a listener, ListenAddr")
	}
	s := runSettings{logOutput: os.Stderr}
	for _, o := range opts {
		o(&s)
	}

	// Resources are released in the reverse order of their creation, and
	// every failure to release is reported.
	var closers []func() error
	defer func() {
		for i := len(closers) - 1; i >= 0; i-- {
			err = errors.Join(err, closers[i]())
		}
	}()

	tel, err := telemetry.Setup(ctx, spec.Name, s.telemetry...)
	if err != nil {
		return err
	}
	closers = append(closers, func() error {
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), flushTimeout)
		defer cancel()
		return tel.Shutdown(fctx)
	})
	tp := tel.TracerProvider
	mp := tel.Metrics.MeterProvider
	logger := logging.New(s.logOutput, tel.ServiceName, cfg.LogLevel, cfg.LogFormat)

	if lis == nil {
		addr := spec.ListenAddr(cfg)
		if lis, err = net.Listen("tcp", addr); err != nil {
			return fmt.Errorf("service %s: listening on %s: %w", spec.Name, addr, err)
		}
	}
	closers = append(closers, ignoreClosed(lis.Close))

	clk, err := clock.FromConfig(cfg.Now)
	if err != nil {
		return err
	}
	if fixed, ok := clk.(clock.Fixed); ok {
		logger.InfoContext(ctx, "clock pinned by LIAISON_NOW", slog.Time("now", fixed.Now()))
	}

	var db *sqldb.DB
	if spec.Migrations != nil {
		db, err = sqldb.Open(ctx, sqldb.Options{
			Service:           spec.Name,
			DataDir:           cfg.DataDir,
			DatabaseURL:       cfg.DatabaseURL,
			TransactionPooler: cfg.DatabasePoolMode == "transaction",
			Migrations:        spec.Migrations,
			TracerProvider:    tp,
			Logger:            logger,
		})
		if err != nil {
			return fmt.Errorf("service %s: %w", spec.Name, err)
		}
		closers = append(closers, db.Close)
		if err := metrics.ObserveDBPool(mp, spec.Name, db.Stats); err != nil {
			return err
		}
	}

	backend, err := cache.New(ctx, cfg.RedisURL, tp, logger)
	if err != nil {
		return fmt.Errorf("service %s: %w", spec.Name, err)
	}
	closers = append(closers, backend.Close)

	verifier, err := newVerifier(ctx, cfg, clk, logger)
	if err != nil {
		return fmt.Errorf("service %s: %w", spec.Name, err)
	}
	var authOpts []auth.Option
	if spec.Policy != nil {
		authOpts = append(authOpts, auth.WithPolicy(spec.Policy))
	}
	authUnary, authStream := auth.ServerInterceptors(verifier, authOpts...)
	// Every write is recorded with its caller, once authentication has named them.
	var auditOpts []audit.Option
	if db != nil {
		auditOpts = append(auditOpts, audit.WithStore(audit.NewStore(db)))
	}
	auditUnary, auditStream := audit.Interceptors(logger, clk, auditOpts...)

	srv, err := grpcserver.New(grpcserver.Options{
		Logger:                logger,
		TracerProvider:        tp,
		MeterProvider:         mp,
		ServiceNames:          spec.ServiceNames,
		ShutdownTimeout:       cfg.ShutdownTimeout,
		MaxConnectionAge:      cfg.GRPCMaxConnectionAge,
		MaxConnectionAgeGrace: cfg.GRPCMaxConnectionAgeGrace,
		UnaryInterceptors:     []grpc.UnaryServerInterceptor{authUnary, auditUnary},
		StreamInterceptors:    []grpc.StreamServerInterceptor{authStream, grpcserver.LimitStreams(cfg.Streams, clk), auditStream},
	})
	if err != nil {
		return err
	}

	component, err := spec.Build(ctx, Deps{
		Config:   cfg,
		Logger:   logger,
		Tracer:   tp,
		Meter:    mp,
		DB:       db,
		Cache:    cache.WithMeterProvider(cache.WithPrefix(backend, "liaison:"+spec.Name+":"), mp),
		Clock:    clk,
		Verifier: verifier,
		Dial:     func(target string) (*grpc.ClientConn, error) { return grpcclient.Dial(target, tp) },
	})
	if err != nil {
		return fmt.Errorf("service %s: build: %w", spec.Name, err)
	}
	closers = append(closers, component.Close)
	component.Register(srv.GRPC())

	stopAdmin, err := admin.Serve(s.adminListener, cfg.AdminAddr, tel.Metrics.Handler(), logger)
	if err != nil {
		return fmt.Errorf("service %s: %w", spec.Name, err)
	}
	closers = append(closers, stopAdmin)

	srv.SetServing()
	if db != nil {
		wctx, stopWatch := context.WithCancel(ctx)
		watched := make(chan struct{})
		go func() {
			defer close(watched)
			watchDatabase(wctx, db.PingContext, srv, s.dbCheckInterval, logger)
		}()
		// Stopped before the database is closed, so it never reports the
		// close as an outage.
		closers = append(closers, func() error { stopWatch(); <-watched; return nil })
	}
	addr := lis.Addr().String()
	logger.InfoContext(ctx, "serving", slog.String("addr", addr))
	if ready != nil {
		ready(addr)
	}
	if err := srv.Serve(ctx, lis); err != nil {
		return err
	}
	logger.InfoContext(context.WithoutCancel(ctx), "stopped")
	return nil
}

// newVerifier checks tokens against the identity provider's JWKS when
// LIAISON_JWKS_URL is set and against the dev signing key otherwise; the key
// set's refresh loop lives as long as the service.
func newVerifier(ctx context.Context, cfg config.Common, clk clock.Clock, logger *slog.Logger) (auth.Verifier, error) {
	return auth.NewConfiguredVerifier(ctx, cfg, clk, logger)
}

// ignoreClosed turns "already closed" into success: grpc closes the
// listener itself when it stops serving.
func ignoreClosed(closeFn func() error) func() error {
	return func() error {
		if err := closeFn(); err != nil && !errors.Is(err, net.ErrClosed) {
			return err
		}
		return nil
	}
}
