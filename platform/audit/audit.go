// Package audit records every write made through a liaison service: who made it (subject,
// roles, organization), what (the RPC), when (on the service's clock), from which request id
// and trace (the logger adds trace_id from the context), and how it ended. Records are structured log lines with the message "audit", so
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

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
)

// Message is the log message of every audit record, to filter them by.
const Message = "audit"

// readPrefixes name the RPCs that only read, following the API's naming rules (AIP-131..136):
// Get, List, BatchGet; plus Watch streams, Download and the calendar feeds. Every other RPC
// changes something and is audited, so a new write is audited without anyone remembering to.
var readPrefixes = []string{"Get", "List", "BatchGet", "Watch", "Download", "Search"}

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

// Interceptors record each write after it has run, with its outcome. They belong right after
// the authentication interceptors, which put the caller's identity in the context: a call those
// refuse (bad token, role not allowed) changed nothing and is left to the request log.
func Interceptors(logger *slog.Logger, clk clock.Clock) (grpc.UnaryServerInterceptor, grpc.StreamServerInterceptor) {
	unary := func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if !IsWrite(info.FullMethod) {
			return handler(ctx, req)
		}
		at := clk.Now()
		resp, err := handler(ctx, req)
		record(ctx, logger, info.FullMethod, at, err)
		return resp, err
	}
	stream := func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		if !IsWrite(info.FullMethod) {
			return handler(srv, ss)
		}
		at := clk.Now()
		err := handler(srv, ss)
		record(ss.Context(), logger, info.FullMethod, at, err)
		return err
	}
	return unary, stream
}

func record(ctx context.Context, logger *slog.Logger, method string, at time.Time, err error) {
	attrs := []slog.Attr{
		slog.String("method", method),
		slog.Time("at", at.UTC()),
		slog.String("outcome", status.Code(err).String()),
	}
	if id, ok := auth.FromContext(ctx); ok {
		roles := make([]string, len(id.Roles))
		for i, r := range id.Roles {
			roles[i] = string(r)
		}
		attrs = append(attrs, slog.Group("actor",
			slog.String("subject", id.Subject),
			slog.Any("roles", roles),
			slog.String("organization", id.Org),
		))
	} else {
		attrs = append(attrs, slog.Group("actor", slog.Bool("anonymous", true)))
	}
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		if ids := md.Get("x-request-id"); len(ids) > 0 {
			attrs = append(attrs, slog.String("request_id", ids[0]))
		}
	}
	logger.LogAttrs(ctx, slog.LevelInfo, Message, attrs...)
}
