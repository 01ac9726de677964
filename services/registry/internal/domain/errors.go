package domain

import (
	"errors"
	"fmt"
	"strings"
)

// Violation names one field that breaks a rule and says in words what is wrong, so that a person
// correcting a form knows where to look.
type Violation struct {
	Field       string
	Description string
}

// ValidationError lists every rule a value breaks at once, rather than the first only, so a caller
// fixes a form in one round trip.
type ValidationError struct {
	Violations []Violation
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		parts[i] = v.Field + ": " + v.Description
	}
	return "invalid: " + strings.Join(parts, "; ")
}

// violations collects refusals while a value is checked.
type violations []Violation

func (vs *violations) add(field, format string, args ...any) {
	*vs = append(*vs, Violation{Field: field, Description: fmt.Sprintf(format, args...)})
}

func (vs violations) err() error {
	if len(vs) == 0 {
		return nil
	}
	return &ValidationError{Violations: vs}
}

// NotFoundError says which kind of record with which id does not exist, so the message can tell a
// missing committee from a missing organization.
type NotFoundError struct {
	Kind string
	ID   string
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %q not found", e.Kind, e.ID) }

// DuplicateError refuses a profile that is likely the same organization as one already in the
// directory, and names it so the caller can use that profile instead.
type DuplicateError struct {
	ExistingID   string
	ExistingName string
	Country      string
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("organization %q (%s) in %s already has a profile with the same name; "+
		"use it, or ask an officer to create this one with allow_duplicate", e.ExistingName, e.ExistingID, e.Country)
}

// ErrStaleEtag means the record changed since the caller read it: writing would overwrite someone
// else's change.
var ErrStaleEtag = errors.New("the record changed since it was read: read it again and reapply the change")

// ErrUnauthenticated means a write came without a valid identity.
var ErrUnauthenticated = errors.New("sign in to change the directory")

// DeniedError means the caller is known but may not do this; Reason says why in words.
type DeniedError struct {
	Reason string
}

func (e *DeniedError) Error() string { return e.Reason }

// Denied builds a DeniedError.
func Denied(format string, args ...any) error {
	return &DeniedError{Reason: fmt.Sprintf(format, args...)}
}

// PreconditionError means the request is well formed but a rule of the process stops it; Reason
// is the machine-readable name of the rule.
type PreconditionError struct {
	Reason  string
	Message string
}

func (e *PreconditionError) Error() string { return e.Message }
