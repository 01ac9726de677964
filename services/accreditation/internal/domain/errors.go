package domain

import (
	"fmt"
	"strings"
)

// The errors below are the domain's vocabulary for refusals. The transport
// maps each kind to one gRPC code in one place, so a rule never has to know
// about status codes.

// NotFoundError says a resource does not exist, or exists but the caller
// may not know it does (another organization's application).
type NotFoundError struct {
	What string // "application", "session", "question", "document"
	ID   string
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %q not found", e.What, e.ID) }

// PermissionError says the caller is known but its roles do not allow the step.
type PermissionError struct{ Message string }

func (e *PermissionError) Error() string { return e.Message }

// UnauthenticatedError says the step needs a signed-in caller.
type UnauthenticatedError struct{ Message string }

func (e *UnauthenticatedError) Error() string { return e.Message }

// Violation is one unmet condition of a refused step, so that a refusal can
// list everything wrong at once (every missing item of an incomplete
// application, for instance).
type Violation struct {
	Type        string // machine-readable, e.g. "MISSING_DOCUMENT"
	Subject     string // what it is about, e.g. "DOCUMENT_KIND_CONSTITUTION"
	Description string
}

// PreconditionError says the resource is not in a state or condition that
// allows the step: a wrong state, an incomplete application, a rule not met.
type PreconditionError struct {
	Reason     string // machine-readable, e.g. "ILLEGAL_TRANSITION"
	Message    string
	Violations []Violation
}

func (e *PreconditionError) Error() string { return e.Message }

// TransitionError is the PreconditionError for a step the current state
// does not allow; it says the state and what may be done from it.
func TransitionError(action Action, from State) *PreconditionError {
	allowed := AllowedActions(from)
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	next := "nothing: the state is final"
	if len(names) > 0 {
		next = strings.Join(names, ", ")
	}
	return &PreconditionError{
		Reason: "ILLEGAL_TRANSITION",
		Message: fmt.Sprintf("cannot %s an application in state %s (allowed from %s: %s)",
			action.verb(), from, from, next),
		Violations: []Violation{{
			Type:        "STATE",
			Subject:     string(from),
			Description: fmt.Sprintf("%s is allowed only from %s", action, statesString(fromStates[action])),
		}},
	}
}

func statesString(ss []State) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return strings.Join(out, ", ")
}

// FieldViolation is one bad input field.
type FieldViolation struct {
	Field       string
	Description string
}

// InvalidError says the request itself is malformed, field by field.
type InvalidError struct{ Fields []FieldViolation }

func (e *InvalidError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Description
	}
	return "invalid request: " + strings.Join(parts, "; ")
}

// Invalid builds an InvalidError for one field.
func Invalid(field, description string) *InvalidError {
	return &InvalidError{Fields: []FieldViolation{{Field: field, Description: description}}}
}

// ConflictError says the caller worked from a stale copy (its etag no longer
// matches), or someone else changed the resource at the same moment.
type ConflictError struct{ Message string }

func (e *ConflictError) Error() string { return e.Message }

// AlreadyExistsError says the thing to create exists already (an open
// application, a report for the same period).
type AlreadyExistsError struct{ Message string }

func (e *AlreadyExistsError) Error() string { return e.Message }

// UnavailableError says a dependency needed to decide is down; the caller
// should retry with the same request_id.
type UnavailableError struct {
	Message string
	Err     error
}

func (e *UnavailableError) Error() string { return e.Message }

func (e *UnavailableError) Unwrap() error { return e.Err }
