package domain

import (
	"errors"
	"fmt"
)

// ErrorKind says which sort of refusal an Error is, so that the transport can answer with the
// right status without parsing messages.
type ErrorKind int

const (
	// KindInvalid: the input breaks a rule of its own (a missing or malformed field).
	KindInvalid ErrorKind = iota + 1
	// KindNotFound: the named resource does not exist (or the caller may not know it does).
	KindNotFound
	// KindAlreadyExists: the resource the caller tries to create exists already.
	KindAlreadyExists
	// KindStale: the caller's etag no longer matches the resource.
	KindStale
	// KindRefused: the input is fine but a rule of the workflow forbids the step now.
	KindRefused
	// KindUnavailable: a fact the rule needs cannot be established right now; retrying may work.
	KindUnavailable
	// KindForbidden: the caller may not act on this resource (e.g. another organization's).
	KindForbidden
)

// Error is a refusal the caller can act on. Reason is a stable UPPER_SNAKE code (e.g.
// QUOTA_EXCEEDED) that clients may branch on; Field names the offending input for KindInvalid.
type Error struct {
	Kind       ErrorKind
	Reason     string
	Message    string
	Violations []Violation
	// Metadata adds facts a client may show (e.g. a word count), sent as ErrorInfo metadata.
	Metadata map[string]string
}

// Violation is one field that breaks its rules; Field uses the contract's field path
// (e.g. "event.time_zone") so that clients can point at the input.
type Violation struct {
	Field       string
	Description string
}

func (e *Error) Error() string { return e.Message }

// Invalid reports a field that breaks its rules.
func Invalid(field, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Kind: KindInvalid, Reason: "INVALID_ARGUMENT", Message: field + ": " + msg,
		Violations: []Violation{{Field: field, Description: msg}}}
}

// Problems collects field violations so that a caller learns every mistake at once, not one per try.
type Problems []Violation

// Add records a violation.
func (p *Problems) Add(field, format string, args ...any) {
	*p = append(*p, Violation{Field: field, Description: fmt.Sprintf(format, args...)})
}

// Err returns nil when nothing was recorded, else one KindInvalid error carrying every violation.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	msg := p[0].Field + ": " + p[0].Description
	if len(p) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(p)-1)
	}
	return &Error{Kind: KindInvalid, Reason: "INVALID_ARGUMENT", Message: msg, Violations: p}
}

// NotFound reports a missing resource of the given kind ("event", "registration"...).
func NotFound(what, id string) *Error {
	return &Error{Kind: KindNotFound, Reason: "NOT_FOUND", Message: fmt.Sprintf("%s %q not found", what, id)}
}

// AlreadyExists reports a duplicate.
func AlreadyExists(reason, format string, args ...any) *Error {
	return &Error{Kind: KindAlreadyExists, Reason: reason, Message: fmt.Sprintf(format, args...)}
}

// Stale reports an etag that no longer matches.
func Stale(what string) *Error {
	return &Error{Kind: KindStale, Reason: "STALE_ETAG", Message: what + " changed since it was read: read it again and retry"}
}

// Refused reports a workflow rule that forbids the step; reason says which rule.
func Refused(reason, format string, args ...any) *Error {
	return &Error{Kind: KindRefused, Reason: reason, Message: fmt.Sprintf(format, args...)}
}

// Unavailable reports that a needed fact cannot be established now.
func Unavailable(reason, format string, args ...any) *Error {
	return &Error{Kind: KindUnavailable, Reason: reason, Message: fmt.Sprintf(format, args...)}
}

// Forbidden reports a caller acting beyond what their role or organization allows.
func Forbidden(format string, args ...any) *Error {
	return &Error{Kind: KindForbidden, Reason: "FORBIDDEN", Message: fmt.Sprintf(format, args...)}
}

// KindOf returns the kind of a domain error anywhere in err's chain, or 0 for any other error.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

// ReasonOf returns the reason code of a domain error in err's chain, or "".
func ReasonOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}

// Reason codes of refusals, stable for clients.
const (
	ReasonEventCancelled       = "EVENT_CANCELLED"
	ReasonEventEnded           = "EVENT_ENDED"
	ReasonRegistrationNotOpen  = "REGISTRATION_NOT_OPEN"
	ReasonRegistrationClosed   = "REGISTRATION_CLOSED"
	ReasonStatusRequired       = "CONSULTATIVE_STATUS_REQUIRED"
	ReasonQuotaExceeded        = "QUOTA_EXCEEDED"
	ReasonAlreadyRegistered    = "ALREADY_REGISTERED"
	ReasonCapacityBelowSeats   = "CAPACITY_BELOW_CONFIRMED"
	ReasonNotAMeeting          = "NOT_A_MEETING"
	ReasonProposalExists       = "PROPOSAL_EXISTS"
	ReasonProposalDecided      = "PROPOSAL_ALREADY_DECIDED"
	ReasonStatusNotRequired    = "STATUS_NOT_REQUIRED"
	ReasonStatusHeld           = "CONSULTATIVE_STATUS_HELD"
	ReasonRequestExists        = "ACCREDITATION_REQUEST_EXISTS"
	ReasonRequestDecided       = "ACCREDITATION_REQUEST_ALREADY_DECIDED"
	ReasonStatusUnknown        = "STATUS_UNAVAILABLE"
	ReasonParentIsSideEvent    = "PARENT_IS_SIDE_EVENT"
	ReasonEventAlreadyCanceled = "EVENT_ALREADY_CANCELLED"
)
