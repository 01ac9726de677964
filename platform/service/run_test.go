package service_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	reflectionv1 "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/internal/probeservice"
	"github.com/un-liaison/liaison/platform/logging"
	"github.com/un-liaison/liaison/platform/service"
)

var migrations = fstest.MapFS{
	"sqlite/0001_create_probes.sql":   {Data: []byte("CREATE TABLE probes (id INTEGER PRIMARY KEY)")},
	"postgres/0001_create_probes.sql": {Data: []byte("CREATE TABLE probes (id BIGINT PRIMARY KEY)")},
}

// fakeComponent serves the probe service and records what the runner did.
type fakeComponent struct {
	deps   service.Deps
	closed atomic.Int32
}

func (c *fakeComponent) Register(s *grpc.Server) { probeservice.Register(s, &probeservice.Server{}) }

func (c *fakeComponent) Close() error {
	c.closed.Add(1)
	// The database must still be open when the component closes.
	return c.deps.DB.Ping()
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func testConfig(t *testing.T, extra map[string]string) config.Common {
	t.Helper()
	env := map[string]string{
		"LIAISON_DATA_DIR":         t.TempDir(),
		"LIAISON_SHUTDOWN_TIMEOUT": "1s",
		"LIAISON_NOW":              "2025-05-19T09:00:00Z",
		"LIAISON_DEV_MODE":         "1",
	}
	for k, v := range extra {
		env[k] = v
	}
	cfg, err := config.LoadFrom[config.Common](env)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

type running struct {
	conn      *grpc.ClientConn
	component *fakeComponent
	cancel    context.CancelFunc
	done      chan error
	logs      *syncBuffer
	cfg       config.Common
}

func start(t *testing.T, cfg config.Common, policy auth.Policy) *running {
	t.Helper()
	r := &running{component: &fakeComponent{}, done: make(chan error, 1), logs: &syncBuffer{}, cfg: cfg}
	spec := service.Spec{
		Name:         "probe",
		ServiceNames: []string{probeservice.ServiceName},
		Migrations:   migrations,
		ListenAddr:   func(config.Common) string { return "127.0.0.1:0" },
		Policy:       policy,
		Build: func(_ context.Context, d service.Deps) (service.Component, error) {
			if d.DB == nil || d.Cache == nil || d.Clock == nil || d.Verifier == nil || d.Dial == nil || d.Logger == nil || d.Tracer == nil {
				return nil, errors.New("missing dependency")
			}
			r.component.deps = d
			return r.component, nil
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	addrs := make(chan string, 1)
	go func() {
		r.done <- service.Run(ctx, spec, cfg, nil, func(addr string) { addrs <- addr }, service.WithLogOutput(r.logs))
	}()
	var addr string
	select {
	case addr = <-addrs:
	case err := <-r.done:
		t.Fatalf("Run ended before ready: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("service not ready")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(10 * time.Second):
		}
	})
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	r.conn = conn
	return r
}

func callCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestRunServesAndStopsInOrder(t *testing.T) {
	t.Parallel()
	r := start(t, testConfig(t, nil), nil)

	// Health SERVING for the service and the server as a whole.
	health := healthpb.NewHealthClient(r.conn)
	for _, name := range []string{"", probeservice.ServiceName} {
		resp, err := health.Check(callCtx(t), &healthpb.HealthCheckRequest{Service: name})
		if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			t.Fatalf("health %q: %v %v", name, resp.GetStatus(), err)
		}
	}

	// Reflection lists the component's service.
	refl, err := reflectionv1.NewServerReflectionClient(r.conn).ServerReflectionInfo(callCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := refl.Send(&reflectionv1.ServerReflectionRequest{MessageRequest: &reflectionv1.ServerReflectionRequest_ListServices{}}); err != nil {
		t.Fatal(err)
	}
	listed, err := refl.Recv()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(listed.String(), probeservice.ServiceName) {
		t.Fatalf("reflection lists %v", listed.GetListServicesResponse())
	}

	// A panic in a handler becomes INTERNAL and the service stays up.
	err = r.conn.Invoke(callCtx(t), probeservice.PanicMethod, probeservice.NewRequest("boom"), probeservice.NewResponse())
	if status.Code(err) != codes.Internal || strings.Contains(err.Error(), "secret") {
		t.Fatalf("panic: %v", err)
	}

	// Watch health across the shutdown.
	watch, err := health.Watch(context.Background(), &healthpb.HealthCheckRequest{Service: probeservice.ServiceName})
	if err != nil {
		t.Fatal(err)
	}
	if first, err := watch.Recv(); err != nil || first.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("watch: %v %v", first.GetStatus(), err)
	}

	begun := time.Now()
	r.cancel()
	update, err := watch.Recv()
	if err != nil || update.GetStatus() != healthpb.HealthCheckResponse_NOT_SERVING {
		t.Fatalf("on shutdown health went %v (%v), want NOT_SERVING", update.GetStatus(), err)
	}
	select {
	case err := <-r.done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(r.cfg.ShutdownTimeout + 5*time.Second):
		t.Fatal("Run did not return within the shutdown deadline")
	}
	if d := time.Since(begun); d > r.cfg.ShutdownTimeout+3*time.Second {
		t.Errorf("shutdown took %v with a %v deadline", d, r.cfg.ShutdownTimeout)
	}
	r.done <- nil // for the cleanup
	if n := r.component.closed.Load(); n != 1 {
		t.Fatalf("component closed %d times, want once", n)
	}
	if err := r.component.deps.DB.Ping(); err == nil {
		t.Error("database still open after Run returned")
	}
	for _, want := range []string{`"service":"liaison-probe"`, `"msg":"serving"`, `"msg":"stopped"`, "panic while serving a call", "clock pinned"} {
		if !strings.Contains(r.logs.String(), want) {
			t.Errorf("logs lack %s", want)
		}
	}
}

func TestRunAcceptsDevTokensAndAppliesThePolicy(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t, nil)
	policy := func(method string, id auth.Identity, anonymous bool) error {
		if method == probeservice.EchoMethod && !id.HasRole(auth.RoleOfficer) {
			return status.Error(codes.PermissionDenied, "officers only")
		}
		return nil
	}
	r := start(t, cfg, policy)
	key, err := auth.LoadOrCreateDevKey(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	now := r.component.deps.Clock.Now()
	token, err := auth.IssueDevToken(key, auth.Claims{
		Roles: []auth.Role{auth.RoleOfficer},
		RegisteredClaims: jwt.RegisteredClaims{
			Subject: "olga", Issuer: cfg.OIDCIssuer, Audience: jwt.ClaimStrings{cfg.OIDCAudience},
		},
	}, time.Hour, now)
	if err != nil {
		t.Fatal(err)
	}
	if now.Year() != 2025 {
		t.Fatalf("LIAISON_NOW not applied to the clock: %v", now)
	}

	anon := r.conn.Invoke(callCtx(t), probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse())
	if status.Code(anon) != codes.PermissionDenied {
		t.Fatalf("anonymous: %v", anon)
	}
	ctx := metadata.AppendToOutgoingContext(callCtx(t), "authorization", "Bearer "+token)
	if err := r.conn.Invoke(ctx, probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); err != nil {
		t.Fatalf("officer with a dev token: %v", err)
	}
	bad := metadata.AppendToOutgoingContext(callCtx(t), "authorization", "Bearer "+token+"x")
	if err := r.conn.Invoke(bad, probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); status.Code(err) != codes.Unauthenticated {
		t.Fatalf("forged token: %v", err)
	}
}

func TestRunFailsCleanly(t *testing.T) {
	t.Parallel()
	buildFails := errors.New("registry unreachable")
	tests := []struct {
		name  string
		extra map[string]string
		build func(context.Context, service.Deps) (service.Component, error)
		want  string
	}{
		{"build-error", nil, func(context.Context, service.Deps) (service.Component, error) { return nil, buildFails }, "registry unreachable"},
		{"jwks-url-not-http", map[string]string{"LIAISON_JWKS_URL": "idp.example/jwks"}, nil, "LIAISON_JWKS_URL"},
		{"unreachable-database", map[string]string{"LIAISON_DATABASE_URL": "postgres://nobody:secret@127.0.0.1:1/db?connect_timeout=1"}, nil, "probe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			build := tt.build
			if build == nil {
				build = func(_ context.Context, d service.Deps) (service.Component, error) {
					return &fakeComponent{deps: d}, nil
				}
			}
			spec := service.Spec{
				Name: "probe", Migrations: migrations, Build: build,
				ListenAddr: func(config.Common) string { return "127.0.0.1:0" },
			}
			err := service.Run(context.Background(), spec, testConfig(t, tt.extra), nil, nil, service.WithLogOutput(&syncBuffer{}))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Run = %v, want an error mentioning %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Fatalf("error leaks the database password: %v", err)
			}
		})
	}
}

func TestRunRejectsAnIncompleteSpec(t *testing.T) {
	t.Parallel()
	if err := service.Run(context.Background(), service.Spec{Name: "probe"}, testConfig(t, nil), nil, nil); err == nil {
		t.Fatal("a Spec without Build was accepted")
	}
}

func TestMigrateAppliesAndReports(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t, nil)
	var logs syncBuffer
	logger := logging.New(&logs, "liaison-probe", "info", "json")
	spec := service.Spec{Name: "probe", Migrations: migrations}
	if err := service.Migrate(context.Background(), spec, cfg, logger); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "create_probes") {
		t.Fatalf("applied migration not reported: %s", logs.String())
	}
	if err := service.Migrate(context.Background(), spec, cfg, logger); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	if strings.Count(logs.String(), "create_probes") != 1 {
		t.Fatalf("migration applied twice: %s", logs.String())
	}
}

func TestLogConfigMasksSecrets(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t, map[string]string{"LIAISON_DATABASE_URL": "postgres://app:hunter2@db:5432/liaison"})
	var logs syncBuffer
	service.LogConfig(context.Background(), logging.New(&logs, "liaison-probe", "info", "json"), cfg)
	out := logs.String()
	if strings.Contains(out, "hunter2") || !strings.Contains(out, "postgres://***@db:5432/liaison") || !strings.Contains(out, "LIAISON_REGISTRY_ADDR") {
		t.Fatalf("config line: %s", out)
	}
}
