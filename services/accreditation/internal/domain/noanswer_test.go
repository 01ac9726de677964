package domain

import (
	"testing"
	"time"
)

func TestNoAnswerRules(t *testing.T) {
	t.Parallel()
	s1 := CommitteeSession{ID: "s1", StartDate: NewDate(2028, 1, 22), EndDate: NewDate(2028, 1, 31)}
	s2 := CommitteeSession{ID: "s2", StartDate: NewDate(2028, 5, 20), EndDate: NewDate(2028, 5, 30)}
	s3 := CommitteeSession{ID: "s3", StartDate: NewDate(2029, 1, 21), EndDate: NewDate(2029, 1, 30)}
	sessions := []CommitteeSession{s1, s2, s3}
	// s2 starts at 2028-05-20 00:00 New York (04:00 UTC); 48 hours before is 2028-05-18 04:00 UTC.
	deadline48 := time.Date(2028, 5, 18, 4, 0, 0, 0, time.UTC)

	app := func(state State, scheduled string, qs ...Question) Application {
		return Application{State: state, SessionID: scheduled, Questions: qs}
	}
	open := func(session string, asked time.Time) Question {
		return Question{ID: "q", SessionID: session, AskedTime: asked}
	}
	// reminded is a question asked at asked with reminders sent at the given days after it.
	reminded := func(session string, asked time.Time, days ...int) Question {
		q := open(session, asked)
		for _, d := range days {
			q.Reminders = append(q.Reminders, asked.Add(time.Duration(d)*24*time.Hour))
		}
		return q
	}
	answered := func(session string, asked time.Time) Question {
		q := open(session, asked)
		q.AnswerTime = asked.Add(time.Hour)
		return q
	}
	rules := map[string]NoAnswerRule{
		"48h": FortyEightHours{}, "two-sessions": TwoSessions{}, "three-reminders": ThreeReminders{Interval: 30 * 24 * time.Hour},
	}
	tests := []struct {
		name    string
		rule    string
		app     Application
		session CommitteeSession
		close   bool
	}{
		{"48h: open question asked before the deadline", "48h", app(StateDeferred, "s2", open("s1", time.Date(2028, 1, 25, 0, 0, 0, 0, time.UTC))), s2, true},
		{"48h: asked after the deadline", "48h", app(StateDeferred, "s2", open("s2", deadline48.Add(time.Minute))), s2, false},
		{"48h: answered", "48h", app(StateDeferred, "s2", answered("s1", time.Date(2028, 1, 25, 0, 0, 0, 0, time.UTC))), s2, false},
		{"48h: scheduled elsewhere", "48h", app(StateDeferred, "s3", open("s1", time.Date(2028, 1, 25, 0, 0, 0, 0, time.UTC))), s2, false},
		{"48h: not deferred", "48h", app(StatePendingCommittee, "s2", open("s1", time.Date(2028, 1, 25, 0, 0, 0, 0, time.UTC))), s2, false},
		{"two sessions: asked at s1, checked at s2", "two-sessions", app(StateDeferred, "s2", open("s1", time.Date(2028, 1, 25, 0, 0, 0, 0, time.UTC))), s2, false},
		{"two sessions: asked at s1, checked at s3", "two-sessions", app(StateDeferred, "s3", open("s1", time.Date(2028, 1, 25, 0, 0, 0, 0, time.UTC))), s3, true},
		{"three reminders sent, the third 10 days ago", "three-reminders", app(StateDeferred, "s2", reminded("s1", s2.Starts().Add(-100*24*time.Hour), 30, 60, 90)), s2, false},
		{"three reminders sent, the third 30 days ago", "three-reminders", app(StateDeferred, "s2", reminded("s1", s2.Starts().Add(-120*24*time.Hour), 30, 60, 90)), s2, true},
		{"120 days but only two reminders sent", "three-reminders", app(StateDeferred, "s2", reminded("s1", s2.Starts().Add(-120*24*time.Hour), 30, 60)), s2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := rules[tt.rule].ShouldClose(tt.app, tt.session, sessions); got != tt.close {
				t.Fatalf("ShouldClose = %v, want %v", got, tt.close)
			}
		})
	}
	if got := (FortyEightHours{}).Deadline(s2); !got.Equal(deadline48) {
		t.Errorf("48h deadline %v, want %v", got, deadline48)
	}
}

func TestNoAnswerRuleByName(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"", "48h", "two-sessions", "three-reminders"} {
		r, err := NoAnswerRuleByName(name)
		if err != nil || r.Describe() == "" {
			t.Errorf("%q: %v", name, err)
		}
	}
	if _, err := NoAnswerRuleByName("never"); err == nil {
		t.Error("unknown rule accepted")
	}
}
