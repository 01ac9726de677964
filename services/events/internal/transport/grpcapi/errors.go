package grpcapi

import (
	"context"
	"errors"
	"log/slog"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// errorDomain names this service in google.rpc.ErrorInfo.
const errorDomain = "events.liaison.un.org"

// toStatus is the one place domain errors become gRPC statuses. Refusals carry their reason
// (ErrorInfo, and PreconditionFailure for FAILED_PRECONDITION) so that clients can branch on it;
// invalid input carries BadRequest field violations; anything else is logged and answered as a
// plain INTERNAL so that no internal text reaches the caller.
func (s *Server) toStatus(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	if errors.Is(err, context.Canceled) {
		return status.Error(codes.Canceled, "the call was cancelled")
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return status.Error(codes.DeadlineExceeded, "the call ran out of time")
	}
	var de *domain.Error
	if !errors.As(err, &de) {
		s.log.ErrorContext(ctx, "internal error", slog.Any("error", err))
		return status.Error(codes.Internal, "internal error")
	}
	info := &errdetails.ErrorInfo{Reason: de.Reason, Domain: errorDomain, Metadata: de.Metadata}
	var st *status.Status
	switch de.Kind {
	case domain.KindInvalid:
		st = status.New(codes.InvalidArgument, de.Message)
		br := &errdetails.BadRequest{}
		for _, v := range de.Violations {
			br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{Field: v.Field, Description: v.Description})
		}
		return withDetails(st, br)
	case domain.KindNotFound:
		st = status.New(codes.NotFound, de.Message)
	case domain.KindAlreadyExists:
		st = status.New(codes.AlreadyExists, de.Message)
	case domain.KindStale:
		st = status.New(codes.Aborted, de.Message)
	case domain.KindRefused:
		st = status.New(codes.FailedPrecondition, de.Message)
		return withDetails(st, info, &errdetails.PreconditionFailure{Violations: []*errdetails.PreconditionFailure_Violation{{
			Type: de.Reason, Description: de.Message,
		}}})
	case domain.KindUnavailable:
		st = status.New(codes.Unavailable, de.Message)
	case domain.KindForbidden:
		st = status.New(codes.PermissionDenied, de.Message)
	default:
		s.log.ErrorContext(ctx, "domain error of unknown kind", slog.Any("error", err))
		return status.Error(codes.Internal, "internal error")
	}
	return withDetails(st, info)
}

func withDetails(st *status.Status, details ...protoadapt.MessageV1) error {
	withD, err := st.WithDetails(details...)
	if err != nil {
		return st.Err()
	}
	return withD.Err()
}

// reply is a unary handler's answer: resp, or, when the use case failed, err as a status.
func reply[R any](ctx context.Context, s *Server, resp R, err error) (R, error) {
	if err != nil {
		var none R
		return none, s.toStatus(ctx, err)
	}
	return resp, nil
}
