package auth_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/grpcserver"
	"github.com/un-liaison/liaison/platform/internal/probeservice"
)

// whoami records the identity the handler saw, via an interceptor placed
// after the auth ones.
type whoami struct {
	id        auth.Identity
	anonymous bool
}

func serve(t *testing.T, v auth.Verifier, opts ...auth.Option) (*grpc.ClientConn, chan whoami) {
	t.Helper()
	seen := make(chan whoami, 10)
	unary, stream := auth.ServerInterceptors(v, opts...)
	record := func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		id, ok := auth.FromContext(ctx)
		seen <- whoami{id: id, anonymous: !ok}
		return handler(ctx, req)
	}
	recordStream := func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		id, ok := auth.FromContext(ss.Context())
		seen <- whoami{id: id, anonymous: !ok}
		return handler(srv, ss)
	}
	srv, err := grpcserver.New(grpcserver.Options{
		UnaryInterceptors:  []grpc.UnaryServerInterceptor{unary, record},
		StreamInterceptors: []grpc.StreamServerInterceptor{stream, recordStream},
	})
	if err != nil {
		t.Fatal(err)
	}
	probeservice.Register(srv.GRPC(), &probeservice.Server{})
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = srv.Serve(ctx, lis); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn, seen
}

func echo(conn *grpc.ClientConn, authorization ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, a := range authorization {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", a)
	}
	return conn.Invoke(ctx, probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse())
}

func TestInterceptorsAuthenticateCallers(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(pinned))
	conn, seen := serve(t, v)
	valid, err := auth.IssueDevToken(key, devClaims("olga", auth.RoleOfficer), time.Hour, pinned)
	if err != nil {
		t.Fatal(err)
	}
	expired, err := auth.IssueDevToken(key, devClaims("olga", auth.RoleOfficer), time.Hour, pinned.Add(-2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name          string
		authorization []string
		wantCode      codes.Code
		wantMessage   string
		wantSubject   string
	}{
		{"valid-token", []string{"Bearer " + valid}, codes.OK, "", "olga"},
		{"scheme-is-case-insensitive", []string{"bearer " + valid}, codes.OK, "", "olga"},
		{"no-token-is-anonymous", nil, codes.OK, "", ""},
		{"expired-token", []string{"Bearer " + expired}, codes.Unauthenticated, "token has expired", ""},
		{"forged-token", []string{"Bearer " + valid + "x"}, codes.Unauthenticated, "invalid bearer token", ""},
		{"basic-scheme", []string{"Basic b2xnYTpwdw=="}, codes.Unauthenticated, "Bearer", ""},
		{"empty-bearer", []string{"Bearer "}, codes.Unauthenticated, "Bearer", ""},
		{"two-headers", []string{"Bearer " + valid, "Bearer " + valid}, codes.Unauthenticated, "one authorization", ""},
	}
	for _, tt := range tests {
		err := echo(conn, tt.authorization...)
		st := status.Convert(err)
		if st.Code() != tt.wantCode {
			t.Errorf("%s: code = %v (%v), want %v", tt.name, st.Code(), err, tt.wantCode)
			continue
		}
		if tt.wantCode != codes.OK {
			if !contains(st.Message(), tt.wantMessage) {
				t.Errorf("%s: message %q, want it to mention %q", tt.name, st.Message(), tt.wantMessage)
			}
			continue
		}
		w := <-seen
		if w.anonymous != (tt.wantSubject == "") || w.id.Subject != tt.wantSubject {
			t.Errorf("%s: handler saw %+v", tt.name, w)
		}
	}
}

func TestStreamsCarryTheIdentity(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	conn, seen := serve(t, auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(pinned)))
	raw, err := auth.IssueDevToken(key, devClaims("sys", auth.RoleSystem), time.Hour, pinned)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+raw))
	defer cancel()
	stream, err := conn.NewStream(ctx, probeservice.HoldStream, probeservice.HoldMethod)
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.SendMsg(probeservice.NewRequest("watch")); err != nil {
		t.Fatal(err)
	}
	if err := stream.RecvMsg(probeservice.NewResponse()); err != nil {
		t.Fatal(err)
	}
	if w := <-seen; w.anonymous || !w.id.HasRole(auth.RoleSystem) {
		t.Fatalf("stream handler saw %+v", w)
	}
}

func TestPolicyDecides(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(pinned))
	var gotMethod atomic.Value
	policy := func(method string, id auth.Identity, anonymous bool) error {
		gotMethod.Store(method)
		switch {
		case anonymous:
			return status.Error(codes.Unauthenticated, "sign in to do this")
		case !id.HasRole(auth.RoleOfficer):
			return errors.New("plain errors become PERMISSION_DENIED")
		}
		return nil
	}
	conn, _ := serve(t, v, auth.WithPolicy(policy))
	officer, _ := auth.IssueDevToken(key, devClaims("olga", auth.RoleOfficer), time.Hour, pinned)
	member, _ := auth.IssueDevToken(key, devClaims("carlos", auth.RoleCommittee), time.Hour, pinned)

	if err := echo(conn); status.Code(err) != codes.Unauthenticated {
		t.Errorf("anonymous: %v", err)
	}
	if err := echo(conn, "Bearer "+member); status.Code(err) != codes.PermissionDenied || contains(err.Error(), "plain errors") {
		t.Errorf("committee member: %v, want PERMISSION_DENIED without the internal text", err)
	}
	if err := echo(conn, "Bearer "+officer); err != nil {
		t.Errorf("officer: %v", err)
	}
	if got := gotMethod.Load(); got != probeservice.EchoMethod {
		t.Errorf("policy saw method %v", got)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// Orchestrators' probes and grpcurl carry no token: health must answer whatever the policy.
func TestHealthIsOpenWhateverThePolicy(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(pinned))
	denyAll := func(string, auth.Identity, bool) error { return status.Error(codes.PermissionDenied, "no") }
	conn, _ := serve(t, v, auth.WithPolicy(denyAll))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatalf("anonymous health check refused: %v", err)
	}
	if err := echo(conn); status.Code(err) != codes.PermissionDenied {
		t.Errorf("the policy no longer applies to the service's own methods: %v", err)
	}
}

func TestTableAuthorize(t *testing.T) {
	t.Parallel()
	const open, staff = "/x.v1.S/Open", "/x.v1.S/Staff"
	table := auth.Table{open: {auth.Anyone}, staff: {auth.RoleOfficer, auth.RoleAdmin}}
	officer := auth.Identity{Subject: "o", Roles: []auth.Role{auth.RoleOfficer}}
	ngo := auth.Identity{Subject: "n", Roles: []auth.Role{auth.RoleNGO}, Org: "org_1"}
	admin := auth.Identity{Subject: "a", Roles: []auth.Role{auth.RoleAdmin}}
	for _, tc := range []struct {
		method    string
		id        auth.Identity
		anonymous bool
		want      codes.Code
	}{
		{open, auth.Identity{}, true, codes.OK},
		{open, ngo, false, codes.OK},
		{staff, auth.Identity{}, true, codes.Unauthenticated},
		{staff, ngo, false, codes.PermissionDenied},
		{staff, officer, false, codes.OK},
		{staff, admin, false, codes.OK},
		// A method nobody listed is closed, even to an administrator.
		{"/x.v1.S/Unlisted", admin, false, codes.PermissionDenied},
		{"/y.v1.Other/Open", auth.Identity{}, true, codes.PermissionDenied},
	} {
		if got := status.Code(table.Authorize(tc.method, tc.id, tc.anonymous)); got != tc.want {
			t.Errorf("%s as %+v (anonymous %v): %v, want %v", tc.method, tc.id, tc.anonymous, got, tc.want)
		}
	}
}
