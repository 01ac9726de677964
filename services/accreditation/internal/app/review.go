package app

import (
	"context"
	"strings"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Submit sends the application to the Secretariat; the organization's
// founding date comes from the registry.
func (s *Service) Submit(ctx context.Context, actor domain.Actor, cmd StepCommand) (domain.Application, error) {
	var org domain.Organization
	return s.runStep(ctx, actor, step{method: "SubmitApplication", action: domain.ActionSubmit, id: cmd.ID, etag: cmd.ETag, requestID: cmd.RequestID,
		prepare: func(ctx context.Context, a domain.Application) error {
			if !domain.CanTake(domain.ActionSubmit, a.State) {
				return domain.TransitionError(domain.ActionSubmit, a.State)
			}
			var err error
			org, err = s.dir.Organization(ctx, a.OrganizationID)
			return err
		},
		do: func(_ context.Context, _ Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			return a.Submit(actor, org, now)
		}})
}

// Screen records the NGO Branch's screening.
func (s *Service) Screen(ctx context.Context, actor domain.Actor, cmd StepCommand, complete bool, notes string) (domain.Application, error) {
	return s.runStep(ctx, actor, step{method: "ScreenApplication", action: domain.ActionScreen, id: cmd.ID, etag: cmd.ETag, requestID: cmd.RequestID,
		do: func(_ context.Context, _ Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			return a.Screen(actor, complete, notes, now)
		}})
}

// Schedule lists the application for a Committee session.
func (s *Service) Schedule(ctx context.Context, actor domain.Actor, cmd StepCommand, sessionID string) (domain.Application, error) {
	if sessionID == "" {
		return domain.Application{}, domain.Invalid("session_id", "is required")
	}
	return s.runStep(ctx, actor, step{method: "ScheduleApplication", action: domain.ActionSchedule, id: cmd.ID, etag: cmd.ETag, requestID: cmd.RequestID,
		do: func(ctx context.Context, tx Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			if !domain.CanTake(domain.ActionSchedule, a.State) {
				return domain.Event{}, domain.TransitionError(domain.ActionSchedule, a.State)
			}
			ses, err := tx.Session(ctx, sessionID)
			if err != nil {
				return domain.Event{}, err
			}
			return a.Schedule(actor, ses, now)
		}})
}

// PoseQuestion records a member State's question.
type PoseQuestion struct {
	StepCommand
	Text      string
	AskedBy   string
	SessionID string
}

// PoseQuestion defers the application with a question.
func (s *Service) PoseQuestion(ctx context.Context, actor domain.Actor, cmd PoseQuestion) (domain.Application, error) {
	return s.runStep(ctx, actor, step{method: "PoseQuestion", action: domain.ActionPoseQuestion, id: cmd.ID, etag: cmd.ETag, requestID: cmd.RequestID,
		do: func(ctx context.Context, tx Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			ses, err := sessionOf(ctx, tx, cmd.SessionID, a.SessionID)
			if err != nil {
				return domain.Event{}, err
			}
			return a.PoseQuestion(actor, NewID("q", now), cmd.Text, strings.TrimSpace(cmd.AskedBy), ses, now)
		}})
}

// Answer records the organization's answer to a question.
func (s *Service) Answer(ctx context.Context, actor domain.Actor, cmd StepCommand, questionID, text string) (domain.Application, error) {
	return s.runStep(ctx, actor, step{method: "AnswerQuestion", action: domain.ActionAnswerQuestion, id: cmd.ID, etag: cmd.ETag, requestID: cmd.RequestID,
		do: func(_ context.Context, _ Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			return a.AnswerQuestion(actor, questionID, text, now)
		}})
}

// RecordOutcome records the Committee's conclusion.
type RecordOutcome struct {
	StepCommand
	Outcome   domain.Outcome
	Category  domain.Category
	SessionID string
	Notes     string
	// Questions go with a DEFER.
	Questions []domain.NewQuestion
}

// RecordOutcome moves the application as the Committee concluded.
func (s *Service) RecordOutcome(ctx context.Context, actor domain.Actor, cmd RecordOutcome) (domain.Application, error) {
	return s.runStep(ctx, actor, step{method: "RecordOutcome", action: domain.ActionRecordOutcome, id: cmd.ID, etag: cmd.ETag, requestID: cmd.RequestID,
		do: func(ctx context.Context, tx Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			return s.recordOutcome(ctx, tx, actor, a, cmd, now)
		}})
}

// Withdraw withdraws an open application at the organization's request.
func (s *Service) Withdraw(ctx context.Context, actor domain.Actor, cmd StepCommand, reason string) (domain.Application, error) {
	return s.runStep(ctx, actor, step{method: "WithdrawApplication", action: domain.ActionWithdraw, id: cmd.ID, etag: cmd.ETag, requestID: cmd.RequestID,
		do: func(_ context.Context, _ Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			return a.Withdraw(actor, reason, now)
		}})
}

// sessionOf reads the session named, or else the one the application is
// scheduled for; none is the zero session.
func sessionOf(ctx context.Context, tx Tx, named, scheduled string) (domain.CommitteeSession, error) {
	id := named
	if id == "" {
		id = scheduled
	}
	if id == "" {
		return domain.CommitteeSession{}, nil
	}
	return tx.Session(ctx, id)
}

func (s *Service) recordOutcome(ctx context.Context, tx Tx, actor domain.Actor, a *domain.Application, cmd RecordOutcome, now time.Time) (domain.Event, error) {
	ses, err := sessionOf(ctx, tx, cmd.SessionID, a.SessionID)
	if err != nil {
		return domain.Event{}, err
	}
	st, err := tx.Status(ctx, a.OrganizationID)
	if err != nil {
		return domain.Event{}, err
	}
	qs := make([]domain.NewQuestion, len(cmd.Questions))
	for i, q := range cmd.Questions {
		qs[i] = domain.NewQuestion{ID: NewID("q", now), Text: q.Text, AskedBy: strings.TrimSpace(q.AskedBy)}
	}
	return a.RecordOutcome(actor, cmd.Outcome, cmd.Category, ses, cmd.Notes, st.Category, qs, now)
}
