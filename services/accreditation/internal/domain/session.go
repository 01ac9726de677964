package domain

import "time"

// SessionKind is one of the Committee on NGOs' two yearly sessions: the
// regular one (usually January) and the resumed one (May) (ecosoc.un.org
// node 12582).
type SessionKind string

// Session kinds.
const (
	SessionRegular SessionKind = "REGULAR"
	SessionResumed SessionKind = "RESUMED"
)

// CommitteeSession is one session of the Committee on NGOs.
type CommitteeSession struct {
	ID        string
	Name      string
	Kind      SessionKind
	StartDate Date
	EndDate   Date
	// Members are the member States sitting on the Committee at this
	// session; only they ask questions.
	Members    []Member
	CreateTime time.Time
	UpdateTime time.Time
	Revision   int64
}

// NewCommitteeSession checks a session's fields.
func NewCommitteeSession(id, name string, kind SessionKind, start, end Date, members []Member, now time.Time) (CommitteeSession, error) {
	var bad []FieldViolation
	bad = append(bad, checkMembers(members, start)...)
	if blank(name) {
		bad = append(bad, FieldViolation{"committee_session.name", "is required"})
	}
	if kind != SessionRegular && kind != SessionResumed {
		bad = append(bad, FieldViolation{"committee_session.kind", "must be SESSION_KIND_REGULAR or SESSION_KIND_RESUMED"})
	}
	if !start.IsFull() {
		bad = append(bad, FieldViolation{"committee_session.start_date", "must be a full date"})
	}
	if !end.IsFull() {
		bad = append(bad, FieldViolation{"committee_session.end_date", "must be a full date"})
	}
	if start.IsFull() && end.IsFull() && end.Before(start) {
		bad = append(bad, FieldViolation{"committee_session.end_date", "must not be before start_date"})
	}
	if len(bad) > 0 {
		return CommitteeSession{}, &InvalidError{Fields: bad}
	}
	return CommitteeSession{ID: id, Name: name, Kind: kind, StartDate: start, EndDate: end, Members: members, CreateTime: now, UpdateTime: now, Revision: 1}, nil
}

// Starts is the first instant of the session: the start of its first day
// in New York, from which deadlines such as the no-answer rule are counted.
func (s CommitteeSession) Starts() time.Time { return s.StartDate.StartAtHeadquarters() }

// Ended reports whether the session's last day is before today.
func (s CommitteeSession) Ended(today Date) bool { return s.EndDate.Before(today) }
