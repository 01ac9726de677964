package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// RequestState is where an accreditation request is in its review.
type RequestState int

const (
	// RequestPending: waiting for an officer's decision.
	RequestPending RequestState = iota + 1
	// RequestApproved: the organization may register for the event as if it held status.
	RequestApproved
	// RequestRejected: refused, with a reason.
	RequestRejected
)

// AccreditationRequest is an organization without consultative status asking to attend one
// status-only event (typically a conference).
type AccreditationRequest struct {
	ID               string
	EventID          string
	OrganizationID   string
	Justification    string
	State            RequestState
	Reason           string
	Created, Updated time.Time
	Revision         int64
	// Arrival is the store-assigned arrival order ("oldest first" follows it).
	Arrival int64
}

// Etag is the request's version as clients see it.
func (r *AccreditationRequest) Etag() string { return etagOf("a", r.Revision) }

// Validate checks the request's own fields.
func (r *AccreditationRequest) Validate() error {
	var p Problems
	if strings.TrimSpace(r.OrganizationID) == "" {
		p.Add("accreditation_request.organization_id", "is required")
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(r.Justification)); n == 0 || n > 5000 {
		p.Add("accreditation_request.justification", "must be 1 to 5,000 characters")
	}
	return p.Err()
}

// CheckMayRequestAccreditation applies the rules for asking: the event needs status and is still
// ahead, and the organization lacks ACTIVE status (it would need no accreditation otherwise).
func CheckMayRequestAccreditation(e *Event, s ConsultativeStatus, now time.Time) error {
	switch {
	case !e.RequiresConsultativeStatus:
		return Refused(ReasonStatusNotRequired, "event %s is open to every organization: register directly", e.ID)
	case e.State == EventCancelled:
		return Refused(ReasonEventCancelled, "event %s is cancelled", e.ID)
	case e.Ended(now):
		return Refused(ReasonEventEnded, "event %s has ended", e.ID)
	case s.Active():
		return Refused(ReasonStatusHeld, "organization %s holds consultative status and needs no accreditation", s.OrganizationID)
	}
	return nil
}

// Decide approves or rejects a pending request; a rejection needs a reason.
func (r *AccreditationRequest) Decide(approve bool, reason string, now time.Time) error {
	if !approve && strings.TrimSpace(reason) == "" {
		return Invalid("reason", "is required: say why the request is refused")
	}
	if r.State != RequestPending {
		return Refused(ReasonRequestDecided, "accreditation request %s has already been decided", r.ID)
	}
	r.State = RequestRejected
	if approve {
		r.State = RequestApproved
	}
	r.Reason = reason
	r.Updated = now
	return nil
}
