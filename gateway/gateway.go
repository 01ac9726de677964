// Package gateway is liaison's REST edge: it translates HTTP+JSON into gRPC calls to the
// registry, accreditation and events services (grpc-gateway), and answers the operational
// endpoints /healthz, /readyz and /openapi.json.
package gateway

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/klauspost/compress/gzhttp"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/un-liaison/liaison/platform/admin"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/grpcclient"
	"github.com/un-liaison/liaison/platform/logging"
	"github.com/un-liaison/liaison/platform/telemetry"
)

// Run serves the edge on lis (or on cfg.HTTPAddr when lis is nil) until ctx is cancelled,
// then drains in-flight requests within the shutdown timeout and flushes its spans.
func Run(ctx context.Context, cfg config.Common, lis net.Listener, opts ...Option) error {
	var settings runSettings
	for _, o := range opts {
		o(&settings)
	}
	log := logging.New(os.Stderr, "gateway", cfg.LogLevel, cfg.LogFormat)
	tel, err := telemetry.Setup(ctx, "gateway")
	if err != nil {
		return fmt.Errorf("telemetry: %w", err)
	}
	defer func() {
		flushCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = tel.Shutdown(flushCtx)
	}()

	handler, closeBackends, err := newHandler(ctx, cfg, tel, log)
	if err != nil {
		return err
	}
	defer closeBackends()

	if lis == nil {
		if lis, err = net.Listen("tcp", cfg.HTTPAddr); err != nil {
			return fmt.Errorf("gateway: %w", err)
		}
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Metrics and the profiler live on the admin port only.
	stopAdmin, err := admin.Serve(settings.adminListener, cfg.AdminAddr, tel.Metrics.Handler(), log)
	if err != nil {
		_ = lis.Close()
		return err
	}
	defer func() { _ = stopAdmin() }()
	log.Info("gateway serving", "addr", lis.Addr().String())
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(lis) }()

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		_ = srv.Close()
	}
	if err := <-serveErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("gateway stopped")
	return nil
}

// newHandler dials every backend and builds the edge's handler chain around the routes.
func newHandler(ctx context.Context, cfg config.Common, tel *telemetry.Telemetry, log *slog.Logger) (http.Handler, func(), error) {
	mux := runtime.NewServeMux(
		runtime.WithErrorHandler(errorHandler(log)),
		runtime.WithMarshalerOption(runtime.MIMEWildcard, &runtime.HTTPBodyMarshaler{Marshaler: jsonMarshaler()}),
		runtime.WithIncomingHeaderMatcher(forwardHeader),
		runtime.WithMiddlewares(labelRoute),
		runtime.WithRoutingErrorHandler(writeRoutingError),
		// A form POST must not turn into a GET of the same path.
		runtime.WithDisablePathLengthFallback(),
		// Hands a status lookup's answer to the status view when the view sent it through.
		runtime.WithForwardResponseOption(captureStatus),
	)
	clk, err := clock.FromConfig(cfg.Now)
	if err != nil {
		return nil, nil, err
	}
	verifier, err := auth.NewConfiguredVerifier(ctx, cfg, clk, log)
	if err != nil {
		return nil, nil, err
	}
	proxies, err := parseTrustedProxies(cfg.TrustedProxies)
	if err != nil {
		return nil, nil, err
	}
	lim, closeLimiter, err := newLimiter(cfg, log)
	if err != nil {
		return nil, nil, fmt.Errorf("rate limits: %w", err)
	}
	dialed := make([]dialedBackend, 0, len(backends))
	closeAll := func() {
		for _, d := range dialed {
			_ = d.conn.Close()
		}
		_ = closeLimiter()
	}
	for _, b := range backends {
		// The edge does not retry on the caller's behalf: a service that is down should be
		// reported at once as 503 with Retry-After, and writes must never be sent twice.
		conn, err := grpcclient.Dial(b.addr(cfg), tel.TracerProvider, grpc.WithDisableRetry())
		if err != nil {
			closeAll()
			return nil, nil, fmt.Errorf("dial %s at %s: %w", b.name, b.addr(cfg), err)
		}
		dialed = append(dialed, dialedBackend{backend: b, conn: conn})
		if err := b.register(ctx, mux, conn); err != nil {
			closeAll()
			return nil, nil, fmt.Errorf("register %s routes: %w", b.name, err)
		}
	}

	web, closePortal, err := newPortal(cfg, tel, log)
	if err != nil {
		closeAll()
		return nil, nil, fmt.Errorf("portal: %w", err)
	}
	closeBackends := closeAll
	closeAll = func() {
		_ = closePortal()
		closeBackends()
	}

	routes, stopView, err := withStatusViewIfOn(ctx, withEventFeedAlias(mux), cfg, clk, verifier, dialed, tel, log)
	if err != nil {
		closeAll()
		return nil, nil, err
	}
	closeRoutes := closeAll
	closeAll = func() {
		stopView()
		closeRoutes()
	}

	root := http.NewServeMux()
	root.Handle("/portal/", web)
	root.HandleFunc("GET /healthz", serveLiveness)
	root.HandleFunc("GET /readyz", readiness(dialed))
	root.HandleFunc("GET /openapi.json", serveOpenAPI)
	root.Handle("GET /docs", serveDocs())
	root.Handle("GET /docs/", serveDocs())
	root.Handle("GET "+credentialKeysPath, serveCredentialKeys(dialed))
	root.Handle("/", rejectInvalidUTF8(routedByTemplate(routes)))

	// Outermost first: tracing (which honours an incoming traceparent), the request id, CORS (so
	// that even a 429 or 401 is readable by the page that caused it), the caller's token and rate,
	// the body limit, then compression of what the routes answer.
	var h http.Handler = gzhttp.GzipHandler(root)
	h = withBodyLimit(h)
	h = rateLimited(h, lim, cfg.RateLimits, verifier, proxies)
	h = withCORS(h, cfg.CORSOrigins)
	traced := otelhttp.NewHandler(withRequestID(h), "gateway",
		otelhttp.WithTracerProvider(tel.TracerProvider),
		measured(tel),
		otelhttp.WithFilter(func(r *http.Request) bool { return !isProbe(r.URL.Path) }),
		otelhttp.WithSpanNameFormatter(spanName),
		otelhttp.WithServerName(serverName(cfg.HTTPAddr)),
	)
	log.Debug("gateway routes registered", "backends", len(dialed))
	return traced, closeAll, nil
}

// jsonMarshaler settles the REST JSON shape once: lowerCamelCase names, enums by name, and an
// unknown field in a request body is an error rather than silently dropped, so a typo is caught
// at once. Scalars, lists and maps are always there, zero or not; a message field (a timestamp,
// a date, a nested object) that is not set is left out rather than written as null, and so is
// an unset member of a oneof. /openapi.json says exactly this: the always-present fields are
// `required` in every response schema, the others are optional and never nullable.
func jsonMarshaler() *runtime.JSONPb {
	return &runtime.JSONPb{
		MarshalOptions:   protojson.MarshalOptions{EmitDefaultValues: true},
		UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
	}
}

// forwardHeader passes the request id to the services (so their logs carry it) on top of the
// headers grpc-gateway forwards by default, Authorization among them.
func forwardHeader(key string) (string, bool) {
	if strings.EqualFold(key, requestIDHeader) {
		return "x-request-id", true
	}
	return runtime.DefaultHeaderMatcher(key)
}

func isProbe(path string) bool { return path == "/healthz" || path == "/readyz" }
