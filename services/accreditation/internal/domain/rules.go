package domain

import (
	"fmt"
	"strings"
	"time"
)

// Organization is what the workflow needs to know about an applicant from
// the registry.
type Organization struct {
	ID        string
	Name      string
	FoundedOn Date // month and day may be zero when unknown; zero when not recorded
	// ProfilePending is true while the NGO Branch has not accepted the
	// organization's profile (submitted or returned): "Once you have been
	// notified that your profile registration was accepted" an organization
	// may apply (csonet.org menu=83, step 2).
	ProfilePending bool
}

// CheckProfile refuses an application from an organization whose profile
// the NGO Branch has not accepted.
func CheckProfile(org Organization) error {
	if org.ProfilePending {
		return &PreconditionError{Reason: "PROFILE_NOT_ACCEPTED",
			Message: fmt.Sprintf("the profile of %s has not been accepted by the NGO Branch yet: it may apply once an officer accepts it", org.Name)}
	}
	return nil
}

// MinimumExistence is how long an organization must have existed when its
// application is received: "at least two years as at the date of receipt of
// the application by the Secretariat" (resolution 1996/31 para 61(h);
// csonet.org menu=83, required document (b)).
const MinimumExistence = 2 // years

// ApplicationDeadline is the day and month on or before which an application
// must be received to be considered the next year: "Deadline 1 June of the
// year before the Committee session" (maravipost.com and worldkabaddi.org
// copies of the NGO Branch announcement).
var ApplicationDeadline = struct {
	Month time.Month
	Day   int
}{time.June, 1}

// ReviewCycleYear is the year the Committee first considers an application
// received on date received: on or before 1 June of year N gives N+1, after
// 1 June gives N+2.
func ReviewCycleYear(received Date) int {
	deadline := Date{Year: received.Year, Month: ApplicationDeadline.Month, Day: ApplicationDeadline.Day}
	if received.After(deadline) {
		return received.Year + 2
	}
	return received.Year + 1
}

// CheckSubmission lists, in one refusal, everything that stops an
// application from being submitted on date received: each blank
// questionnaire answer, each missing required document, and too short an
// existence. Answers and documents: csonet.org menu=83 and the NGO Branch's
// questionnaire (pdf4pro copy); "a failed submit lists every missing item
// at once" so the organization can fix everything in one go.
func CheckSubmission(a Application, org Organization, received Date) error {
	var missing []Violation
	for _, f := range a.Questionnaire.fields() {
		if blank(f.value) {
			missing = append(missing, Violation{Type: "MISSING_ANSWER", Subject: f.name, Description: f.name + " must be answered"})
		}
	}
	have := map[DocumentKind]bool{}
	for _, d := range a.Documents {
		have[d.Kind] = true
	}
	for _, k := range RequiredDocuments {
		if !have[k] {
			missing = append(missing, Violation{Type: "MISSING_DOCUMENT", Subject: "DOCUMENT_KIND_" + string(k),
				Description: fmt.Sprintf("a %s document must be attached", strings.ToLower(string(k)))})
		}
	}
	existence := CheckExistence(org, received)
	if len(missing) == 0 && existence == nil {
		return nil
	}
	if existence != nil {
		missing = append(missing, *existence)
	}
	reason, msg := "INCOMPLETE", fmt.Sprintf("the application cannot be submitted: %d item(s) missing or unmet", len(missing))
	if existence != nil && len(missing) == 1 {
		reason, msg = "TOO_RECENT", existence.Description
	}
	return &PreconditionError{Reason: reason, Message: msg, Violations: missing}
}

// CheckExistence applies the two-year rule at the date of receipt. A
// founding date known only to the year (or month) is taken at its latest
// possible day, so the rule is never met on days that may not have passed.
func CheckExistence(org Organization, received Date) *Violation {
	if org.FoundedOn.IsZero() {
		return &Violation{Type: "EXISTENCE", Subject: "founded_on",
			Description: "the registry has no founding date for the organization: at least two years of existence must be shown"}
	}
	eligible := org.FoundedOn.LatestPossible().AddYears(MinimumExistence)
	if received.Before(eligible) {
		return &Violation{Type: "EXISTENCE", Subject: "founded_on",
			Description: fmt.Sprintf("the organization was founded on %s: it must have existed for at least two years when the application is received (from %s), not on %s",
				org.FoundedOn, eligible, received)}
	}
	return nil
}

// ReapplyWait is how long an organization whose status was withdrawn for
// not reporting waits before applying again: three years ("These
// organizations may re-apply after three years", resolution 2008/4 as
// summarised in csonet.org nr=306). The sources give the wait only for
// withdrawals under 2008/4, so an organization that withdrew of its own
// accord, or one whose status was withdrawn on other grounds, may apply
// again at once.
const ReapplyWait = 3 // years

// CheckMayApply decides whether an organization whose status is s may open
// an application of kind k for category c today. A new application needs
// no status held (and three years after a withdrawal); a reclassification
// needs ACTIVE status in another category.
func CheckMayApply(k Kind, c Category, s Status, today Date) error {
	switch k {
	case KindReclassification:
		if s.State != StatusActive {
			return &PreconditionError{Reason: "NO_ACTIVE_STATUS",
				Message: fmt.Sprintf("a reclassification needs ACTIVE status; the organization's status is %s", s.State)}
		}
		if s.Category == c {
			return &PreconditionError{Reason: "SAME_CATEGORY",
				Message: fmt.Sprintf("the organization already holds %s status: ask for another category", c)}
		}
	default:
		switch s.State {
		case StatusActive, StatusSuspended:
			return &PreconditionError{Reason: "STATUS_HELD",
				Message: fmt.Sprintf("the organization already holds %s status (%s): apply for a reclassification instead", s.Category, s.State)}
		case StatusWithdrawn:
			if s.Reason != ReasonReporting {
				break
			}
			if from := s.WithdrawnOn.AddYears(ReapplyWait); today.Before(from) {
				return &PreconditionError{Reason: "REAPPLY_WAIT",
					Message: fmt.Sprintf("status was withdrawn on %s for not reporting (resolution 2008/4): the organization may apply again from %s", s.WithdrawnOn, from)}
			}
		}
	}
	return nil
}
