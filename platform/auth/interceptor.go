package auth

import (
	"context"
	"errors"
	"slices"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// Policy decides whether a caller may invoke fullMethod (e.g.
// "/liaison.accreditation.v1.AccreditationService/SubmitApplication").
// anonymous is true when no token was sent. Return a gRPC status error
// (PERMISSION_DENIED, UNAUTHENTICATED) to refuse; any other error refuses
// with PERMISSION_DENIED.
type Policy func(fullMethod string, id Identity, anonymous bool) error

// AllowAll lets every caller through; finer rules live in each service.
func AllowAll(string, Identity, bool) error { return nil }

// Anyone, in a Table entry, admits callers who sent no token.
const Anyone Role = ""

// Table lists, per full RPC name, the roles that may call it at all, as a contract's "Who:"
// lines say. It is the only role gate: the interceptor applies it before a handler runs, and the
// use cases apply the finer rules (an ngo user acts only for its own organization). A method
// missing from the table is refused, so a new RPC stays closed until someone decides who may
// call it; health and reflection never reach the table (see isOperational).
type Table map[string][]Role

// Authorize applies t to one call; it has Policy's shape, so WithPolicy(t.Authorize) installs it.
func (t Table) Authorize(fullMethod string, id Identity, anonymous bool) error {
	roles, ok := t[fullMethod]
	switch {
	case !ok:
		return status.Error(codes.PermissionDenied, "this method has no access rule")
	case slices.Contains(roles, Anyone):
		return nil
	case anonymous:
		return status.Error(codes.Unauthenticated, "sign in: this method needs a bearer token")
	case !id.HasAnyRole(roles...):
		return status.Errorf(codes.PermissionDenied, "this method is for the roles %v", roles)
	}
	return nil
}

// Option adjusts ServerInterceptors.
type Option func(*interceptorSettings)

type interceptorSettings struct {
	policy Policy
}

// WithPolicy installs the per-RPC access rules (default AllowAll).
func WithPolicy(p Policy) Option {
	return func(s *interceptorSettings) { s.policy = p }
}

// ServerInterceptors authenticate calls from their "authorization: Bearer
// <token>" metadata. A valid token puts the Identity in the context
// (FromContext); a missing one leaves the caller anonymous; a malformed,
// forged or expired one is refused with UNAUTHENTICATED, because a caller
// who sent credentials expects them to count. Then the Policy decides.
func ServerInterceptors(v Verifier, opts ...Option) (grpc.UnaryServerInterceptor, grpc.StreamServerInterceptor) {
	s := interceptorSettings{policy: AllowAll}
	for _, o := range opts {
		o(&s)
	}
	authorize := func(ctx context.Context, method string) (context.Context, error) {
		id, anonymous, err := authenticate(ctx, v)
		if err != nil {
			return nil, err
		}
		if isOperational(method) {
			// Probes and tooling (orchestrators, load balancers, grpcurl) carry no token;
			// health and reflection expose nothing a service's policy needs to guard.
			return ctx, nil
		}
		if !anonymous && len(id.Roles) == 0 {
			// A provider's token that maps to no liaison role (a claim configured wrongly, a
			// person not yet given a role) is known but may do nothing; saying why saves a
			// support call.
			return nil, status.Error(codes.PermissionDenied, "the token grants no liaison role: ask for one of ngo, officer, committee, system or admin in the configured roles claim or scopes")
		}
		if err := s.policy(method, id, anonymous); err != nil {
			if _, ok := status.FromError(err); !ok {
				err = status.Error(codes.PermissionDenied, "not allowed")
			}
			return nil, err
		}
		if anonymous {
			return ctx, nil
		}
		return WithIdentity(ctx, id), nil
	}
	unary := func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		ctx, err := authorize(ctx, info.FullMethod)
		if err != nil {
			return nil, err
		}
		return handler(ctx, req)
	}
	stream := func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		ctx, err := authorize(ss.Context(), info.FullMethod)
		if err != nil {
			return err
		}
		return handler(srv, &identifiedStream{ServerStream: ss, ctx: ctx})
	}
	return unary, stream
}

type identifiedStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *identifiedStream) Context() context.Context { return s.ctx }

func authenticate(ctx context.Context, v Verifier) (id Identity, anonymous bool, err error) {
	// Only the one header: copying the whole metadata, as FromIncomingContext does, was a
	// twelfth of a status lookup.
	values := metadata.ValueFromIncomingContext(ctx, "authorization")
	switch len(values) {
	case 0:
		return Identity{}, true, nil
	case 1:
	default:
		return Identity{}, false, status.Error(codes.Unauthenticated, "send one authorization header, not several")
	}
	scheme, raw, ok := strings.Cut(strings.TrimSpace(values[0]), " ")
	if !ok || !strings.EqualFold(scheme, "bearer") || strings.TrimSpace(raw) == "" {
		return Identity{}, false, status.Error(codes.Unauthenticated, "authorization must be \"Bearer <token>\"")
	}
	id, err = v.Verify(ctx, strings.TrimSpace(raw))
	if err != nil {
		if errors.Is(err, ErrTokenExpired) {
			return Identity{}, false, status.Error(codes.Unauthenticated, "token has expired")
		}
		return Identity{}, false, status.Error(codes.Unauthenticated, "invalid bearer token")
	}
	return id, false, nil
}

// isOperational reports whether a method belongs to the standard health or reflection services
// rather than to a liaison contract.
func isOperational(fullMethod string) bool {
	return strings.HasPrefix(fullMethod, "/grpc.health.v1.Health/") ||
		strings.HasPrefix(fullMethod, "/grpc.reflection.v1.ServerReflection/") ||
		strings.HasPrefix(fullMethod, "/grpc.reflection.v1alpha.ServerReflection/")
}
