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

// CheckSelfEdit decides whether the organization's own users may change its profile from before
// to after. An organization holding consultative status (ACTIVE or SUSPENDED) changes its name,
// and its founding date (which the two-year rule reads), by a request the Committee on NGOs takes
// note of: "Change of name" in iCSO, with a signed letter and the registration certificate
// showing both names (ecosoc.un.org/en/ngo/change-of-name; press.un.org/en/2019/ecosoc6963.doc.htm).
// An officer records the change once the Committee has taken note.
func CheckSelfEdit(before, after Organization) error {
	if !before.Status.Counts() {
		return nil
	}
	if before.Name != after.Name {
		return &PreconditionError{Reason: "CHANGE_OF_NAME_REQUEST",
			Message: "an organization in consultative status changes its name by a request to the Committee on NGOs (iCSO, Change of name); an officer records the new name once the Committee takes note"}
	}
	if before.FoundedOn != after.FoundedOn {
		return &PreconditionError{Reason: "FOUNDING_DATE_REQUEST",
			Message: "an organization in consultative status changes its founding date by a request to the Committee on NGOs, with its registration certificate; an officer records it once the Committee takes note"}
	}
	return nil
}
