package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// The notices follow from the history entry and the status change a step writes, inside the
// step's transaction: they are derived from those change records, never sent by the handler, so
// the change and its notices commit or fail together.

// reminderInterval is the spacing of a question's three reminders: the three-reminders rule's,
// else 30 days.
func (s *Service) reminderInterval() time.Duration {
	if r, ok := s.rule.(domain.ThreeReminders); ok && r.Interval > 0 {
		return r.Interval
	}
	return 30 * 24 * time.Hour
}

// organization is the recipient reference of an organization: its focal address of record.
func organization(id string) string { return "organization:" + id }

// branch is the recipient reference of the NGO Branch's mailbox for news about an
// organization: the resolver gives the mailbox's address and the organization's name.
func branch(org string) string { return "branch:" + org }

// applicationLink is the portal page where an organization acts on its application.
func applicationLink(id string) string { return "/portal/applications/" + id }

// noticesFor writes the notices a workflow step calls for.
func (s *Service) noticesFor(ctx context.Context, tx Tx, a domain.Application, ev domain.Event, now time.Time) error {
	switch ev.Action {
	case domain.ActionPoseQuestion:
		if len(a.Questions) == 0 {
			return nil
		}
		q := a.Questions[len(a.Questions)-1]
		params := map[string]string{"question": q.Text, "askeddate": q.AskedTime.UTC().Format("2006-01-02")}
		if err := tx.Notify(ctx, notify.Notice{Key: "question:" + q.ID + ":asked", Kind: notify.KindQuestionAsked,
			Recipient: organization(a.OrganizationID), Topic: q.ID, Link: applicationLink(a.ID), Params: params}, now); err != nil {
			return err
		}
		for n := 1; n <= 3; n++ {
			p := map[string]string{"n": strconv.Itoa(n)}
			for k, v := range params {
				p[k] = v
			}
			if err := tx.Notify(ctx, notify.Notice{Key: fmt.Sprintf("question:%s:reminder:%d", q.ID, n), Kind: notify.KindQuestionReminder,
				Recipient: organization(a.OrganizationID), Topic: q.ID, Link: applicationLink(a.ID), Params: p,
				Due: q.AskedTime.Add(time.Duration(n) * s.reminderInterval())}, now); err != nil {
				return err
			}
		}
		return s.deadlineNotices(ctx, tx, a, now)
	case domain.ActionSchedule:
		return s.deadlineNotices(ctx, tx, a, now)
	case domain.ActionSubmit:
		if s.branch == "" {
			return nil
		}
		return tx.Notify(ctx, notify.Notice{Key: "submitted:" + ev.ID, Kind: notify.KindSubmitted, Recipient: branch(a.OrganizationID),
			Language: "en", Topic: a.ID, Link: applicationLink(a.ID),
			Params: map[string]string{"category": strings.ToLower(string(a.RequestedCategory))}}, now)
	case domain.ActionAnswerQuestion:
		if s.branch != "" {
			for _, q := range a.Questions {
				if q.Answered() && q.AnswerTime.Equal(now) {
					if err := tx.Notify(ctx, notify.Notice{Key: "question:" + q.ID + ":answered", Kind: notify.KindAnswered, Recipient: branch(a.OrganizationID),
						Language: "en", Topic: a.ID, Link: applicationLink(a.ID),
						Params: map[string]string{"question": q.Text, "answer": q.Answer}}, now); err != nil {
						return err
					}
				}
			}
		}
		for _, q := range a.Questions {
			if q.Answered() {
				for _, kind := range []string{notify.KindQuestionReminder, notify.KindQuestionDeadline} {
					if err := tx.CancelNotices(ctx, q.ID, kind, ""); err != nil {
						return err
					}
				}
			}
		}
	case domain.ActionRecordDecision:
		decision := string(domain.DecisionReject)
		if a.State == domain.StateGranted {
			decision = string(domain.DecisionGrant)
		}
		return tx.Notify(ctx, notify.Notice{Key: "decision:" + a.ID, Kind: notify.KindDecision,
			Recipient: organization(a.OrganizationID), Topic: a.ID, Link: applicationLink(a.ID),
			Params: map[string]string{"decision": decision, "ref": a.DecisionRef}}, now)
	case domain.ActionCloseNoAnswer:
		for _, q := range a.Questions {
			for _, kind := range []string{notify.KindQuestionReminder, notify.KindQuestionDeadline} {
				if err := tx.CancelNotices(ctx, q.ID, kind, ""); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// deadlineLead is how long before the no-answer rule's deadline an open question is recalled.
const deadlineLead = 7 * 24 * time.Hour

// deadlineNotices schedules, for each open question of an application scheduled for a session,
// a warning a week before the no-answer rule's deadline for that session. The key names the
// session, so rescheduling to another session warns again for the new one.
func (s *Service) deadlineNotices(ctx context.Context, tx Tx, a domain.Application, now time.Time) error {
	if a.SessionID == "" || len(a.OpenQuestions()) == 0 {
		return nil
	}
	ses, err := tx.Session(ctx, a.SessionID)
	if err != nil {
		return err
	}
	deadline := s.rule.Deadline(ses)
	at := deadline.Add(-deadlineLead)
	if !deadline.After(now) {
		return nil
	}
	if at.Before(now) {
		at = now
	}
	for _, q := range a.OpenQuestions() {
		key := "question:" + q.ID + ":deadline:" + ses.ID
		if err := tx.CancelNotices(ctx, q.ID, notify.KindQuestionDeadline, key); err != nil {
			return err
		}
		if err := tx.Notify(ctx, notify.Notice{Key: key, Kind: notify.KindQuestionDeadline,
			Recipient: organization(a.OrganizationID), Topic: q.ID, Link: applicationLink(a.ID), Due: at, Optional: true,
			Params: map[string]string{"question": q.Text, "deadlinedate": deadline.In(domain.Headquarters()).Format("2006-01-02"),
				"sessiondate": ses.StartDate.String()}}, now); err != nil {
			return err
		}
	}
	return nil
}

// reportLeads are how long before a report's due date its reminders go: six months, one month
// and two weeks.
var reportLeads = []struct {
	name          string
	months, weeks int
}{{"6m", 6, 0}, {"1m", 1, 0}, {"2w", 0, 2}}

// statusNotices writes the notices a status change calls for: the change itself when it
// suspends, reinstates or withdraws, and the reminders of the next report due.
func statusNotices(ctx context.Context, tx Tx, ch domain.Change, now time.Time) error {
	st := ch.Status
	org := st.OrganizationID
	topic := "report:" + org
	switch ch.Kind {
	case domain.ChangeSuspended, domain.ChangeReinstated, domain.ChangeWithdrawn:
		if err := tx.Notify(ctx, notify.Notice{Key: fmt.Sprintf("status:%s:%d", org, ch.Sequence), Kind: notify.KindStatusChanged,
			Recipient: organization(org), Topic: org, Link: "/portal/my",
			Params: map[string]string{"state": string(st.State)}}, now); err != nil {
			return err
		}
	}
	// The due date may have moved (a report filed, a suspension): reminders of an old date go.
	if err := tx.CancelNotices(ctx, topic, notify.KindReportDue, ""); err != nil {
		return err
	}
	if st.State != domain.StatusActive || st.NextReportDue.IsZero() {
		return nil
	}
	due := time.Date(st.NextReportDue.Year, st.NextReportDue.Month, st.NextReportDue.Day, 0, 0, 0, 0, time.UTC)
	for _, lead := range reportLeads {
		at := due.AddDate(0, -lead.months, -7*lead.weeks)
		if at.Before(now) {
			continue
		}
		// The early reminders may be declined; the last one is always sent.
		if err := tx.Notify(ctx, notify.Notice{Key: fmt.Sprintf("report:%s:%s:%s", org, st.NextReportDue, lead.name), Kind: notify.KindReportDue,
			Recipient: organization(org), Topic: topic, Link: "/portal/my", Optional: lead.weeks == 0,
			Params: map[string]string{"duedate": st.NextReportDue.String()}, Due: at}, now); err != nil {
			return err
		}
	}
	return nil
}
