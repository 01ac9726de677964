package grpcapi

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// errorDomain names the registry in google.rpc.ErrorInfo details.
const errorDomain = "registry.liaison"

// statusOf is the one place domain errors become gRPC statuses. resource is the request field
// that holds the record ("organization"), so field violations name the path the caller sent;
// an error that is not the caller's doing is logged and answered without its text.
func statusOf(ctx context.Context, logger *slog.Logger, resource string, err error) error {
	var (
		invalid   *domain.ValidationError
		notFound  *domain.NotFoundError
		duplicate *domain.DuplicateError
		denied    *domain.DeniedError
		rule      *domain.PreconditionError
	)
	switch {
	case errors.As(err, &invalid):
		return invalidArgument(resource, invalid)
	case errors.As(err, &notFound):
		return status.Error(codes.NotFound, notFound.Error())
	case errors.As(err, &duplicate):
		st := status.New(codes.AlreadyExists, duplicate.Error())
		if d, derr := st.WithDetails(&errdetails.ErrorInfo{
			Reason: "LIKELY_DUPLICATE", Domain: errorDomain,
			Metadata: map[string]string{"organization_id": duplicate.ExistingID},
		}); derr == nil {
			st = d
		}
		return st.Err()
	case errors.Is(err, domain.ErrStaleEtag):
		st := status.New(codes.Aborted, err.Error())
		if d, derr := st.WithDetails(&errdetails.ErrorInfo{Reason: "STALE_ETAG", Domain: errorDomain}); derr == nil {
			st = d
		}
		return st.Err()
	case errors.Is(err, domain.ErrUnauthenticated):
		return status.Error(codes.Unauthenticated, err.Error())
	case errors.As(err, &denied):
		return status.Error(codes.PermissionDenied, denied.Error())
	case errors.As(err, &rule):
		st := status.New(codes.FailedPrecondition, rule.Message)
		if d, derr := st.WithDetails(&errdetails.PreconditionFailure{Violations: []*errdetails.PreconditionFailure_Violation{{Type: rule.Reason, Description: rule.Message}}},
			&errdetails.ErrorInfo{Reason: rule.Reason, Domain: errorDomain}); derr == nil {
			st = d
		}
		return st.Err()
	case errors.Is(err, context.Canceled):
		return status.Error(codes.Canceled, "the call was cancelled")
	case errors.Is(err, context.DeadlineExceeded):
		return status.Error(codes.DeadlineExceeded, "the call ran out of time")
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	logger.ErrorContext(ctx, "registry call failed", slog.String("error", err.Error()))
	return status.Error(codes.Internal, "internal error")
}

// invalidArgument lists every violation in a google.rpc.BadRequest detail and in the message.
func invalidArgument(resource string, invalid *domain.ValidationError) error {
	br := &errdetails.BadRequest{}
	msgs := make([]string, 0, len(invalid.Violations))
	for _, v := range invalid.Violations {
		field := v.Field
		if resource != "" && !isRequestField(field) {
			field = resource + "." + field
		}
		br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{Field: field, Description: v.Description})
		msgs = append(msgs, field+": "+v.Description)
	}
	st := status.New(codes.InvalidArgument, strings.Join(msgs, "; "))
	if d, err := st.WithDetails(br); err == nil {
		st = d
	}
	return st.Err()
}

// isRequestField tells request-level fields (paging, mask) from fields of the resource.
func isRequestField(field string) bool {
	switch field {
	case "page_size", "page_token", "update_mask":
		return true
	}
	return false
}
