package grpcclient_test

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/grpcclient"
	"github.com/un-liaison/liaison/platform/grpcserver"
	"github.com/un-liaison/liaison/platform/internal/probeservice"
	"github.com/un-liaison/liaison/platform/telemetry"
)

// seen records what the server observed about each call.
type seen struct {
	mu            sync.Mutex
	attempts      int
	deadline      time.Duration
	authorization []string
	traceID       trace.TraceID
}

// observed is a copy of what the server saw, taken under the lock.
type observed struct {
	attempts      int
	deadline      time.Duration
	authorization []string
	traceID       trace.TraceID
}

func (s *seen) get() observed {
	s.mu.Lock()
	defer s.mu.Unlock()
	return observed{s.attempts, s.deadline, s.authorization, s.traceID}
}

// peer starts a probe server that fails the first failFirst calls with
// UNAVAILABLE and records what it sees.
func peer(t *testing.T, failFirst int) (addr string, s *seen) {
	t.Helper()
	s = &seen{}
	record := func(ctx context.Context, info *grpc.UnaryServerInfo, handler func(context.Context) (any, error)) (any, error) {
		s.mu.Lock()
		s.attempts++
		attempt := s.attempts
		if d, ok := ctx.Deadline(); ok {
			s.deadline = time.Until(d)
		}
		md, _ := metadata.FromIncomingContext(ctx)
		s.authorization = md.Get("authorization")
		s.traceID = trace.SpanContextFromContext(ctx).TraceID()
		s.mu.Unlock()
		if attempt <= failFirst {
			return nil, status.Error(codes.Unavailable, "warming up")
		}
		return handler(ctx)
	}
	srv, err := grpcserver.New(grpcserver.Options{
		TracerProvider: sdktrace.NewTracerProvider(),
		UnaryInterceptors: []grpc.UnaryServerInterceptor{
			func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
				return record(ctx, info, func(ctx context.Context) (any, error) { return handler(ctx, req) })
			},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	probeservice.Register(srv.GRPC(), &probeservice.Server{})
	srv.SetServing()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = srv.Serve(ctx, lis); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return lis.Addr().String(), s
}

func dial(t *testing.T, addr string, tp trace.TracerProvider) *grpc.ClientConn {
	t.Helper()
	conn, err := grpcclient.Dial(addr, tp)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

func TestRetriesUnavailableUpToThreeAttempts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		failFirst int
		wantCode  codes.Code
		attempts  int
	}{
		{"succeeds-on-third-attempt", 2, codes.OK, 3},
		{"gives-up-after-three", 5, codes.Unavailable, 3},
		{"no-retry-needed", 0, codes.OK, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			addr, s := peer(t, tt.failFirst)
			conn := dial(t, addr, nil)
			err := conn.Invoke(context.Background(), probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse())
			if status.Code(err) != tt.wantCode {
				t.Fatalf("code = %v (%v), want %v", status.Code(err), err, tt.wantCode)
			}
			if s.get().attempts != tt.attempts {
				t.Fatalf("attempts = %d, want %d", s.get().attempts, tt.attempts)
			}
		})
	}
}

func TestDoesNotRetryOtherCodes(t *testing.T) {
	t.Parallel()
	addr, s := peer(t, 0)
	conn := dial(t, addr, nil)
	err := conn.Invoke(context.Background(), probeservice.EchoMethod, probeservice.NewRequest("x"), probeservice.NewResponse())
	if status.Code(err) != codes.InvalidArgument || s.get().attempts != 1 {
		t.Fatalf("code %v after %d attempts, want INVALID_ARGUMENT after 1", status.Code(err), s.get().attempts)
	}
}

func TestDefaultDeadlineOnlyWhenCallerSetNone(t *testing.T) {
	t.Parallel()
	addr, s := peer(t, 0)
	conn := dial(t, addr, nil)

	if err := conn.Invoke(context.Background(), probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); err != nil {
		t.Fatal(err)
	}
	if s.get().deadline <= 0 || s.get().deadline > grpcclient.DefaultCallTimeout {
		t.Fatalf("server saw deadline %v, want up to %v", s.get().deadline, grpcclient.DefaultCallTimeout)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := conn.Invoke(ctx, probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); err != nil {
		t.Fatal(err)
	}
	if s.get().deadline <= grpcclient.DefaultCallTimeout {
		t.Fatalf("caller's 1m deadline replaced: server saw %v", s.get().deadline)
	}
}

func TestForwardsTheCallersAuthorization(t *testing.T) {
	t.Parallel()
	addr, s := peer(t, 0)
	conn := dial(t, addr, nil)
	tests := []struct {
		name     string
		ctx      context.Context
		expected []string
	}{
		{"incoming-token-forwarded", metadata.NewIncomingContext(context.Background(), metadata.Pairs("authorization", "Bearer user-token")), []string{"Bearer user-token"}},
		{"explicit-outgoing-token-wins", metadata.AppendToOutgoingContext(
			metadata.NewIncomingContext(context.Background(), metadata.Pairs("authorization", "Bearer user-token")),
			"authorization", "Bearer service-token"), []string{"Bearer service-token"}},
		{"anonymous-stays-anonymous", context.Background(), nil},
	}
	for _, tt := range tests {
		if err := conn.Invoke(tt.ctx, probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(s.get().authorization) != len(tt.expected) || (len(tt.expected) > 0 && s.get().authorization[0] != tt.expected[0]) {
			t.Errorf("%s: server saw authorization %v, want %v", tt.name, s.get().authorization, tt.expected)
		}
	}
}

func TestPropagatesTheTrace(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tel, err := telemetry.Setup(context.Background(), "gateway", telemetry.WithExporter(exp))
	if err != nil {
		t.Fatal(err)
	}
	addr, s := peer(t, 0)
	conn := dial(t, addr, tel.TracerProvider)
	ctx, span := tel.Tracer("test").Start(context.Background(), "list organizations")
	if err := conn.Invoke(ctx, probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); err != nil {
		t.Fatal(err)
	}
	span.End()
	if s.get().traceID != span.SpanContext().TraceID() {
		t.Fatalf("server trace %v, client trace %v", s.get().traceID, span.SpanContext().TraceID())
	}
	var clientSpan bool
	for _, sp := range exp.GetSpans() {
		if sp.Name == "liaison.platformtest.v1.ProbeService/Echo" && sp.SpanKind == trace.SpanKindClient {
			clientSpan = true
		}
	}
	if !clientSpan {
		t.Fatalf("no client span among %d spans", len(exp.GetSpans()))
	}
}
