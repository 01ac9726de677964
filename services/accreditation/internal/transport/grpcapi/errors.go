package grpcapi

import (
	"context"
	"errors"
	"log/slog"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// errorDomain names this service in google.rpc.ErrorInfo.
const errorDomain = "accreditation.liaison.un.org"

// toStatus is the one place domain errors become gRPC statuses. Refusals
// carry details a client can act on (the fields to fix, every unmet
// condition); anything unexpected is logged and answered as a plain
// INTERNAL, never with its text.
func toStatus(ctx context.Context, log *slog.Logger, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	var (
		invalid    *domain.InvalidError
		notFound   *domain.NotFoundError
		denied     *domain.PermissionError
		unauth     *domain.UnauthenticatedError
		precond    *domain.PreconditionError
		conflict   *domain.ConflictError
		exists     *domain.AlreadyExistsError
		unavail    *domain.UnavailableError
		withDetail *status.Status
	)
	switch {
	case errors.As(err, &invalid):
		br := &errdetails.BadRequest{}
		for _, f := range invalid.Fields {
			br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{Field: f.Field, Description: f.Description})
		}
		withDetail = detailed(codes.InvalidArgument, invalid.Error(), br)
	case errors.As(err, &notFound):
		withDetail = detailed(codes.NotFound, notFound.Error(), &errdetails.ResourceInfo{ResourceType: notFound.What, ResourceName: notFound.ID})
	case errors.As(err, &denied):
		withDetail = status.New(codes.PermissionDenied, denied.Message)
	case errors.As(err, &unauth):
		withDetail = status.New(codes.Unauthenticated, unauth.Message)
	case errors.As(err, &precond):
		pf := &errdetails.PreconditionFailure{}
		for _, v := range precond.Violations {
			pf.Violations = append(pf.Violations, &errdetails.PreconditionFailure_Violation{Type: v.Type, Subject: v.Subject, Description: v.Description})
		}
		withDetail = detailed(codes.FailedPrecondition, precond.Message, pf, &errdetails.ErrorInfo{Reason: precond.Reason, Domain: errorDomain})
	case errors.As(err, &conflict):
		withDetail = detailed(codes.Aborted, conflict.Message, &errdetails.ErrorInfo{Reason: "STALE_ETAG", Domain: errorDomain})
	case errors.As(err, &exists):
		withDetail = status.New(codes.AlreadyExists, exists.Message)
	case errors.As(err, &unavail):
		log.WarnContext(ctx, "dependency unavailable", slog.String("error", err.Error()), slog.Any("cause", errors.Unwrap(err)))
		withDetail = status.New(codes.Unavailable, unavail.Message)
	case errors.Is(err, context.Canceled):
		withDetail = status.New(codes.Canceled, "the call was cancelled")
	case errors.Is(err, context.DeadlineExceeded):
		withDetail = status.New(codes.DeadlineExceeded, "the call ran out of time")
	default:
		log.ErrorContext(ctx, "internal error", slog.String("error", err.Error()))
		withDetail = status.New(codes.Internal, "internal error")
	}
	return withDetail.Err()
}

func detailed(code codes.Code, msg string, details ...protoadapt.MessageV1) *status.Status {
	st := status.New(code, msg)
	if with, err := st.WithDetails(details...); err == nil {
		return with
	}
	return st
}
