// Package audit records every write made through a liaison service: who made it (subject,
// roles, organization), what (the RPC), when (on the service's clock), from which request id
// and trace, and how it ended. WithStore also keeps them in the service's database. Records are structured log lines with the message "audit", so
// they reach whatever collects the services' logs without any service having to write them.
package audit

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"go.opentelemetry.io/otel/trace"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
)

// Message is the log message of every audit record, to filter them by.
const Message = "audit"

// readPrefixes name the RPCs that only read, following the API's naming rules (AIP-131..136):
// Get, List, BatchGet; plus Watch streams, Download, the calendar feeds and Verify checks. Every other RPC
// changes something and is audited, so a new write is audited without anyone remembering to.
var readPrefixes = []string{"Get", "List", "BatchGet", "Watch", "Download", "Search", "Verify"}

// IsWrite reports whether fullMethod (e.g. "/liaison.events.v1.EventsService/CreateEvent")
// changes state. The platform's health and reflection services never do.
func IsWrite(fullMethod string) bool {
	service, method, ok := strings.Cut(strings.TrimPrefix(fullMethod, "/"), "/")
	if !ok || strings.HasPrefix(service, "grpc.") {
		return false
	}
	for _, p := range readPrefixes {
		if strings.HasPrefix(method, p) {
			return false
		}
	}
	return true
}

// Option adjusts Interceptors.
type Option func(*settings)

type settings struct{ store *Store }

// WithStore also appends every record to store, the service's audit_log table.
func WithStore(store *Store) Option { return func(s *settings) { s.store = store } }

// Interceptors record each write after it has run, with its outcome. They belong right after
// the authentication interceptors, which put the caller's identity in the context: a call those
// refuse (bad token, role not allowed) changed nothing and is left to the request log.
func Interceptors(logger *slog.Logger, clk clock.Clock, opts ...Option) (grpc.UnaryServerInterceptor, grpc.StreamServerInterceptor) {
	var s settings
	for _, o := range opts {
		o(&s)
	}
	unary := func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if !IsWrite(info.FullMethod) {
			return handler(ctx, req)
		}
		at := clk.Now()
		resp, err := handler(ctx, req)
		s.record(ctx, logger, entryFor(ctx, info.FullMethod, at, err))
		return resp, err
	}
	stream := func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		if !IsWrite(info.FullMethod) {
			return handler(srv, ss)
		}
		at := clk.Now()
		err := handler(srv, ss)
		s.record(ss.Context(), logger, entryFor(ss.Context(), info.FullMethod, at, err))
		return err
	}
	return unary, stream
}

// entryFor describes the call in ctx.
func entryFor(ctx context.Context, method string, at time.Time, err error) Entry {
	e := Entry{At: at.UTC(), Method: method, Outcome: status.Code(err).String()}
	if id, ok := auth.FromContext(ctx); ok {
		e.Subject, e.Organization = id.Subject, id.Org
		for _, r := range id.Roles {
			e.Roles = append(e.Roles, string(r))
		}
	}
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		if ids := md.Get("x-request-id"); len(ids) > 0 {
			e.RequestID = ids[0]
		}
	}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		e.TraceID = sc.TraceID().String()
	}
	return e
}

// record logs e and, with a store, keeps it. A failure to keep it is logged, not returned: the
// write itself has happened and its caller must hear how it went.
func (s settings) record(ctx context.Context, logger *slog.Logger, e Entry) {
	attrs := []slog.Attr{
		slog.String("method", e.Method),
		slog.Time("at", e.At),
		slog.String("outcome", e.Outcome),
	}
	if e.Subject != "" {
		attrs = append(attrs, slog.Group("actor",
			slog.String("subject", e.Subject),
			slog.Any("roles", e.Roles),
			slog.String("organization", e.Organization),
		))
	} else {
		attrs = append(attrs, slog.Group("actor", slog.Bool("anonymous", true)))
	}
	if e.RequestID != "" {
		attrs = append(attrs, slog.String("request_id", e.RequestID))
	}
	logger.LogAttrs(ctx, slog.LevelInfo, Message, attrs...)
	if s.store != nil {
		if err := s.store.Record(context.WithoutCancel(ctx), e); err != nil {
			logger.WarnContext(ctx, "cannot keep the audit record", slog.String("method", e.Method), slog.String("error", err.Error()))
		}
	}
}
