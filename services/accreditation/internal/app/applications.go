package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// CreateApplication asks for a new draft.
type CreateApplication struct {
	OrganizationID string
	Kind           domain.Kind
	Category       domain.Category
	Questionnaire  domain.Questionnaire
	RequestID      string
}

// CreateApplication opens a draft for an organization that exists in the
// registry and may apply now (no open application, no status held for a new
// one, ACTIVE status for a reclassification).
func (s *Service) CreateApplication(ctx context.Context, actor domain.Actor, cmd CreateApplication) (domain.Application, error) {
	if err := domain.Authorize(domain.ActionCreate, actor, cmd.OrganizationID, ""); err != nil {
		return domain.Application{}, err
	}
	now := s.clock.Now()
	draft, err := domain.NewApplication(NewID("app", now), cmd.OrganizationID, cmd.Kind, cmd.Category, cmd.Questionnaire, now)
	if err != nil {
		return domain.Application{}, err
	}
	key := RequestKey{Caller: actor.Subject, RequestID: cmd.RequestID, Method: "CreateApplication"}
	prepare := func(ctx context.Context) error {
		_, err := s.dir.Organization(ctx, cmd.OrganizationID)
		return err
	}
	return idempotent(ctx, s, key, prepare, func(tx Tx) (domain.Application, error) {
		st, err := tx.Status(ctx, draft.OrganizationID)
		if err != nil {
			return domain.Application{}, err
		}
		if err := domain.CheckMayApply(draft.Kind, draft.RequestedCategory, st, domain.DateAt(now)); err != nil {
			return domain.Application{}, err
		}
		a := draft
		if err := tx.InsertApplication(ctx, &a); err != nil {
			return domain.Application{}, err
		}
		ev := a.Created(actor)
		ev.ID, ev.RequestID = NewID("evt", now), cmd.RequestID
		return a, tx.AppendEvent(ctx, ev)
	})
}

// GetApplication reads one application the actor may see.
func (s *Service) GetApplication(ctx context.Context, actor domain.Actor, id string) (domain.Application, error) {
	a, err := s.store.Application(ctx, id)
	if err != nil {
		return domain.Application{}, err
	}
	if err := domain.Authorize(domain.ActionRead, actor, a.OrganizationID, id); err != nil {
		return domain.Application{}, err
	}
	return a, nil
}

// DocumentContent returns a document and its bytes for download.
func (s *Service) DocumentContent(ctx context.Context, actor domain.Actor, appID, docID string) (domain.Document, []byte, error) {
	if _, err := s.GetApplication(ctx, actor, appID); err != nil {
		return domain.Document{}, nil, err
	}
	return s.store.DocumentContent(ctx, appID, docID)
}

// step describes one workflow step for runStep.
type step struct {
	method    string
	action    domain.Action
	id        string
	etag      string
	requestID string
	// prepare runs before the transaction with the application as it was
	// read, for calls to other services.
	prepare func(ctx context.Context, a domain.Application) error
	// do takes the step on a inside the transaction.
	do func(ctx context.Context, tx Tx, a *domain.Application, now time.Time) (domain.Event, error)
}

// runStep is the shape of every workflow step: replay a repeated
// request_id, check who may act, check the etag, take the step, store the
// application and its history entry together.
func (s *Service) runStep(ctx context.Context, actor domain.Actor, st step) (domain.Application, error) {
	key := RequestKey{Caller: actor.Subject, RequestID: st.requestID, Method: st.method}
	var prepare func(context.Context) error
	if st.prepare != nil {
		prepare = func(ctx context.Context) error {
			a, err := s.store.Application(ctx, st.id)
			if err != nil {
				return err
			}
			if err := domain.Authorize(st.action, actor, a.OrganizationID, a.ID); err != nil {
				return err
			}
			return st.prepare(ctx, a)
		}
	}
	return idempotent(ctx, s, key, prepare, func(tx Tx) (domain.Application, error) {
		a, err := tx.Application(ctx, st.id)
		if err != nil {
			return domain.Application{}, err
		}
		if err := domain.Authorize(st.action, actor, a.OrganizationID, a.ID); err != nil {
			return domain.Application{}, err
		}
		if st.etag != "" && !etagMatches(st.etag, a.ID, a.Revision) {
			return domain.Application{}, staleEtag("application", a.ID)
		}
		now := s.clock.Now()
		ev, err := st.do(ctx, tx, &a, now)
		if err != nil {
			return domain.Application{}, err
		}
		ev.ID, ev.RequestID, ev.Actor = NewID("evt", now), st.requestID, actor
		if err := tx.SaveApplication(ctx, &a); err != nil {
			return domain.Application{}, err
		}
		return a, tx.AppendEvent(ctx, ev)
	})
}

func staleEtag(what, id string) error {
	return &domain.ConflictError{Message: fmt.Sprintf("the %s %s changed since you read it: read it again and retry with its new etag", what, id)}
}

// UpdateApplication changes editable fields named by Paths (requested_category,
// questionnaire, questionnaire.<answer>); organization_id and kind may be
// named only with their current value.
type UpdateApplication struct {
	ID             string
	ETag           string
	Paths          []string
	OrganizationID string
	Kind           domain.Kind
	Category       domain.Category
	Questionnaire  domain.Questionnaire
}

// UpdateApplication edits a DRAFT or RETURNED application.
func (s *Service) UpdateApplication(ctx context.Context, actor domain.Actor, cmd UpdateApplication) (domain.Application, error) {
	if cmd.ETag == "" {
		return domain.Application{}, domain.Invalid("application.etag", "is required: send the etag of the application you edited")
	}
	return s.runStep(ctx, actor, step{method: "UpdateApplication", action: domain.ActionUpdate, id: cmd.ID, etag: cmd.ETag,
		do: func(_ context.Context, _ Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			cat, q := a.RequestedCategory, a.Questionnaire
			for _, p := range cmd.Paths {
				switch p {
				case "requested_category":
					cat = cmd.Category
				case "questionnaire":
					q = cmd.Questionnaire
				case "questionnaire.aims_and_purposes":
					q.AimsAndPurposes = cmd.Questionnaire.AimsAndPurposes
				case "questionnaire.main_activities":
					q.MainActivities = cmd.Questionnaire.MainActivities
				case "questionnaire.governance_structure":
					q.GovernanceStructure = cmd.Questionnaire.GovernanceStructure
				case "questionnaire.funding_sources":
					q.FundingSources = cmd.Questionnaire.FundingSources
				case "questionnaire.un_contributions":
					q.UNContributions = cmd.Questionnaire.UNContributions
				case "organization_id":
					if cmd.OrganizationID != a.OrganizationID {
						return domain.Event{}, domain.Invalid("update_mask", "organization_id cannot be changed")
					}
				case "kind":
					if cmd.Kind != "" && cmd.Kind != a.Kind {
						return domain.Event{}, domain.Invalid("update_mask", "kind cannot be changed")
					}
				default:
					return domain.Event{}, domain.Invalid("update_mask", fmt.Sprintf("%q cannot be edited", p))
				}
			}
			return a.Edit(actor, cat, q, now)
		}})
}

// AddDocument attaches a document.
type AddDocument struct {
	ApplicationID string
	Upload        domain.Upload
	ETag          string
	RequestID     string
}

// AddDocument checks and stores a supporting document (content and SHA-256).
func (s *Service) AddDocument(ctx context.Context, actor domain.Actor, cmd AddDocument) (domain.Application, error) {
	return s.runStep(ctx, actor, step{method: "AddApplicationDocument", action: domain.ActionAddDocument,
		id: cmd.ApplicationID, etag: cmd.ETag, requestID: cmd.RequestID,
		do: func(ctx context.Context, tx Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			if !domain.CanTake(domain.ActionAddDocument, a.State) {
				return domain.Event{}, domain.TransitionError(domain.ActionAddDocument, a.State)
			}
			d, err := domain.CheckUpload(NewID("doc", now), cmd.Upload, now)
			if err != nil {
				return domain.Event{}, err
			}
			ev, err := a.AttachDocument(actor, d, now)
			if err != nil {
				return domain.Event{}, err
			}
			return ev, tx.InsertDocument(ctx, a.ID, d, cmd.Upload.Content)
		}})
}

// StepCommand carries what every step has: the application, etag and request_id.
type StepCommand struct {
	ID        string
	ETag      string
	RequestID string
}

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
			if cmd.SessionID != "" {
				if _, err := tx.Session(ctx, cmd.SessionID); err != nil {
					return domain.Event{}, err
				}
			}
			return a.PoseQuestion(actor, NewID("q", now), cmd.Text, strings.TrimSpace(cmd.AskedBy), cmd.SessionID, now)
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
}

// RecordOutcome moves the application as the Committee concluded.
func (s *Service) RecordOutcome(ctx context.Context, actor domain.Actor, cmd RecordOutcome) (domain.Application, error) {
	return s.runStep(ctx, actor, step{method: "RecordOutcome", action: domain.ActionRecordOutcome, id: cmd.ID, etag: cmd.ETag, requestID: cmd.RequestID,
		do: func(ctx context.Context, tx Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			if cmd.SessionID != "" {
				if _, err := tx.Session(ctx, cmd.SessionID); err != nil {
					return domain.Event{}, err
				}
			}
			st, err := tx.Status(ctx, a.OrganizationID)
			if err != nil {
				return domain.Event{}, err
			}
			return a.RecordOutcome(actor, cmd.Outcome, cmd.Category, cmd.SessionID, cmd.Notes, st.Category, now)
		}})
}

// RecordDecision records ECOSOC's decision.
type RecordDecision struct {
	StepCommand
	Decision  domain.Decision
	Ref       string
	Effective domain.Date
	Notes     string
}

// RecordDecision moves the application and, for a grant, the status of
// record, writing the status change to the change log in the same
// transaction.
func (s *Service) RecordDecision(ctx context.Context, actor domain.Actor, cmd RecordDecision) (domain.Application, error) {
	if cmd.Decision == domain.DecisionGrant && !cmd.Effective.IsFull() {
		return domain.Application{}, domain.Invalid("effective_date", "is required for DECISION_GRANT")
	}
	a, err := s.runStep(ctx, actor, step{method: "RecordDecision", action: domain.ActionRecordDecision, id: cmd.ID, etag: cmd.ETag, requestID: cmd.RequestID,
		do: func(ctx context.Context, tx Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			ev, err := a.RecordDecision(actor, cmd.Decision, cmd.Ref, cmd.Notes, now)
			if err != nil || cmd.Decision != domain.DecisionGrant {
				return ev, err
			}
			st, err := tx.Status(ctx, a.OrganizationID)
			if err != nil {
				return domain.Event{}, err
			}
			var ch domain.Change
			if a.Kind == domain.KindReclassification {
				ch, err = st.Reclassify(a.GrantedCategory(), cmd.Effective, cmd.Ref, a.ID, now)
			} else {
				ch, err = st.Grant(a.GrantedCategory(), cmd.Effective, cmd.Ref, a.ID, now)
			}
			if err != nil {
				return domain.Event{}, err
			}
			return ev, s.saveChange(ctx, tx, &st, &ch)
		}})
	if err == nil && cmd.Decision == domain.DecisionGrant {
		s.changed(ctx, a.OrganizationID)
	}
	return a, err
}

func (s *Service) saveChange(ctx context.Context, tx Tx, st *domain.Status, ch *domain.Change) error {
	if err := tx.SaveStatus(ctx, st); err != nil {
		return err
	}
	ch.Status = *st
	return tx.AppendChange(ctx, ch)
}

// Withdraw withdraws an open application at the organization's request.
func (s *Service) Withdraw(ctx context.Context, actor domain.Actor, cmd StepCommand, reason string) (domain.Application, error) {
	return s.runStep(ctx, actor, step{method: "WithdrawApplication", action: domain.ActionWithdraw, id: cmd.ID, etag: cmd.ETag, requestID: cmd.RequestID,
		do: func(_ context.Context, _ Tx, a *domain.Application, now time.Time) (domain.Event, error) {
			return a.Withdraw(actor, reason, now)
		}})
}

// EventPage is a page of history.
type EventPage struct {
	Events    []domain.Event
	NextToken string
}

// ListEvents lists an application's history, oldest first.
func (s *Service) ListEvents(ctx context.Context, actor domain.Actor, appID string, size int, token string) (EventPage, error) {
	a, err := s.store.Application(ctx, appID)
	if err != nil {
		return EventPage{}, err
	}
	if err := domain.Authorize(domain.ActionReadHistory, actor, a.OrganizationID, appID); err != nil {
		return EventPage{}, err
	}
	var after int64
	if token != "" {
		if err := decodePageToken(token, appID, &after); err != nil {
			return EventPage{}, err
		}
	}
	limit := pageSize(size)
	evs, seqs, err := s.store.Events(ctx, appID, after, limit+1)
	if err != nil {
		return EventPage{}, err
	}
	page := EventPage{Events: evs}
	if len(evs) > limit {
		page.Events = evs[:limit]
		page.NextToken = encodePageToken(appID, seqs[limit-1])
	}
	return page, nil
}
