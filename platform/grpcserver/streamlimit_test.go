package grpcserver_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/grpcserver"
)

// streamServer serves one endless stream method behind LimitStreams; the caller is named by
// the x-subject header, standing in for the authentication that runs before it in a service.
func streamServer(t *testing.T, limits config.StreamLimits) *grpc.ClientConn {
	t.Helper()
	named := func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
		md, _ := metadata.FromIncomingContext(ss.Context())
		if sub := md.Get("x-subject"); len(sub) == 1 {
			ss = &withContext{ServerStream: ss, ctx: auth.WithIdentity(ss.Context(), auth.Identity{Subject: sub[0]})}
		}
		return h(srv, ss)
	}
	srv := grpc.NewServer(
		grpc.ChainStreamInterceptor(named, grpcserver.LimitStreams(limits, clock.System{})),
		grpc.UnknownServiceHandler(func(_ any, ss grpc.ServerStream) error {
			<-ss.Context().Done()
			return nil
		}))
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

type withContext struct {
	grpc.ServerStream
	ctx context.Context
}

func (w *withContext) Context() context.Context { return w.ctx }

// openStream opens a stream and reports how it ended within wait (nil: still open).
func openStream(ctx context.Context, conn *grpc.ClientConn, wait time.Duration) error {
	s, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true, ClientStreams: true}, "/liaison.test.v1.Feed/Watch")
	if err != nil {
		return err
	}
	ended := make(chan error, 1)
	go func() { ended <- s.RecvMsg(new(struct{})) }()
	select {
	case err := <-ended:
		return err
	case <-time.After(wait):
		return nil
	}
}

func TestStreamsAreLimitedPerCallerAndPerConnection(t *testing.T) {
	t.Parallel()
	conn := streamServer(t, config.StreamLimits{PerCaller: 2, PerConnection: 3})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	alice := metadata.AppendToOutgoingContext(ctx, "x-subject", "alice")
	bob := metadata.AppendToOutgoingContext(ctx, "x-subject", "bob")
	for i, c := range []struct {
		ctx  context.Context
		want codes.Code
	}{{alice, codes.OK}, {alice, codes.OK}, {alice, codes.ResourceExhausted}, {bob, codes.OK}, {bob, codes.ResourceExhausted}} {
		if got := status.Code(openStream(c.ctx, conn, 200*time.Millisecond)); got != c.want {
			t.Fatalf("stream %d: %v, want %v", i+1, got, c.want)
		}
	}
}

func TestStreamEndsWhenItsTokenExpires(t *testing.T) {
	t.Parallel()
	conn := streamServer(t, config.StreamLimits{})
	payload := base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, `{"sub":"carol","exp":%d}`, time.Now().Add(time.Second).Unix()))
	ctx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer e30."+payload+".sig")
	err := openStream(ctx, conn, 10*time.Second)
	if status.Code(err) != codes.Unauthenticated || status.Convert(err).Message() != grpcserver.TokenExpiredMessage {
		t.Fatalf("a stream whose token expired after 1 s: %v, want UNAUTHENTICATED within 10 s", err)
	}
}
