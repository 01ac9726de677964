package domain

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// RegistrationState is where a registration stands.
type RegistrationState int

const (
	// RegistrationConfirmed: the participant has a seat.
	RegistrationConfirmed RegistrationState = iota + 1
	// RegistrationWaitlisted: the event was full; the participant waits in arrival order.
	RegistrationWaitlisted
	// RegistrationCancelled: no longer counts against capacity or quota.
	RegistrationCancelled
)

// Live says whether the registration still holds or waits for a seat.
func (s RegistrationState) Live() bool {
	return s == RegistrationConfirmed || s == RegistrationWaitlisted
}

// Participant is the person attending on an organization's behalf; the e-mail identifies them.
type Participant struct {
	GivenName  string
	FamilyName string
	Email      string
	JobTitle   string
}

// Registration is one person's place at an event.
type Registration struct {
	ID               string
	EventID          string
	OrganizationID   string
	Participant      Participant
	State            RegistrationState
	WaitlistPosition int // 1 is next to get a seat; 0 unless waitlisted
	Created, Updated time.Time
	Revision         int64
	// StatusNote says why the registration was cancelled or flagged when the organization's
	// consultative status was suspended or withdrawn; empty otherwise.
	StatusNote string
	// Arrival is the store-assigned arrival order: waiting lists and "oldest first" follow it,
	// not timestamps, which tie when the clock is pinned.
	Arrival int64
}

// Etag is the registration's version as clients see it.
func (r *Registration) Etag() string { return etagOf("r", r.Revision) }

// NormalizeEmail is the form e-mails are compared in: one person, whatever the case they type.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// Validate checks the registration's own fields.
func (r *Registration) Validate() error {
	var p Problems
	if strings.TrimSpace(r.OrganizationID) == "" {
		p.Add("registration.organization_id", "is required")
	}
	pp := r.Participant
	if n := utf8.RuneCountInString(strings.TrimSpace(pp.GivenName)); n == 0 || n > 100 {
		p.Add("registration.participant.given_name", "must be 1 to 100 characters")
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(pp.FamilyName)); n == 0 || n > 100 {
		p.Add("registration.participant.family_name", "must be 1 to 100 characters")
	}
	if a, err := mail.ParseAddress(pp.Email); err != nil || a.Address != strings.TrimSpace(pp.Email) || len(pp.Email) > 254 {
		p.Add("registration.participant.email", "must be a plain e-mail address such as name@example.org")
	}
	if utf8.RuneCountInString(pp.JobTitle) > 200 {
		p.Add("registration.participant.job_title", "must be at most 200 characters")
	}
	return p.Err()
}

// Cancel cancels the registration and reports whether it held a seat (so that the first
// waitlisted registration is promoted in the same step). Cancelling twice changes nothing.
func (r *Registration) Cancel(now time.Time) (heldSeat bool) {
	if r.State == RegistrationCancelled {
		return false
	}
	heldSeat = r.State == RegistrationConfirmed
	r.State = RegistrationCancelled
	r.WaitlistPosition = 0
	r.Updated = now
	return heldSeat
}

// Admission is everything the registration rules look at, gathered inside the transaction that
// takes the seat, so that the decision and the write see the same facts.
type Admission struct {
	Event *Event
	Now   time.Time
	// Status of the organization, needed only when the event requires consultative status.
	Status ConsultativeStatus
	// AccreditedForEvent: the organization holds an approved accreditation request for the event.
	AccreditedForEvent bool
	// OrganizationLive counts the organization's confirmed and waitlisted registrations.
	OrganizationLive int
	// EmailTaken: the person already holds a live registration for the event.
	EmailTaken bool
}

// Admit applies the registration rules in a fixed order (window, status, quota, person, seat) and
// returns the state the new registration starts in. A full event waitlists; it never refuses.
func Admit(a Admission) (RegistrationState, error) {
	e := a.Event
	if err := e.CheckRegistrationOpen(a.Now); err != nil {
		return 0, err
	}
	if e.RequiresConsultativeStatus && !a.AccreditedForEvent && !a.Status.Active() {
		return 0, Refused(ReasonStatusRequired,
			"event %s is open only to organizations in consultative status; organization %s has status %s and no approved accreditation request for it",
			e.ID, a.Status.OrganizationID, a.Status.State)
	}
	if q := e.QuotaPerOrganization; q > 0 && a.OrganizationLive >= q {
		return 0, Refused(ReasonQuotaExceeded, "the organization has used its quota of %d registrations for event %s", q, e.ID)
	}
	if a.EmailTaken {
		return 0, AlreadyExists(ReasonAlreadyRegistered, "this person is already registered for event %s", e.ID)
	}
	// Someone already waiting keeps their turn even if a seat looks free.
	if free := e.FreeSeats(); free == 0 || e.Waitlisted > 0 {
		return RegistrationWaitlisted, nil
	}
	return RegistrationConfirmed, nil
}

// StatusLossAction is what happens to an organization's registrations at events open only to
// organizations in consultative status when its status is suspended or withdrawn. Practice is not
// written down (the effect of a suspension on participation is not in the sources), so it is the
// officers' setting: cancel the places (the seats go to the waiting list) or keep them flagged for
// an officer to decide.
type StatusLossAction string

// The settings.
const (
	StatusLossCancel StatusLossAction = "cancel"
	StatusLossFlag   StatusLossAction = "flag"
)

// LoseStatus applies action to a live registration, with the reason shown to the NGO and the
// organizer. It reports whether anything changed.
func (r *Registration) LoseStatus(action StatusLossAction, reason string, now time.Time) bool {
	if !r.State.Live() || r.StatusNote == reason {
		return false
	}
	r.StatusNote = reason
	r.Updated = now
	if action == StatusLossCancel {
		r.Cancel(now)
	}
	return true
}
