package domain

// StatusChange is one change of an organization's consultative status as the accreditation
// service published it. Sequence orders the changes; it grows with every change but may skip
// numbers, so the mirror compares sequences and never counts them.
type StatusChange struct {
	Sequence       uint64
	OrganizationID string
	// Status is the status as it is after the change: the mirror copies it whole, so applying a
	// change never depends on what the mirror held before.
	Status ConsultativeStatus
}
