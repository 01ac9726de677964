package statusstream

import (
	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// FromProto turns a change of the accreditation contract into the registry's. The two contracts
// number their enums alike, but the mapping is spelled out so neither can drift unnoticed.
func FromProto(ch *accreditationv1.StatusChange) domain.StatusChange {
	return domain.StatusChange{
		Sequence:       ch.GetSequence(),
		OrganizationID: ch.GetOrganizationId(),
		Status:         statusFromProto(ch.GetStatus()),
	}
}

func statusFromProto(s *accreditationv1.ConsultativeStatus) domain.ConsultativeStatus {
	out := domain.NoStatus
	switch s.GetState() {
	case accreditationv1.ConsultativeStatus_STATE_ACTIVE:
		out.State = domain.StatusActive
	case accreditationv1.ConsultativeStatus_STATE_SUSPENDED:
		out.State = domain.StatusSuspended
	case accreditationv1.ConsultativeStatus_STATE_WITHDRAWN:
		out.State = domain.StatusWithdrawn
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
