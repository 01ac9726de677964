package domain

import (
	"fmt"
	"strings"
	"time"
)

// Reason says why ECOSOC suspended or withdrew a status.
type Reason string

// Reasons for a suspension or a withdrawal, as ECOSOC's decisions give them.
const (
	// ReasonReporting: quadrennial report overdue, resolution 2008/4
	// (un.org/press/en/2019/ecosoc6995.doc.htm: "suspend 198 … for one year
	// due to non-compliance with their reporting obligation").
	ReasonReporting Reason = "REPORTING_2008_4"
	// ReasonCeasedToExist: the organization no longer exists ("Global
	// Spatial Data Infrastructure Association, which ceased to exist", same
	// source).
	ReasonCeasedToExist Reason = "CEASED_TO_EXIST"
	// ReasonOrganizationRequest: the organization asked (the Committee
	// "took note of … requests for the withdrawal of consultative status",
	// un.org/press/en/2012/ecosoc6516.doc.htm).
	ReasonOrganizationRequest Reason = "ORGANIZATION_REQUEST"
	// ReasonSanction: resolution 1996/31 para 57, a suspension of up to
	// three years or a withdrawal (same 2012 source).
	ReasonSanction Reason = "SANCTION_1996_31"
)

// Valid reports whether r is a known reason.
func (r Reason) Valid() bool {
	switch r {
	case ReasonReporting, ReasonCeasedToExist, ReasonOrganizationRequest, ReasonSanction:
		return true
	}
	return false
}

// MaxSanctionYears is the longest suspension under resolution 1996/31:
// "suspended, for up to three years, or withdrawn" (un.org/press/en/2012/ecosoc6516.doc.htm).
const MaxSanctionYears = 3

// DecisionAction is what one entry of an ECOSOC decision does.
type DecisionAction string

// Entries of an ECOSOC decision.
const (
	// DecisionActionGrant grants the category the Committee recommended.
	DecisionActionGrant DecisionAction = "GRANT"
	// DecisionActionNotGrant does not grant a recommended (or not
	// recommended) application.
	DecisionActionNotGrant DecisionAction = "NOT_GRANT"
	// DecisionActionTakeNote takes note of an organization's request to
	// withdraw its status.
	DecisionActionTakeNote DecisionAction = "TAKE_NOTE"
	// DecisionActionSuspend, DecisionActionReinstate and
	// DecisionActionWithdraw act on statuses (the 2008/4 lists and
	// sanctions under 1996/31).
	DecisionActionSuspend   DecisionAction = "SUSPEND"
	DecisionActionReinstate DecisionAction = "REINSTATE"
	DecisionActionWithdraw  DecisionAction = "WITHDRAW"
)

// DecisionEntry is one line of an ECOSOC decision's list.
type DecisionEntry struct {
	Action DecisionAction
	// ApplicationID for GRANT and NOT_GRANT.
	ApplicationID string
	// OrganizationID for TAKE_NOTE, SUSPEND, REINSTATE and WITHDRAW.
	OrganizationID string
	// Category for GRANT: the decision grants by category, and the entry
	// must name the category the Committee recommended.
	Category Category
	// Reason for SUSPEND and WITHDRAW.
	Reason Reason
	// SuspensionYears for SUSPEND: 1 under 2008/4, 1 to 3 as a sanction.
	SuspensionYears int
}

// EcosocDecision is a decision of the Council, recorded once by its symbol
// and date over a list of entries (ECOSOC grants status to lists, e.g. 103
// organizations in one draft decision of 2024, E/2024/32 Part II).
type EcosocDecision struct {
	Symbol     string
	Date       Date
	Entries    []DecisionEntry
	RecordTime time.Time
	RecordedBy string
}

// CheckDecision checks the decision's own fields; each entry is checked
// again against the application or status it names when it is applied.
func CheckDecision(d EcosocDecision, today Date) error {
	var bad []FieldViolation
	if blank(d.Symbol) {
		bad = append(bad, FieldViolation{"symbol", "is required, e.g. 2028/215"})
	}
	if !d.Date.IsFull() {
		bad = append(bad, FieldViolation{"decision_date", "must be a full date"})
	} else if d.Date.After(today) {
		bad = append(bad, FieldViolation{"decision_date", "must not be after today (" + today.String() + "): record a decision once it is taken"})
	}
	if len(d.Entries) == 0 {
		bad = append(bad, FieldViolation{"entries", "must list at least one entry"})
	}
	seen := map[string]bool{}
	for i, e := range d.Entries {
		f := fmt.Sprintf("entries[%d]", i)
		target := e.OrganizationID
		switch e.Action {
		case DecisionActionGrant, DecisionActionNotGrant:
			target = e.ApplicationID
			if e.ApplicationID == "" {
				bad = append(bad, FieldViolation{f + ".application_id", "is required for " + string(e.Action)})
			}
			if e.Action == DecisionActionGrant && !e.Category.Valid() {
				bad = append(bad, FieldViolation{f + ".category", "is required for GRANT: the decision grants by category"})
			}
		case DecisionActionTakeNote, DecisionActionReinstate:
			if e.OrganizationID == "" {
				bad = append(bad, FieldViolation{f + ".organization_id", "is required"})
			}
		case DecisionActionSuspend:
			if e.OrganizationID == "" {
				bad = append(bad, FieldViolation{f + ".organization_id", "is required"})
			}
			switch e.Reason {
			case ReasonReporting:
				if e.SuspensionYears != 0 && e.SuspensionYears != SuspensionYears {
					bad = append(bad, FieldViolation{f + ".suspension_years", "is one year under resolution 2008/4"})
				}
			case ReasonSanction:
				if e.SuspensionYears < 1 || e.SuspensionYears > MaxSanctionYears {
					bad = append(bad, FieldViolation{f + ".suspension_years", "must be 1 to 3 under resolution 1996/31"})
				}
			default:
				bad = append(bad, FieldViolation{f + ".reason", "must be REPORTING_2008_4 or SANCTION_1996_31 for a suspension"})
			}
		case DecisionActionWithdraw:
			if e.OrganizationID == "" {
				bad = append(bad, FieldViolation{f + ".organization_id", "is required"})
			}
			if !e.Reason.Valid() {
				bad = append(bad, FieldViolation{f + ".reason", "must say why: REPORTING_2008_4, CEASED_TO_EXIST, ORGANIZATION_REQUEST or SANCTION_1996_31"})
			}
		default:
			bad = append(bad, FieldViolation{f + ".action", "must be GRANT, NOT_GRANT, TAKE_NOTE, SUSPEND, REINSTATE or WITHDRAW"})
		}
		if target != "" && seen[target] {
			bad = append(bad, FieldViolation{f, target + " is listed twice in the decision"})
		}
		seen[target] = true
	}
	if len(bad) > 0 {
		return &InvalidError{Fields: bad}
	}
	return nil
}

// Suspend suspends an ACTIVE status from the decision's date: for one year
// under 2008/4 ("suspension is immediate and lasts 1 year",
// un.org/press/en/2019/ecosoc6995.doc.htm), for up to three as a sanction.
func (s *Status) Suspend(e DecisionEntry, d EcosocDecision, now time.Time) (Change, error) {
	if s.State != StatusActive {
		return Change{}, &PreconditionError{Reason: "NOT_ACTIVE",
			Message: fmt.Sprintf("%s: only ACTIVE status can be suspended; this one is %s", s.OrganizationID, s.stateOrNone())}
	}
	years := e.SuspensionYears
	if e.Reason == ReasonReporting {
		years = SuspensionYears
		if s.NextReportDue.IsZero() || !d.Date.After(s.NextReportDue) {
			return Change{}, &PreconditionError{Reason: "REPORT_NOT_OVERDUE",
				Message: fmt.Sprintf("%s: no report is overdue on %s", s.OrganizationID, d.Date)}
		}
	}
	prev := *s
	s.State, s.Reason, s.DecisionRef = StatusSuspended, e.Reason, d.Symbol
	s.SuspendedUntil = d.Date.AddYears(years).AddDays(-1)
	c := s.change(ChangeSuspended, prev, "", fmt.Sprintf("suspended by decision %s (%s) for %d year(s), until %s", d.Symbol, e.Reason, years, s.SuspendedUntil), now)
	c.Decision, c.Reason, c.SuspensionYears = d.Symbol, e.Reason, years
	return c, nil
}

// Reinstate makes a SUSPENDED status ACTIVE again. A status suspended for
// not reporting is reinstated only once the overdue report is in (2008/4:
// "an NGO that reports during its suspension year is reinstated", csonet.org
// nr=306).
func (s *Status) Reinstate(d EcosocDecision, now time.Time) (Change, error) {
	if s.State != StatusSuspended {
		return Change{}, &PreconditionError{Reason: "NOT_SUSPENDED",
			Message: fmt.Sprintf("%s: only SUSPENDED status can be reinstated; this one is %s", s.OrganizationID, s.stateOrNone())}
	}
	if s.reportingSuspension() && s.Category.Reports() && !s.NextReportDue.After(d.Date) {
		p0, p1 := PeriodDue(s.NextReportDue)
		return Change{}, &PreconditionError{Reason: "REPORT_NOT_FILED",
			Message: fmt.Sprintf("%s: the report for %d-%d is still not filed", s.OrganizationID, p0, p1)}
	}
	prev := *s
	s.State, s.SuspendedUntil, s.Reason, s.DecisionRef = StatusActive, Date{}, "", d.Symbol
	c := s.change(ChangeReinstated, prev, "", "reinstated by decision "+d.Symbol, now)
	c.Decision = d.Symbol
	return c, nil
}

// WithdrawByDecision withdraws an ACTIVE or SUSPENDED status from the
// decision's date, for the reason the decision gives. Under 2008/4 only a
// status suspended for the same report, still not filed, is withdrawn.
func (s *Status) WithdrawByDecision(e DecisionEntry, d EcosocDecision, now time.Time) (Change, error) {
	if s.State != StatusActive && s.State != StatusSuspended {
		return Change{}, &PreconditionError{Reason: "NO_STATUS",
			Message: fmt.Sprintf("%s: only ACTIVE or SUSPENDED status can be withdrawn; this one is %s", s.OrganizationID, s.stateOrNone())}
	}
	if e.Reason == ReasonReporting && (s.State != StatusSuspended || !s.reportingSuspension() || s.NextReportDue.After(d.Date)) {
		return Change{}, &PreconditionError{Reason: "NOT_ON_2008_4_LIST",
			Message: fmt.Sprintf("%s: under resolution 2008/4 a status is withdrawn only after a suspension for a report still not filed", s.OrganizationID)}
	}
	prev := *s
	s.State, s.WithdrawnOn, s.Reason, s.DecisionRef = StatusWithdrawn, d.Date, e.Reason, d.Symbol
	s.NextReportDue, s.SuspendedUntil = Date{}, Date{}
	c := s.change(ChangeWithdrawn, prev, "", fmt.Sprintf("withdrawn by decision %s (%s)", d.Symbol, strings.ToLower(strings.ReplaceAll(string(e.Reason), "_", " "))), now)
	c.Decision, c.Reason = d.Symbol, e.Reason
	return c, nil
}

// reportingSuspension reports whether a SUSPENDED status was suspended for
// not reporting; a suspension recorded before reasons were kept was one.
func (s Status) reportingSuspension() bool { return s.Reason == ReasonReporting || s.Reason == "" }

// ReportingLists are the three lists the Committee adopts under resolution
// 2008/4 at its resumed session (diplodesk.com/un_events/237): statuses to
// suspend, to reinstate and to withdraw. The service proposes them; ECOSOC
// decides them.
type ReportingLists struct {
	AsOf      Date
	Suspend   []Status
	Reinstate []Status
	Withdraw  []Status
}

// ProposeLists sorts statuses onto the 2008/4 lists as of asOf: ACTIVE
// with a report overdue → suspend; SUSPENDED for reporting with the report
// now filed → reinstate; SUSPENDED for reporting, the suspension year over
// and the report still not filed → withdraw.
func ProposeLists(statuses []Status, asOf Date) ReportingLists {
	out := ReportingLists{AsOf: asOf, Suspend: []Status{}, Reinstate: []Status{}, Withdraw: []Status{}}
	for _, s := range statuses {
		overdue := s.Category.Reports() && !s.NextReportDue.IsZero() && asOf.After(s.NextReportDue)
		switch {
		case s.State == StatusActive && overdue:
			out.Suspend = append(out.Suspend, s)
		case s.State == StatusSuspended && s.reportingSuspension() && !overdue:
			out.Reinstate = append(out.Reinstate, s)
		case s.State == StatusSuspended && s.reportingSuspension() && overdue && asOf.After(s.SuspendedUntil):
			out.Withdraw = append(out.Withdraw, s)
		}
	}
	return out
}
