// Package grpcclient dials the other liaison services. Every connection is
// traced, retries calls the server could not take, gives calls a deadline
// when the caller forgot one, and carries the original caller's identity to
// the next service.
package grpcclient

import (
	"context"
	"fmt"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/metadata"
)

// DefaultCallTimeout is the deadline given to a unary call whose context has
// none, so that a stuck peer cannot hold a request forever.
const DefaultCallTimeout = 5 * time.Second

// serviceConfig balances calls round-robin over every replica the target resolves to that
// reports SERVING on the standard health service (a replica whose database is down says
// NOT_SERVING and is left out until it recovers), and retries a call up to 3 attempts in total when the peer
// answers UNAVAILABLE (restarting, overloaded, connection lost), with backoff.
// It applies to every method, which is safe for idempotent reads; a caller
// making a non-idempotent call should pass a requestId (the API's idempotency
// key) or override it with grpc.WithDefaultServiceConfig. Retries happen
// within the call's deadline, never beyond it.
const serviceConfig = `{
  "loadBalancingConfig": [{"round_robin": {}}],
  "healthCheckConfig": {"serviceName": ""},
  "methodConfig": [{
    "name": [{}],
    "retryPolicy": {
      "maxAttempts": 3,
      "initialBackoff": "0.1s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
}`

// Dial returns a client connection to target (host:port, or any gRPC target
// such as dns:///registry:9001). The connection is lazy: Dial does not wait
// for the peer, so services can start in any order. Transport security is
// off because TLS terminates at the mesh or ingress in front of each
// service. opts are applied last and override the defaults.
func Dial(target string, tp trace.TracerProvider, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	target, resolving := replicaList(target)
	all := []grpc.DialOption{
		reconnectParams,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithStatsHandler(otelgrpc.NewClientHandler(otelgrpc.WithTracerProvider(tp))),
		grpc.WithDefaultServiceConfig(serviceConfig),
		grpc.WithChainUnaryInterceptor(ForwardAuthorization(), DefaultDeadline(DefaultCallTimeout)),
		grpc.WithChainStreamInterceptor(ForwardAuthorizationStream()),
		// Pings every 30 s, above the 10 s minimum grpcserver enforces, so a dead replica is
		// noticed within 40 s and the client is never disconnected for pinging too often.
		grpc.WithKeepaliveParams(keepalive.ClientParameters{
			Time:                30 * time.Second,
			Timeout:             10 * time.Second,
			PermitWithoutStream: true,
		}),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(12<<20), grpc.MaxCallSendMsgSize(12<<20)),
	}
	all = append(all, resolving...)
	conn, err := grpc.NewClient(target, append(all, opts...)...)
	if err != nil {
		return nil, fmt.Errorf("grpcclient: %s: %w", target, err)
	}
	return conn, nil
}

// DefaultDeadline gives unary calls without a deadline one of d. Streams are
// left alone: watches are meant to stay open.
func DefaultDeadline(d time.Duration) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		if _, ok := ctx.Deadline(); !ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, d)
			defer cancel()
		}
		return invoker(ctx, method, req, reply, cc, opts...)
	}
}

// authorizationKey is the gRPC metadata key of the bearer token.
const authorizationKey = "authorization"

// ForwardAuthorization copies the authorization metadata of the call being
// served to the outgoing call, so that a service calling a peer on a user's
// behalf acts with that user's identity, not its own.
func ForwardAuthorization() grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		return invoker(forwardAuthorization(ctx), method, req, reply, cc, opts...)
	}
}

// ForwardAuthorizationStream is ForwardAuthorization for streams.
func ForwardAuthorizationStream() grpc.StreamClientInterceptor {
	return func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
		return streamer(forwardAuthorization(ctx), desc, cc, method, opts...)
	}
}

func forwardAuthorization(ctx context.Context) context.Context {
	if out, ok := metadata.FromOutgoingContext(ctx); ok && len(out.Get(authorizationKey)) > 0 {
		return ctx // the caller chose the credentials explicitly
	}
	in, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return ctx
	}
	values := in.Get(authorizationKey)
	if len(values) == 0 {
		return ctx
	}
	return metadata.AppendToOutgoingContext(ctx, authorizationKey, values[0])
}
