package domain

import (
	"fmt"
	"time"
)

// NoAnswerRule decides when the Committee closes, without prejudice, an
// application whose organization did not answer its questions. The
// Committee's practice has changed over the years, so the rule is a setting:
//   - "failed to respond to questions despite three reminders" (2016-2020:
//     un.org/press/en/2016/ecosoc6739.doc.htm, press.un.org/en/2019/ecosoc6963.doc.htm);
//   - "failed to respond to queries over two consecutive sessions" (2021:
//     un.org/press/en/2021/ngo929.doc.htm);
//   - "failed to respond to queries by the deadline of two business days
//     (48 hours) before the beginning of the Committee session" (2024
//     resumed session, E/2024/32 (Part II)) — the default.
type NoAnswerRule interface {
	// Name is the setting's value, e.g. "48h".
	Name() string
	// Describe says the rule in words, for the record.
	Describe() string
	// Deadline is the instant from which the rule may be applied to session s.
	Deadline(s CommitteeSession) time.Time
	// ShouldClose decides for one DEFERRED application scheduled for s.
	// sessions lists every known session, so rules counting sessions can.
	ShouldClose(a Application, s CommitteeSession, sessions []CommitteeSession) bool
}

// NoAnswerRuleByName returns the rule for a setting value: "48h" (default
// when empty), "two-sessions" or "three-reminders".
func NoAnswerRuleByName(name string) (NoAnswerRule, error) {
	switch name {
	case "", "48h":
		return FortyEightHours{}, nil
	case "two-sessions":
		return TwoSessions{}, nil
	case "three-reminders":
		return ThreeReminders{Interval: 30 * 24 * time.Hour}, nil
	}
	return nil, fmt.Errorf("no-answer rule %q: want 48h, two-sessions or three-reminders", name)
}

// Candidate reports whether the no-answer rule applies to a at all: it is
// DEFERRED, scheduled for s, and has an unanswered question.
func Candidate(a Application, s CommitteeSession) bool {
	return a.State == StateDeferred && a.SessionID == s.ID && len(a.OpenQuestions()) > 0
}

// FortyEightHours closes applications with a question still unanswered by
// the deadline of "two business days (48 hours) before the beginning of the
// Committee session" (E/2024/32 (Part II)): the business days are counted,
// not the clock hours, so for a session opening on a Monday the deadline is
// the start of the Thursday before in New York. Weekends are skipped;
// United Nations holidays are not known to the service.
type FortyEightHours struct{}

// Name implements NoAnswerRule.
func (FortyEightHours) Name() string { return "48h" }

// Describe implements NoAnswerRule.
func (FortyEightHours) Describe() string {
	return "no answer two business days (48 hours) before the session starts"
}

// Deadline implements NoAnswerRule: the start of the day two business days
// before the session's first day, in New York.
func (FortyEightHours) Deadline(s CommitteeSession) time.Time {
	return BusinessDaysBefore(s.StartDate, 2).StartAtHeadquarters()
}

// BusinessDaysBefore is the day n business days (Monday to Friday) before d.
func BusinessDaysBefore(d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(-1)
		if wd := d.time().Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return d
}

// ShouldClose implements NoAnswerRule. A question asked after the deadline
// could not have been answered in time, so it does not count.
func (r FortyEightHours) ShouldClose(a Application, s CommitteeSession, _ []CommitteeSession) bool {
	if !Candidate(a, s) {
		return false
	}
	deadline := r.Deadline(s)
	for _, q := range a.OpenQuestions() {
		if q.AskedTime.Before(deadline) {
			return true
		}
	}
	return false
}

// TwoSessions closes applications with a question that has gone unanswered
// through two consecutive sessions: asked at one session, still open when
// the second session after it starts.
type TwoSessions struct{}

// Name implements NoAnswerRule.
func (TwoSessions) Name() string { return "two-sessions" }

// Describe implements NoAnswerRule.
func (TwoSessions) Describe() string { return "no answer over two consecutive sessions" }

// Deadline implements NoAnswerRule: the session's start.
func (TwoSessions) Deadline(s CommitteeSession) time.Time { return s.Starts() }

// ShouldClose implements NoAnswerRule.
func (TwoSessions) ShouldClose(a Application, s CommitteeSession, sessions []CommitteeSession) bool {
	if !Candidate(a, s) {
		return false
	}
	start := map[string]Date{}
	for _, x := range sessions {
		start[x.ID] = x.StartDate
	}
	for _, q := range a.OpenQuestions() {
		asked, ok := start[q.SessionID]
		if !ok {
			continue
		}
		between := 0 // sessions after the one the question was asked at, up to and including s
		for _, x := range sessions {
			if x.StartDate.After(asked) && !x.StartDate.After(s.StartDate) {
				between++
			}
		}
		if between >= 2 {
			return true
		}
	}
	return false
}

// ThreeReminders closes applications whose question is still unanswered
// after three reminders. The reminders are notices the service schedules one
// Interval apart after the question; the rule counts those actually sent
// (Question.Reminders), and leaves one more interval to answer the third.
// The interval is not in the sources; 30 days by default.
type ThreeReminders struct{ Interval time.Duration }

// Name implements NoAnswerRule.
func (ThreeReminders) Name() string { return "three-reminders" }

// Describe implements NoAnswerRule.
func (r ThreeReminders) Describe() string {
	return fmt.Sprintf("no answer despite three reminders (one every %d days)", int(r.Interval/(24*time.Hour)))
}

// Deadline implements NoAnswerRule: the session's start.
func (ThreeReminders) Deadline(s CommitteeSession) time.Time { return s.Starts() }

// ShouldClose implements NoAnswerRule.
func (r ThreeReminders) ShouldClose(a Application, s CommitteeSession, _ []CommitteeSession) bool {
	if !Candidate(a, s) {
		return false
	}
	for _, q := range a.OpenQuestions() {
		if len(q.Reminders) >= 3 && !q.Reminders[2].Add(r.Interval).After(r.Deadline(s)) {
			return true
		}
	}
	return false
}
