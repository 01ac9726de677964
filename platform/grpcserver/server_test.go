//lint:file-ignore SA1019 the deprecated v1alpha reflection is served on purpose, for older clients, and tested here.

package grpcserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionv1 "google.golang.org/grpc/reflection/grpc_reflection_v1"
	reflectionv1alpha "google.golang.org/grpc/reflection/grpc_reflection_v1alpha"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/grpcserver"
	"github.com/un-liaison/liaison/platform/internal/probeservice"
	"github.com/un-liaison/liaison/platform/logging"
)

// syncBuffer lets the server's goroutines log while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(b.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		out = append(out, m)
	}
	return out
}

type harness struct {
	srv    *grpcserver.Server
	probe  *probeservice.Server
	conn   *grpc.ClientConn
	logs   *syncBuffer
	cancel context.CancelFunc
	served chan error
}

func start(t *testing.T, opts grpcserver.Options) *harness {
	t.Helper()
	h := &harness{logs: &syncBuffer{}, probe: &probeservice.Server{}, served: make(chan error, 1)}
	if opts.Logger == nil {
		opts.Logger = logging.New(h.logs, "liaison-test", "debug", "json")
	}
	if opts.TracerProvider == nil {
		tp := sdktrace.NewTracerProvider()
		t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
		opts.TracerProvider = tp
	}
	opts.ServiceNames = append(opts.ServiceNames, probeservice.ServiceName)
	srv, err := grpcserver.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	h.srv = srv
	probeservice.Register(srv.GRPC(), h.probe)
	srv.SetServing()

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.served <- srv.Serve(ctx, lis) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-h.served:
		case <-time.After(15 * time.Second):
			t.Error("server did not stop")
		}
	})

	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	h.conn = conn
	return h
}

func callCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestHealthIsServingForEveryServiceName(t *testing.T) {
	t.Parallel()
	h := start(t, grpcserver.Options{ServiceNames: []string{"liaison.registry.v1.RegistryService"}})
	client := healthpb.NewHealthClient(h.conn)
	for _, name := range []string{"", "liaison.registry.v1.RegistryService", probeservice.ServiceName} {
		resp, err := client.Check(callCtx(t), &healthpb.HealthCheckRequest{Service: name})
		if err != nil {
			t.Fatalf("Check(%q): %v", name, err)
		}
		if resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			t.Errorf("Check(%q) = %v, want SERVING", name, resp.GetStatus())
		}
	}
	if _, err := client.Check(callCtx(t), &healthpb.HealthCheckRequest{Service: "liaison.unknown.v1.Nope"}); status.Code(err) != codes.NotFound {
		t.Errorf("unknown service: %v, want NOT_FOUND", err)
	}
}

func TestHealthStartsNotServing(t *testing.T) {
	t.Parallel()
	srv, err := grpcserver.New(grpcserver.Options{ServiceNames: []string{"liaison.events.v1.EventsService"}})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.Health().Check(context.Background(), &healthpb.HealthCheckRequest{Service: "liaison.events.v1.EventsService"})
	if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_NOT_SERVING {
		t.Fatalf("before SetServing: %v %v, want NOT_SERVING", resp.GetStatus(), err)
	}
}

func TestReflectionListsServicesInBothVersions(t *testing.T) {
	t.Parallel()
	h := start(t, grpcserver.Options{})
	want := []string{probeservice.ServiceName, "grpc.health.v1.Health"}

	v1, err := reflectionv1.NewServerReflectionClient(h.conn).ServerReflectionInfo(callCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := v1.Send(&reflectionv1.ServerReflectionRequest{
		MessageRequest: &reflectionv1.ServerReflectionRequest_ListServices{},
	}); err != nil {
		t.Fatal(err)
	}
	resp, err := v1.Recv()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range resp.GetListServicesResponse().GetService() {
		names = append(names, s.GetName())
	}
	for _, w := range want {
		if !slices.Contains(names, w) {
			t.Errorf("v1 reflection lists %v, missing %s", names, w)
		}
	}

	alpha, err := reflectionv1alpha.NewServerReflectionClient(h.conn).ServerReflectionInfo(callCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := alpha.Send(&reflectionv1alpha.ServerReflectionRequest{
		MessageRequest: &reflectionv1alpha.ServerReflectionRequest_ListServices{},
	}); err != nil {
		t.Fatal(err)
	}
	aresp, err := alpha.Recv()
	if err != nil {
		t.Fatal(err)
	}
	if len(aresp.GetListServicesResponse().GetService()) != len(names) {
		t.Errorf("v1alpha lists %d services, v1 %d", len(aresp.GetListServicesResponse().GetService()), len(names))
	}
}

func TestPanicBecomesInternalWithoutLeakingText(t *testing.T) {
	t.Parallel()
	h := start(t, grpcserver.Options{})
	err := h.conn.Invoke(callCtx(t), probeservice.PanicMethod, probeservice.NewRequest("boom"), probeservice.NewResponse())
	if status.Code(err) != codes.Internal {
		t.Fatalf("code = %v, want INTERNAL", status.Code(err))
	}
	if strings.Contains(err.Error(), "secret") {
		t.Fatalf("panic text reached the caller: %v", err)
	}
	var logged bool
	for _, l := range h.logs.lines(t) {
		if l["msg"] == "panic while serving a call" {
			logged = true
			if l["panic"] != "secret internal detail" || !strings.Contains(l["stack"].(string), "probeservice") {
				t.Errorf("panic log lacks the panic or the stack: %v", l)
			}
		}
	}
	if !logged {
		t.Fatalf("panic not logged: %v", h.logs.lines(t))
	}
	// The server survives the panic.
	if err := h.conn.Invoke(callCtx(t), probeservice.EchoMethod, probeservice.NewRequest("still here"), probeservice.NewResponse()); err != nil {
		t.Fatalf("after panic: %v", err)
	}
}

func TestInvalidRequestIsInvalidArgumentWithFieldViolations(t *testing.T) {
	t.Parallel()
	var reached atomic.Bool
	h := start(t, grpcserver.Options{UnaryInterceptors: []grpc.UnaryServerInterceptor{
		func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
			reached.Store(true)
			return handler(ctx, req)
		},
	}})
	err := h.conn.Invoke(callCtx(t), probeservice.EchoMethod, probeservice.NewRequest("ab"), probeservice.NewResponse())
	st := status.Convert(err)
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("code = %v (%v), want INVALID_ARGUMENT", st.Code(), err)
	}
	if !strings.Contains(st.Message(), "text") {
		t.Errorf("message %q does not say which field", st.Message())
	}
	var br *errdetails.BadRequest
	for _, d := range st.Details() {
		if b, ok := d.(*errdetails.BadRequest); ok {
			br = b
		}
	}
	if br == nil || len(br.GetFieldViolations()) != 1 {
		t.Fatalf("details = %v, want one BadRequest field violation", st.Details())
	}
	if fv := br.GetFieldViolations()[0]; fv.GetField() != "text" || fv.GetReason() != "string.min_len" || fv.GetDescription() == "" {
		t.Errorf("field violation = %v", fv)
	}
	if !reached.Load() {
		t.Error("caller's interceptor did not run before validation")
	}

	resp := probeservice.NewResponse()
	if err := h.conn.Invoke(callCtx(t), probeservice.EchoMethod, probeservice.NewRequest("abc"), resp); err != nil {
		t.Fatalf("valid request: %v", err)
	}
	if probeservice.Text(resp) != "abc" {
		t.Errorf("echo = %q", probeservice.Text(resp))
	}
}

func callLines(t *testing.T, logs *syncBuffer) []map[string]any {
	t.Helper()
	var calls []map[string]any
	for _, l := range logs.lines(t) {
		if l["msg"] == "grpc call" {
			calls = append(calls, l)
		}
	}
	return calls
}

// At info, the log holds the calls worth reading — failures, with their trace — and not the
// fast successes and probes that arrive thousands of times a second.
func TestFailedCallsAreLoggedWithTraceAndFastSuccessesAtDebug(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	h := start(t, grpcserver.Options{Logger: logging.New(logs, "liaison-test", "info", "json")})
	if err := h.conn.Invoke(callCtx(t), probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); err != nil {
		t.Fatal(err)
	}
	if _, err := healthpb.NewHealthClient(h.conn).Check(callCtx(t), &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatal(err)
	}
	if err := h.conn.Invoke(callCtx(t), probeservice.EchoMethod, probeservice.NewRequest("ab"), probeservice.NewResponse()); status.Code(err) != codes.InvalidArgument {
		t.Fatalf("short text: %v, want InvalidArgument", err)
	}
	calls := callLines(t, logs)
	if len(calls) != 1 {
		t.Fatalf("info log has %d call lines, want only the failed Echo: %v", len(calls), calls)
	}
	c := calls[0]
	if c["method"] != probeservice.EchoMethod || c["code"] != "InvalidArgument" || c["trace_id"] == nil || c["duration_ms"] == nil || c["error"] == nil {
		t.Errorf("call line = %v", c)
	}
}

func TestDebugLogsEverySuccessfulCall(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	h := start(t, grpcserver.Options{Logger: logging.New(logs, "liaison-test", "debug", "json")})
	if err := h.conn.Invoke(callCtx(t), probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); err != nil {
		t.Fatal(err)
	}
	calls := callLines(t, logs)
	if len(calls) != 1 || calls[0]["method"] != probeservice.EchoMethod || calls[0]["code"] != "OK" || calls[0]["level"] != "DEBUG" {
		t.Fatalf("debug log call lines = %v, want the Echo at DEBUG", calls)
	}
}

func TestServeStopsGracefullyOnCancel(t *testing.T) {
	t.Parallel()
	h := start(t, grpcserver.Options{ShutdownTimeout: 5 * time.Second})
	if err := h.conn.Invoke(callCtx(t), probeservice.EchoMethod, probeservice.NewRequest("warm"), probeservice.NewResponse()); err != nil {
		t.Fatal(err)
	}
	begun := time.Now()
	h.cancel()
	select {
	case err := <-h.served:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return")
	}
	if d := time.Since(begun); d > 2*time.Second {
		t.Errorf("idle server took %v to stop", d)
	}
	h.served <- nil // for the cleanup
	resp, err := h.srv.Health().Check(context.Background(), &healthpb.HealthCheckRequest{Service: probeservice.ServiceName})
	if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_NOT_SERVING {
		t.Fatalf("after stop: %v %v, want NOT_SERVING", resp.GetStatus(), err)
	}
}

func TestServeCutsOffCallsAfterTheShutdownTimeout(t *testing.T) {
	t.Parallel()
	const timeout = 300 * time.Millisecond
	h := start(t, grpcserver.Options{ShutdownTimeout: timeout})
	stream := h.holdStream(t)

	begun := time.Now()
	h.cancel()
	select {
	case err := <-h.served:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the shutdown timeout")
	}
	h.served <- nil
	if d := time.Since(begun); d < timeout || d > timeout+2*time.Second {
		t.Errorf("stopped after %v, want about %v", d, timeout)
	}
	if err := stream.RecvMsg(probeservice.NewResponse()); err == nil || err == io.EOF {
		t.Errorf("held stream ended with %v, want an error", err)
	}
}

func TestServeReportsListenerFailure(t *testing.T) {
	t.Parallel()
	srv, err := grpcserver.New(grpcserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_ = lis.Close()
	if err := srv.Serve(context.Background(), lis); err == nil {
		t.Fatal("Serve on a closed listener returned nil")
	}
}

// holdStream opens a Hold stream, like a watch, and returns once the server holds it.
func (h *harness) holdStream(t *testing.T) grpc.ClientStream {
	t.Helper()
	stream, err := h.conn.NewStream(callCtx(t), probeservice.HoldStream, probeservice.HoldMethod)
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.SendMsg(probeservice.NewRequest("hold on")); err != nil {
		t.Fatal(err)
	}
	if err := stream.CloseSend(); err != nil {
		t.Fatal(err)
	}
	if err := stream.RecvMsg(probeservice.NewResponse()); err != nil {
		t.Fatal(err)
	}
	return stream
}
