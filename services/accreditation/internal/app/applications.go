package app

import (
	"context"
	"fmt"
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
	key := RequestKey{Caller: actor.Subject, RequestID: cmd.RequestID, Method: "CreateApplication", Target: cmd.OrganizationID}
	prepare := func(ctx context.Context) error {
		org, err := s.dir.Organization(ctx, cmd.OrganizationID)
		if err != nil {
			return err
		}
		return domain.CheckProfile(org)
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
	if !domain.VisibleTo(a, actor) {
		return domain.Application{}, &domain.NotFoundError{What: "application", ID: id}
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
