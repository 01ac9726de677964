package app

import (
	"context"
	"fmt"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Agenda is what is before the Committee at a session: applications (new
// ones due and those carried over) and quadrennial reports.
type Agenda struct {
	Session      domain.CommitteeSession
	Applications []domain.Application
	Reports      []domain.QuadrennialReport
	Requests     []domain.CommitteeRequest
}

// AssembleAgenda lists before a session everything due for it: applications
// whose review cycle has come and that no later session holds, applications
// deferred or answered at an earlier session (carried over, so the
// no-answer rule reaches them), and quadrennial reports filed or deferred
// and not yet taken note of (E/2024/32 Part II: new and deferred
// applications, reclassifications, quadrennial reports). Running it again
// adds only what became due since; it returns the whole agenda.
func (s *Service) AssembleAgenda(ctx context.Context, actor domain.Actor, sessionID, requestID string) (Agenda, error) {
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "AssembleAgenda", Target: sessionID}
	out, err := idempotent(ctx, s, key, nil, func(tx Tx) (Agenda, error) {
		ses, err := tx.Session(ctx, sessionID)
		if err != nil {
			return Agenda{}, err
		}
		now := s.clock.Now()
		if ses.Ended(domain.DateAt(now)) {
			return Agenda{}, &domain.PreconditionError{Reason: "SESSION_ENDED", Message: fmt.Sprintf("session %s ended on %s", ses.Name, ses.EndDate)}
		}
		apps, err := tx.AgendaCandidates(ctx, ses)
		if err != nil {
			return Agenda{}, err
		}
		for _, a := range apps {
			ev, err := a.PutOnAgenda(actor, ses, now)
			if err != nil {
				return Agenda{}, err
			}
			ev.ID, ev.RequestID, ev.Actor = NewID("evt", now), requestID, actor
			if err := tx.SaveApplication(ctx, &a); err != nil {
				return Agenda{}, err
			}
			if err := tx.AppendEvent(ctx, ev); err != nil {
				return Agenda{}, err
			}
		}
		if err := tx.PutReportsOnAgenda(ctx, ses, now); err != nil {
			return Agenda{}, err
		}
		if err := tx.PutRequestsOnAgenda(ctx, ses, now); err != nil {
			return Agenda{}, err
		}
		return s.agenda(ctx, tx, ses)
	})
	return out, err
}

func (s *Service) agenda(ctx context.Context, tx Tx, ses domain.CommitteeSession) (Agenda, error) {
	out := Agenda{Session: ses}
	var err error
	if out.Applications, err = tx.OnAgenda(ctx, ses.ID); err != nil {
		return out, err
	}
	if out.Reports, err = tx.ReportsOnAgenda(ctx, ses.ID); err != nil {
		return out, err
	}
	out.Requests, err = tx.RequestsOnAgenda(ctx, ses.ID)
	return out, err
}

// GetAgenda reads a session's agenda as it stands.
func (s *Service) GetAgenda(ctx context.Context, actor domain.Actor, sessionID string) (Agenda, error) {
	var out Agenda
	err := s.store.InTx(ctx, func(tx Tx) error {
		ses, err := tx.Session(ctx, sessionID)
		if err != nil {
			return err
		}
		out, err = s.agenda(ctx, tx, ses)
		return err
	})
	return out, err
}

// OutcomeItem is one row of a batch of Committee outcomes.
type OutcomeItem struct {
	ApplicationID string
	Outcome       domain.Outcome
	Category      domain.Category
	Notes         string
	Questions     []domain.NewQuestion
}

// RecordOutcomes records the Committee's outcomes for many items of one
// session's agenda at once (the Committee takes up hundreds a session:
// 2024 resumed session, 476 applications, E/2024/32 Part II). The batch is
// all or nothing: a refused row refuses the batch, naming the row.
func (s *Service) RecordOutcomes(ctx context.Context, actor domain.Actor, sessionID string, items []OutcomeItem, requestID string) ([]domain.Application, error) {
	if len(items) == 0 || len(items) > MaxBatch {
		return nil, domain.Invalid("items", fmt.Sprintf("give 1 to %d outcomes", MaxBatch))
	}
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "BatchRecordOutcomes", Target: sessionID}
	return idempotent(ctx, s, key, nil, func(tx Tx) ([]domain.Application, error) {
		if _, err := tx.Session(ctx, sessionID); err != nil {
			return nil, err
		}
		now := s.clock.Now()
		out := make([]domain.Application, 0, len(items))
		seen := map[string]bool{}
		for i, it := range items {
			if seen[it.ApplicationID] {
				return nil, domain.Invalid(fmt.Sprintf("items[%d].application_id", i), it.ApplicationID+" is listed twice")
			}
			seen[it.ApplicationID] = true
			a, err := tx.Application(ctx, it.ApplicationID)
			if err != nil {
				return nil, rowError(i, err)
			}
			cmd := RecordOutcome{Outcome: it.Outcome, Category: it.Category, SessionID: sessionID, Notes: it.Notes, Questions: it.Questions}
			ev, err := s.recordOutcome(ctx, tx, actor, &a, cmd, now)
			if err != nil {
				return nil, rowError(i, err)
			}
			ev.ID, ev.RequestID, ev.Actor = NewID("evt", now), requestID, actor
			if err := tx.SaveApplication(ctx, &a); err != nil {
				return nil, err
			}
			if err := tx.AppendEvent(ctx, ev); err != nil {
				return nil, err
			}
			out = append(out, a)
		}
		return out, nil
	})
}

// rowError names the batch row a refusal is about.
func rowError(i int, err error) error {
	switch e := err.(type) {
	case *domain.PreconditionError:
		c := *e
		c.Message = fmt.Sprintf("items[%d]: %s", i, e.Message)
		return &c
	case *domain.InvalidError:
		c := domain.InvalidError{}
		for _, f := range e.Fields {
			c.Fields = append(c.Fields, domain.FieldViolation{Field: fmt.Sprintf("items[%d].%s", i, f.Field), Description: f.Description})
		}
		return &c
	case *domain.NotFoundError:
		return &domain.NotFoundError{What: fmt.Sprintf("items[%d]: %s", i, e.What), ID: e.ID}
	}
	return err
}

// ReviewReport records the Committee's review of a quadrennial report at a
// session: it takes note, or defers it with questions.
func (s *Service) ReviewReport(ctx context.Context, actor domain.Actor, reportID, sessionID string, takeNote bool, questions []domain.NewQuestion, requestID string) (domain.QuadrennialReport, error) {
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "ReviewQuadrennialReport", Target: reportID}
	return idempotent(ctx, s, key, nil, func(tx Tx) (domain.QuadrennialReport, error) {
		r, _, _, err := reviewAt(ctx, s, tx, tx.Report, reportID, sessionID, takeNote, questions)
		if err != nil {
			return r, err
		}
		return r, tx.SaveReportReview(ctx, r)
	})
}

// reviewAt reads an item the Committee considers (by read) and the session it is considered at,
// and records the Committee's review of it there: it takes note, or defers it with questions.
func reviewAt[T any, P interface {
	*T
	Review(takeNote bool, ses domain.CommitteeSession, questions []domain.NewQuestion, now time.Time) error
}](ctx context.Context, s *Service, tx Tx, read func(context.Context, string) (T, error), id, sessionID string, takeNote bool, questions []domain.NewQuestion) (item T, ses domain.CommitteeSession, now time.Time, err error) {
	if item, err = read(ctx, id); err != nil {
		return item, ses, now, err
	}
	if ses, err = tx.Session(ctx, sessionID); err != nil {
		return item, ses, now, err
	}
	now = s.clock.Now()
	qs := make([]domain.NewQuestion, len(questions))
	for i, q := range questions {
		qs[i] = domain.NewQuestion{ID: NewID("q", now), Text: q.Text, AskedBy: q.AskedBy}
	}
	return item, ses, now, P(&item).Review(takeNote, ses, qs, now)
}

// RecordEcosocDecision records a decision of the Council once, by its
// symbol and date, over its list: grants by category, applications not
// granted, withdrawals taken note of, suspensions, reinstatements and
// withdrawals. Every status change it makes carries the decision's symbol
// and reason and takes effect on the decision's date; all of it happens in
// one transaction, or none of it.
func (s *Service) RecordEcosocDecision(ctx context.Context, actor domain.Actor, d domain.EcosocDecision, requestID string) (domain.EcosocDecision, error) {
	now := s.clock.Now()
	if err := domain.CheckDecision(d, domain.DateAt(now)); err != nil {
		return domain.EcosocDecision{}, err
	}
	d.RecordTime, d.RecordedBy = now, actor.Subject
	var touched []string
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "RecordEcosocDecision", Target: d.Symbol}
	out, err := idempotent(ctx, s, key, nil, func(tx Tx) (domain.EcosocDecision, error) {
		touched = touched[:0]
		if err := tx.InsertDecision(ctx, d); err != nil {
			return d, err
		}
		for i, e := range d.Entries {
			org, err := s.applyEntry(ctx, tx, actor, d, e, now)
			if err != nil {
				return d, rowError(i, err)
			}
			if org != "" {
				touched = append(touched, org)
			}
		}
		return d, nil
	})
	if err == nil && len(touched) > 0 {
		s.changed(ctx, touched...)
	}
	return out, err
}

// applyEntry applies one entry; it returns the organization whose status changed.
func (s *Service) applyEntry(ctx context.Context, tx Tx, actor domain.Actor, d domain.EcosocDecision, e domain.DecisionEntry, now time.Time) (string, error) {
	switch e.Action {
	case domain.DecisionActionGrant, domain.DecisionActionNotGrant:
		a, err := tx.Application(ctx, e.ApplicationID)
		if err != nil {
			return "", err
		}
		decision := domain.DecisionReject
		if e.Action == domain.DecisionActionGrant {
			decision = domain.DecisionGrant
			if a.State == domain.StateRecommended && e.Category != a.RecommendedCategory {
				return "", &domain.PreconditionError{Reason: "NOT_THE_RECOMMENDED_CATEGORY",
					Message: fmt.Sprintf("application %s was recommended for %s status, not %s", a.ID, a.RecommendedCategory, e.Category)}
			}
			if a.State == domain.StateNotRecommended {
				a.RecommendedCategory = e.Category
			}
		}
		ev, err := a.RecordDecision(actor, decision, d.Symbol, "", d.Date, now)
		if err != nil {
			return "", err
		}
		ev.ID, ev.Actor = NewID("evt", now), actor
		if err := tx.SaveApplication(ctx, &a); err != nil {
			return "", err
		}
		if err := tx.AppendEvent(ctx, ev); err != nil {
			return "", err
		}
		if decision != domain.DecisionGrant {
			return "", nil
		}
		st, err := tx.Status(ctx, a.OrganizationID)
		if err != nil {
			return "", err
		}
		var ch domain.Change
		if a.Kind == domain.KindReclassification {
			ch, err = st.Reclassify(a.GrantedCategory(), d.Date, d.Symbol, a.ID, now)
		} else {
			ch, err = st.Grant(a.GrantedCategory(), d.Date, d.Symbol, a.ID, now)
		}
		if err != nil {
			return "", err
		}
		ch.Decision = d.Symbol
		return a.OrganizationID, s.saveChange(ctx, tx, &st, &ch)
	}
	st, err := tx.Status(ctx, e.OrganizationID)
	if err != nil {
		return "", err
	}
	var ch domain.Change
	switch e.Action {
	case domain.DecisionActionSuspend:
		ch, err = st.Suspend(e, d, now)
	case domain.DecisionActionReinstate:
		ch, err = st.Reinstate(d, now)
	case domain.DecisionActionTakeNote:
		e.Reason = domain.ReasonOrganizationRequest
		ch, err = st.WithdrawByDecision(e, d, now)
	case domain.DecisionActionWithdraw:
		ch, err = st.WithdrawByDecision(e, d, now)
	}
	if err != nil {
		return "", err
	}
	return e.OrganizationID, s.saveChange(ctx, tx, &st, &ch)
}
