package grpcapi

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/logging"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

func TestStatusOfMapsEveryDomainError(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want codes.Code
	}{
		{"validation", &domain.ValidationError{Violations: []domain.Violation{{Field: "name", Description: "is required"}}}, codes.InvalidArgument},
		{"not found", &domain.NotFoundError{Kind: "organization", ID: "x"}, codes.NotFound},
		{"duplicate", &domain.DuplicateError{ExistingID: "org_1", ExistingName: "A", Country: "CH"}, codes.AlreadyExists},
		{"stale etag", domain.ErrStaleEtag, codes.Aborted},
		{"unauthenticated", domain.ErrUnauthenticated, codes.Unauthenticated},
		{"denied", domain.Denied("no"), codes.PermissionDenied},
		{"wrapped denied", fmt.Errorf("update: %w", domain.Denied("no")), codes.PermissionDenied},
		{"cancelled", context.Canceled, codes.Canceled},
		{"internal", errors.New("pq: relation organizations does not exist at 10.0.0.3"), codes.Internal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := status.Convert(statusOf(context.Background(), logging.Discard(), "organization", tt.err))
			if st.Code() != tt.want {
				t.Fatalf("got %v want %v", st.Code(), tt.want)
			}
			if tt.want == codes.Internal && st.Message() != "internal error" {
				t.Fatalf("internal text leaked: %q", st.Message())
			}
		})
	}
}

func TestValidationNamesTheRequestPath(t *testing.T) {
	err := statusOf(context.Background(), logging.Discard(), "organization", &domain.ValidationError{Violations: []domain.Violation{
		{Field: "country", Description: `"ZZ" is not an assigned ISO 3166-1 alpha-2 country code`},
		{Field: "update_mask", Description: "names fields that do not exist: nmae"},
	}})
	st := status.Convert(err)
	br, ok := st.Details()[0].(*errdetails.BadRequest)
	if !ok || br.GetFieldViolations()[0].GetField() != "organization.country" || br.GetFieldViolations()[1].GetField() != "update_mask" {
		t.Fatalf("details: %v", st.Details())
	}
}
