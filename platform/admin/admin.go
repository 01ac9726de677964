// Package admin serves a process's operational endpoints — metrics and the profiler — on a port
// of their own, apart from the API.
package admin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// Serve serves /metrics and the Go profiler (/debug/pprof/) on lis, or
// on addr when lis is nil; with neither, the admin endpoints are off. The
// port is separate from the API's so that scrapes never pass the access
// policy and neither is ever exposed where the API is: profiles are how a
// slow path is found on a running service, and only operators reach this
// port. The returned function stops the server.
func Serve(lis net.Listener, addr string, metrics http.Handler, logger *slog.Logger) (func() error, error) {
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
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
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
