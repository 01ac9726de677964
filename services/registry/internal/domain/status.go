package domain

// Category is the ECOSOC consultative status category (resolution 1996/31).
type Category int

// The categories, numbered as in the public contract.
const (
	CategoryUnspecified Category = iota
	CategoryGeneral
	CategorySpecial
	CategoryRoster
)

// StatusState is where an organization stands with ECOSOC.
type StatusState int

// The states, numbered as in the public contract.
const (
	StatusUnspecified StatusState = iota
	StatusNone
	StatusActive
	StatusSuspended
	StatusWithdrawn
)

// ConsultativeStatus is the registry's read-only copy of the accreditation service's record.
type ConsultativeStatus struct {
	Category Category
	State    StatusState
}

// NoStatus is what a profile shows until the accreditation service reports a grant.
var NoStatus = ConsultativeStatus{Category: CategoryUnspecified, State: StatusNone}

// Counts reports whether the status places the organization in its category for search: active and
// suspended statuses count, a withdrawn one no longer does.
func (s ConsultativeStatus) Counts() bool {
	return s.State == StatusActive || s.State == StatusSuspended
}

// SearchCategory is the category the directory facets on, or unspecified when none counts.
func (s ConsultativeStatus) SearchCategory() Category {
	if s.Counts() {
		return s.Category
	}
	return CategoryUnspecified
}
