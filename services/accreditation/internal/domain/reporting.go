package domain

import "time"

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
	CreateTime      time.Time
	UpdateTime      time.Time
	Revision        int64
}
