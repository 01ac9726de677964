package domain

import (
	"fmt"
	"time"
	_ "time/tzdata" // the Secretariat's calendar is New York's, whatever the host has installed
)

// Date is a calendar date without a time of day or zone, as ECOSOC decisions,
// due dates and founding dates are given. Month and Day may be zero when only
// the year (or year and month) is known, which happens for founding dates.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// headquarters is where the Secretariat receives applications and where the
// Committee sits, so "today" and session deadlines are counted there.
var headquarters = mustLoad("America/New_York")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Headquarters returns the time zone that dates of receipt and session
// deadlines are counted in.
func Headquarters() *time.Location { return headquarters }

// DateAt is the calendar date at headquarters at instant t.
func DateAt(t time.Time) Date {
	y, m, d := t.In(headquarters).Date()
	return Date{Year: y, Month: m, Day: d}
}

// NewDate builds a full date.
func NewDate(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

// IsZero reports whether no date is set.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// IsFull reports whether year, month and day are all known.
func (d Date) IsFull() bool { return d.Year > 0 && d.Month > 0 && d.Day > 0 }

// time returns midnight UTC of the date, normalizing overflow such as 29 February in a common year.
func (d Date) time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// StartAtHeadquarters is the first instant of the day in New York.
func (d Date) StartAtHeadquarters() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, headquarters)
}

func fromTime(t time.Time) Date {
	y, m, dd := t.Date()
	return Date{Year: y, Month: m, Day: dd}
}

// AddYears moves the date by whole years; 29 February lands on 1 March.
func (d Date) AddYears(n int) Date { return fromTime(d.time().AddDate(n, 0, 0)) }

// AddDays moves the date by whole days.
func (d Date) AddDays(n int) Date { return fromTime(d.time().AddDate(0, 0, n)) }

// Before reports whether d is strictly earlier than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is strictly later than o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Compare orders dates: -1, 0 or +1.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmp(d.Year, o.Year)
	case d.Month != o.Month:
		return cmp(int(d.Month), int(o.Month))
	default:
		return cmp(d.Day, o.Day)
	}
}

func cmp(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// LatestPossible turns a partly known date into the last day it could be,
// so that a rule needing "at least" a duration never counts on days that may
// not have happened (founded "in 2026" is taken as 31 December 2026).
func (d Date) LatestPossible() Date {
	switch {
	case d.Month == 0:
		return Date{Year: d.Year, Month: time.December, Day: 31}
	case d.Day == 0:
		return fromTime(time.Date(d.Year, d.Month+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1))
	}
	return d
}

// String formats the date as YYYY-MM-DD (empty for the zero date).
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// ParseDate reads YYYY-MM-DD; the empty string is the zero date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return fromTime(t), nil
}
