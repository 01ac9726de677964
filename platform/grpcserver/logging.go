package grpcserver

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// SlowCall is how long a successful unary call may take and still be logged at debug only.
const SlowCall = 250 * time.Millisecond

// logCalls writes a line for each unary call that failed or was slow. A fast success gets a
// debug line only: status lookups arrive thousands of times a second, writing each one cost a
// sixth of the lookup's CPU, and the per-method metrics already count and time every call.
func logCalls(logger *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		start := time.Now()
		resp, err := handler(ctx, req)
		level := callLevel(info.FullMethod, status.Code(err))
		if err == nil && level == slog.LevelInfo && time.Since(start) < SlowCall {
			level = slog.LevelDebug
		}
		logCall(ctx, logger, level, info.FullMethod, start, err)
		return resp, err
	}
}

func logStreams(logger *slog.Logger) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		start := time.Now()
		err := handler(srv, ss)
		// Streams are few and long-lived; each one's end is worth a line.
		logCall(ss.Context(), logger, callLevel(info.FullMethod, status.Code(err)), info.FullMethod, start, err)
		return err
	}
}

func logCall(ctx context.Context, logger *slog.Logger, level slog.Level, method string, start time.Time, err error) {
	code := status.Code(err)
	if !logger.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", method),
		slog.String("code", code.String()),
		slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	logger.LogAttrs(ctx, level, "grpc call", attrs...)
}

// callLevel keeps probes and reflection out of the info log and puts the
// codes that mean "the server is broken" at error, so that alerts on error
// lines do not fire on callers' mistakes.
func callLevel(method string, code codes.Code) slog.Level {
	if strings.HasPrefix(method, "/grpc.health.v1.Health/") || strings.HasPrefix(method, "/grpc.reflection.") {
		return slog.LevelDebug
	}
	switch code {
	case codes.Internal, codes.Unknown, codes.DataLoss:
		return slog.LevelError
	case codes.Unavailable, codes.DeadlineExceeded, codes.ResourceExhausted, codes.Unimplemented:
		return slog.LevelWarn
	default:
		return slog.LevelInfo
	}
}
