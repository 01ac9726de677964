// Package accreditation asks the accreditation service, over its gRPC contract, for the
// consultative status of organizations; it is the events service's only source of status.
package accreditation

import (
	"context"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// lookupTimeout bounds one status lookup: a registration waits at most this long for an answer
// before it is refused as UNAVAILABLE, so callers learn quickly to retry.
const lookupTimeout = 2 * time.Second

// StatusClient implements app.StatusChecker with GetConsultativeStatus.
type StatusClient struct {
	client accreditationv1.AccreditationServiceClient
}

// NewStatusClient wraps a connection to the accreditation service.
func NewStatusClient(conn grpc.ClientConnInterface) *StatusClient {
	return &StatusClient{client: accreditationv1.NewAccreditationServiceClient(conn)}
}

// ConsultativeStatus reads the organization's status. The call does not wait for the connection
// to become ready (gRPC's default fail-fast), so a service that is down is reported at once as a
// domain Unavailable error rather than hanging the registration.
func (c *StatusClient) ConsultativeStatus(ctx context.Context, organizationID string) (domain.ConsultativeStatus, error) {
	ctx, cancel := context.WithTimeout(ctx, lookupTimeout)
	defer cancel()
	resp, err := c.client.GetConsultativeStatus(ctx, &accreditationv1.GetConsultativeStatusRequest{OrganizationId: organizationID})
	if err != nil {
		switch status.Code(err) {
		case codes.InvalidArgument:
			return domain.ConsultativeStatus{}, domain.Invalid("organization_id", "is not a valid organization id")
		default:
			return domain.ConsultativeStatus{}, domain.Unavailable(domain.ReasonStatusUnknown,
				"the consultative status of organization %s cannot be established right now; retry later", organizationID)
		}
	}
	return FromProto(organizationID, resp.GetConsultativeStatus()), nil
}

// FromProto converts the accreditation contract's status into the events domain's.
func FromProto(organizationID string, s *accreditationv1.ConsultativeStatus) domain.ConsultativeStatus {
	out := domain.ConsultativeStatus{OrganizationID: organizationID}
	switch s.GetState() {
	case accreditationv1.ConsultativeStatus_STATE_ACTIVE:
		out.State = domain.StatusActive
	case accreditationv1.ConsultativeStatus_STATE_SUSPENDED:
		out.State = domain.StatusSuspended
	case accreditationv1.ConsultativeStatus_STATE_WITHDRAWN:
		out.State = domain.StatusWithdrawn
	default:
		out.State = domain.StatusNone
	}
	switch s.GetCategory() {
	case accreditationv1.Category_CATEGORY_GENERAL:
		out.Category = domain.CategoryGeneral
	case accreditationv1.Category_CATEGORY_SPECIAL:
		out.Category = domain.CategorySpecial
	case accreditationv1.Category_CATEGORY_ROSTER:
		out.Category = domain.CategoryRoster
	}
	return out
}
