package domain

// StatusState is an organization's consultative status with ECOSOC as the accreditation service
// keeps it. Events only reads it: it decides who may register for status-only events and who may
// propose side events.
type StatusState int

const (
	// StatusUnknown is the zero value: no answer was obtained.
	StatusUnknown StatusState = iota
	// StatusNone: the organization never held status.
	StatusNone
	// StatusActive: the organization holds status now.
	StatusActive
	// StatusSuspended: status is suspended for an overdue quadrennial report.
	StatusSuspended
	// StatusWithdrawn: status was withdrawn.
	StatusWithdrawn
)

func (s StatusState) String() string {
	switch s {
	case StatusNone:
		return "NONE"
	case StatusActive:
		return "ACTIVE"
	case StatusSuspended:
		return "SUSPENDED"
	case StatusWithdrawn:
		return "WITHDRAWN"
	}
	return "UNKNOWN"
}

// StatusCategory is the category of consultative status (resolution 1996/31).
type StatusCategory int

const (
	// CategoryNone: no category held.
	CategoryNone StatusCategory = iota
	// CategoryGeneral: general consultative status.
	CategoryGeneral
	// CategorySpecial: special consultative status.
	CategorySpecial
	// CategoryRoster: roster status.
	CategoryRoster
)

// ConsultativeStatus is what events needs to know of an organization's status.
type ConsultativeStatus struct {
	OrganizationID string
	State          StatusState
	Category       StatusCategory
}

// Active says whether the status lets the organization act as one in status: only ACTIVE counts,
// a suspended or withdrawn status does not.
func (s ConsultativeStatus) Active() bool { return s.State == StatusActive }
