package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// WithAdminListener serves the admin endpoints on lis instead of on
// LIAISON_ADMIN_ADDR: the dev runner hosts every service in one process,
// where one configured address cannot be bound once per service.
func WithAdminListener(lis net.Listener) Option {
	return func(s *runSettings) { s.adminListener = lis }
}

// serveAdmin serves /metrics on lis, or on addr when lis is nil; with
// neither, the admin endpoints are off. The port is separate from the gRPC
// one so that scrapes never pass the access policy and are never exposed
// where the API is. The returned function stops the server.
func serveAdmin(lis net.Listener, addr string, metrics http.Handler, logger *slog.Logger) (func() error, error) {
	if lis == nil {
		if addr == "" {
			return func() error { return nil }, nil
		}
		var err error
		if lis, err = net.Listen("tcp", addr); err != nil {
			return nil, fmt.Errorf("admin endpoints on %s: %w", addr, err)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics)
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()
	logger.Info("admin endpoints serving", slog.String("addr", lis.Addr().String()))
	return func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx) // a scrape cut short is retried by Prometheus
		if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("admin endpoints: %w", err)
		}
		return nil
	}, nil
}
