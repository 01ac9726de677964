package domain

import (
	"fmt"
	"time"
)

// Date is a calendar day with no time zone. Month and Day may be 0 when only the year (or the year
// and month) is known, as for the founding of many older organizations.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether the date is not set at all.
func (d Date) IsZero() bool { return d == Date{} }

// key orders dates; unknown parts sort first within their year or month.
func (d Date) key() int { return d.Year*10000 + d.Month*100 + d.Day }

// Full reports whether year, month and day are all known and form a real day of the calendar.
func (d Date) Full() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	return t.Day() == d.Day
}

// partialValid reports whether a possibly partial date makes sense: a year, then optionally a month,
// then optionally a day that exists in that month.
func (d Date) partialValid() bool {
	switch {
	case d.Year < 1 || d.Year > 9999 || d.Month < 0 || d.Month > 12 || d.Day < 0:
		return false
	case d.Day == 0:
		return true
	case d.Month == 0:
		return false
	default:
		return d.Full()
	}
}

// After reports whether d falls after the calendar day of t. A partial date is after t only when
// every known part says so: 2030 is after 2026-11-24, 2026 is not.
func (d Date) After(t time.Time) bool {
	today := Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	if d.Month == 0 {
		return d.Year > today.Year
	}
	if d.Day == 0 {
		return d.Year*100+d.Month > today.Year*100+today.Month
	}
	return d.key() > today.key()
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.key() < o.key() }

// String writes the date as YYYY-MM-DD with zeros for unknown parts.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }
