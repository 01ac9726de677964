package domain

import (
	"fmt"
	"time"
)

// StatusState says whether an organization holds consultative status now.
type StatusState string

// Status states.
const (
	StatusNone      StatusState = "NONE"
	StatusActive    StatusState = "ACTIVE"
	StatusSuspended StatusState = "SUSPENDED"
	StatusWithdrawn StatusState = "WITHDRAWN"
)

// Status is an organization's consultative status of record.
type Status struct {
	OrganizationID string
	Category       Category
	State          StatusState
	GrantedOn      Date
	DecisionRef    string
	NextReportDue  Date
	SuspendedUntil Date
	WithdrawnOn    Date
	// Reason says why the status was last suspended or withdrawn.
	Reason     Reason
	UpdateTime time.Time
	Revision   int64 // 0 while never stored
}

// NoStatus is the status of an organization this service has no record of.
func NoStatus(org string) Status { return Status{OrganizationID: org, State: StatusNone} }

// ChangeKind says what happened to a status.
type ChangeKind string

// Kinds of change. ReportFiled moves only the next due date; it is published
// like the others, because every copy of a status (the edge's, the events
// service's, the registry's) must follow its due date and etag.
const (
	ChangeGranted      ChangeKind = "GRANTED"
	ChangeSuspended    ChangeKind = "SUSPENDED"
	ChangeReinstated   ChangeKind = "REINSTATED"
	ChangeWithdrawn    ChangeKind = "WITHDRAWN"
	ChangeReclassified ChangeKind = "RECLASSIFIED"
	ChangeReportFiled  ChangeKind = "REPORT_FILED"
)

// Change is one change of a status, written to the change log in the same
// transaction as the status itself.
type Change struct {
	Sequence         uint64 // assigned when stored
	OrganizationID   string
	Kind             ChangeKind
	Status           Status // after the change
	PreviousState    StatusState
	PreviousCategory Category
	Time             time.Time
	ApplicationID    string
	Note             string
	// Decision is the symbol of the ECOSOC decision that made the change,
	// empty for changes no decision makes (a report filed).
	Decision string
	// Reason says why a status was suspended or withdrawn.
	Reason Reason
	// SuspensionYears is the length of a suspension.
	SuspensionYears int
	// RevokedCredentials are the status credentials the change revoked.
	RevokedCredentials []string
}

func (s *Status) change(kind ChangeKind, prev Status, appID, note string, now time.Time) Change {
	s.UpdateTime = now
	return Change{
		OrganizationID: s.OrganizationID, Kind: kind, Status: *s,
		PreviousState: prev.State, PreviousCategory: prev.Category,
		Time: now, ApplicationID: appID, Note: note,
	}
}

func (s Status) stateOrNone() StatusState {
	if s.State == "" {
		return StatusNone
	}
	return s.State
}

// Grant makes the status ACTIVE in category c from effective, after ECOSOC
// granted a new application. The reporting cycle starts in effective's year.
func (s *Status) Grant(c Category, effective Date, ref, appID string, now time.Time) (Change, error) {
	if st := s.stateOrNone(); st == StatusActive || st == StatusSuspended {
		return Change{}, &PreconditionError{Reason: "STATUS_HELD",
			Message: fmt.Sprintf("the organization already holds %s status (%s); only a reclassification can change it", s.Category, st)}
	}
	if !effective.IsFull() {
		return Change{}, Invalid("effective_date", "is required for a grant")
	}
	prev := *s
	*s = Status{OrganizationID: s.OrganizationID, Category: c, State: StatusActive, GrantedOn: effective,
		DecisionRef: ref, Revision: s.Revision}
	if c.Reports() {
		s.NextReportDue = FirstReportDue(effective)
	}
	return s.change(ChangeGranted, prev, appID, "granted by "+ref, now), nil
}

// Reclassify moves an ACTIVE status to category c. Between General and
// Special the reporting schedule stays as it was; moving out of Roster
// starts a reporting cycle in the year of the reclassification, the way a
// grant starts one in the year of the grant (esango.un.org "Quadrennial
// Reports": "In the case of reclassification from the Roster to the
// Special category…"), so a report is never due days after it; moving into
// Roster stops the reporting duty.
func (s *Status) Reclassify(c Category, effective Date, ref, appID string, now time.Time) (Change, error) {
	if s.State != StatusActive {
		return Change{}, &PreconditionError{Reason: "NO_ACTIVE_STATUS",
			Message: fmt.Sprintf("a reclassification needs ACTIVE status; the organization's status is %s", s.stateOrNone())}
	}
	if c == s.Category {
		return Change{}, &PreconditionError{Reason: "SAME_CATEGORY", Message: fmt.Sprintf("the organization already holds %s status", c)}
	}
	prev := *s
	s.Category, s.DecisionRef = c, ref
	switch {
	case !c.Reports():
		s.NextReportDue = Date{}
	case s.NextReportDue.IsZero():
		day := effective
		if day.IsZero() {
			day = DateAt(now)
		}
		s.NextReportDue = FirstReportDue(day)
	}
	return s.change(ChangeReclassified, prev, appID, fmt.Sprintf("%s to %s by %s", prev.Category, c, ref), now), nil
}

// CheckReportPeriod decides whether a report on start-end may be filed on
// today: only the report now due, and only once its period has ended (the
// report on a period is submitted the year after it, interethnic.org
// 260907_2: "status 2007 → report for 2007–2010, submitted 2011"). A report
// for a later period is refused with the period due named.
func (s Status) CheckReportPeriod(start, end int, today Date) error {
	if s.State != StatusActive && s.State != StatusSuspended {
		return &PreconditionError{Reason: "NO_STATUS",
			Message: fmt.Sprintf("only organizations holding ACTIVE or SUSPENDED status file quadrennial reports; this one's status is %s", s.stateOrNone())}
	}
	if !s.Category.Reports() {
		return &PreconditionError{Reason: "ROSTER", Message: "Roster organizations do not file quadrennial reports"}
	}
	if end != start+ReportPeriodYears-1 {
		return Invalid("quadrennial_report.period_end_year", "the period must cover four calendar years")
	}
	want0, want1 := PeriodDue(s.NextReportDue)
	if start != want0 || end != want1 {
		return &PreconditionError{Reason: "WRONG_PERIOD",
			Message: fmt.Sprintf("the report due is for %d-%d (due %s), not %d-%d", want0, want1, s.NextReportDue, start, end)}
	}
	if opens := NewDate(end+1, time.January, 1); today.Before(opens) {
		return &PreconditionError{Reason: "PERIOD_NOT_ENDED",
			Message: fmt.Sprintf("the report due is for %d-%d (due %s); it may be filed once the period has ended, from %s", want0, want1, s.NextReportDue, opens)}
	}
	return nil
}

// FileReport records that the report now due was filed: the next period's
// due date applies. A suspended status stays suspended: only ECOSOC
// reinstates it, on the Committee's list (resolution 2008/4; see
// ProposeLists).
func (s *Status) FileReport(start, end int, today Date, now time.Time) (Change, error) {
	if err := s.CheckReportPeriod(start, end, today); err != nil {
		return Change{}, err
	}
	prev := *s
	s.NextReportDue = s.NextReportDue.AddYears(ReportPeriodYears)
	note := fmt.Sprintf("report for %d-%d filed; next due %s", start, end, s.NextReportDue)
	return s.change(ChangeReportFiled, prev, "", note, now), nil
}

// Withdraw ends an ACTIVE or SUSPENDED status at the organization's request.
func (s *Status) Withdraw(reason string, now time.Time) (Change, error) {
	if s.State != StatusActive && s.State != StatusSuspended {
		return Change{}, &PreconditionError{Reason: "NO_STATUS",
			Message: fmt.Sprintf("only ACTIVE or SUSPENDED status can be withdrawn; this one is %s", s.stateOrNone())}
	}
	prev := *s
	s.State, s.WithdrawnOn, s.Reason = StatusWithdrawn, DateAt(now), ReasonOrganizationRequest
	s.NextReportDue, s.SuspendedUntil = Date{}, Date{}
	note := "withdrawn at the organization's request"
	if reason != "" {
		note += ": " + reason
	}
	c := s.change(ChangeWithdrawn, prev, "", note, now)
	c.Reason = ReasonOrganizationRequest
	return c, nil
}
