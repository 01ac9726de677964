package domain

import (
	"fmt"
	"time"
)

// Quadrennial reporting (resolution 2008/4; esango.un.org "Quadrennial
// Reports"): General and Special organizations report every four years;
// "the reporting cycle begins in the year the organization was granted
// status". The report on a four-year period is due on 1 June of the year
// after it (granted 2028: period 2028-2031, due 2032-06-01) [I: domain notes
// 2.5, the due day is not in the captured source].

// ReportPeriodYears is the length of a reporting period.
const ReportPeriodYears = 4

// FirstReportDue is the due date of the first report for a status granted
// on grantedOn.
func FirstReportDue(grantedOn Date) Date {
	return Date{Year: grantedOn.Year + ReportPeriodYears, Month: time.June, Day: 1}
}

// ReportDueAfter is the first due date of the cycle that starts in
// grantedOn's year and falls after day: used when a Roster organization is
// reclassified into a reporting category part-way through a cycle.
func ReportDueAfter(grantedOn, day Date) Date {
	due := FirstReportDue(grantedOn)
	for !due.After(day) {
		due = due.AddYears(ReportPeriodYears)
	}
	return due
}

// PeriodDue is the four calendar years a report due on due covers.
func PeriodDue(due Date) (start, end int) {
	return due.Year - ReportPeriodYears, due.Year - 1
}

// SuspensionYears is how long status is suspended for an overdue report:
// "a late report → suspension for 1 year; reinstatement if the report
// arrives within the suspension year; withdrawal if still not compliant"
// (resolution 2008/4, csonet.org nr=306).
const SuspensionYears = 1

// QuadrennialReport is one filed report.
type QuadrennialReport struct {
	ID              string
	OrganizationID  string
	PeriodStartYear int
	PeriodEndYear   int
	Summary         string
	Document        *Document
	SubmitTime      time.Time
	// ReviewState is where the Committee's review of the report stands.
	ReviewState ReportReview
	// SessionID is the session whose agenda lists the report.
	SessionID string
	// Questions are the member States' questions on a deferred report.
	Questions  []Question
	CreateTime time.Time
	UpdateTime time.Time
	Revision   int64
}

// ReportReview is where the Committee's review of a report stands: the
// Committee takes note of a report, or defers it with questions on
// activities, partners, expenditures or funding (press.un.org ngo969; 2014
// resumed session: 164 reports, 129 noted, 35 deferred, csonet.org nr=306).
type ReportReview string

// Review states of a report.
const (
	ReportSubmitted ReportReview = "SUBMITTED"
	ReportTakenNote ReportReview = "TAKEN_NOTE"
	ReportDeferred  ReportReview = "DEFERRED"
)

// Review records the Committee's review of the report at session ses: it
// must be on the session's agenda and the session must have started; a
// deferral carries at least one member State's question.
func (r *QuadrennialReport) Review(takeNote bool, ses CommitteeSession, questions []NewQuestion, now time.Time) error {
	if r.ReviewState == ReportTakenNote {
		return &PreconditionError{Reason: "ALREADY_TAKEN_NOTE", Message: "the Committee already took note of report " + r.ID}
	}
	if r.SessionID != ses.ID {
		return &PreconditionError{Reason: "NOT_ON_AGENDA", Message: "report " + r.ID + " is not on the agenda of " + ses.Name}
	}
	if DateAt(now).Before(ses.StartDate) {
		return &PreconditionError{Reason: "SESSION_NOT_STARTED", Message: ses.Name + " starts on " + ses.StartDate.String()}
	}
	if takeNote {
		if len(questions) > 0 {
			return Invalid("questions", "are given only with a deferral")
		}
		r.ReviewState = ReportTakenNote
		r.UpdateTime = now
		return nil
	}
	if len(questions) == 0 {
		return &PreconditionError{Reason: "DEFER_WITHOUT_QUESTION", Message: "a deferred report needs the member State's question"}
	}
	for i, q := range questions {
		if blank(q.Text) {
			return Invalid(fmt.Sprintf("questions[%d].text", i), "is required")
		}
		if err := ses.CheckAsker(fmt.Sprintf("questions[%d].asked_by", i), q.AskedBy); err != nil {
			return err
		}
		r.Questions = append(r.Questions, Question{ID: q.ID, Text: q.Text, AskedBy: q.AskedBy, SessionID: ses.ID, AskedTime: now})
	}
	r.ReviewState = ReportDeferred
	r.UpdateTime = now
	return nil
}
