package grpcserver

import (
	"context"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"buf.build/go/protovalidate"
	pvmw "github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/protovalidate"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// validateUnary rejects requests that break their protovalidate rules with
// INVALID_ARGUMENT before any handler runs.
func validateUnary(v protovalidate.Validator) grpc.UnaryServerInterceptor {
	check := pvmw.UnaryServerInterceptor(v)
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		resp, err := check(ctx, req, info, handler)
		return resp, withBadRequest(err)
	}
}

// validateStream checks each message a stream receives.
func validateStream(v protovalidate.Validator) grpc.StreamServerInterceptor {
	check := pvmw.StreamServerInterceptor(v)
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		return withBadRequest(check(srv, ss, info, handler))
	}
}

// withBadRequest adds a google.rpc.BadRequest detail, the standard shape that
// REST clients and grpc-gateway understand, next to protovalidate's own
// buf.validate.Violations, to a validation failure.
func withBadRequest(err error) error {
	st, ok := status.FromError(err)
	if !ok || st.Code() != codes.InvalidArgument {
		return err
	}
	for _, d := range st.Details() {
		if _, already := d.(*errdetails.BadRequest); already {
			return err
		}
	}
	for _, d := range st.Details() {
		violations, ok := d.(*validate.Violations)
		if !ok {
			continue
		}
		br := &errdetails.BadRequest{}
		for _, v := range violations.GetViolations() {
			br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{
				Field:       protovalidate.FieldPathString(v.GetField()),
				Description: v.GetMessage(),
				Reason:      v.GetRuleId(),
			})
		}
		withDetails, derr := status.New(codes.InvalidArgument, st.Message()).WithDetails(br, violations)
		if derr != nil {
			return err
		}
		return withDetails.Err()
	}
	return err
}
