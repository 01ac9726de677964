package app

import (
	"context"
	"strconv"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

func (s *Service) statements() (StatementStore, error) {
	if s.av.Statements == nil {
		return nil, errNotConfigured
	}
	return s.av.Statements, nil
}

// CreateStatementCall opens a call for written statements.
func (s *Service) CreateStatementCall(ctx context.Context, a Actor, c domain.StatementCall, requestID string) (domain.StatementCall, error) {
	store, err := s.statements()
	if err != nil {
		return c, err
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	key := RequestKey{Caller: a.caller(), RequestID: requestID, Method: MethodCreateCall}
	if id, found, err := s.replay(ctx, key); err != nil || found {
		if err != nil {
			return c, err
		}
		return store.GetStatementCall(ctx, id)
	}
	c.ID = NewID("scl")
	c.Created = s.clock.Now()
	if err := store.CreateStatementCall(ctx, &c, key); err != nil {
		return raced(ctx, s, key, c, err, store.GetStatementCall)
	}
	return c, nil
}

// ListStatementCalls lists calls oldest first; anyone may.
func (s *Service) ListStatementCalls(ctx context.Context, size int, token string) (List[domain.StatementCall], error) {
	store, err := s.statements()
	if err != nil {
		return List[domain.StatementCall]{}, err
	}
	return pageList(token, size, "calls", func(p Page) ([]domain.StatementCall, int, error) {
		return store.ListStatementCalls(ctx, p)
	}, func(c domain.StatementCall) Cursor { return Cursor{Seq: c.Arrival} })
}

// SubmitWrittenStatement records a statement after the call's rules: every signer eligible,
// the words within the lowest signer's limit, one statement per organization as the body
// allows.
func (s *Service) SubmitWrittenStatement(ctx context.Context, a Actor, w domain.WrittenStatement, requestID string) (domain.WrittenStatement, error) {
	store, err := s.statements()
	if err != nil {
		return w, err
	}
	if err := a.mayActFor(w.OrganizationID); err != nil {
		return w, err
	}
	key := RequestKey{Caller: a.caller(), RequestID: requestID, Method: MethodSubmitStatement, Target: w.CallID}
	if id, found, err := s.replay(ctx, key); err != nil || found {
		if err != nil {
			return w, err
		}
		return store.GetStatement(ctx, id)
	}
	call, err := store.GetStatementCall(ctx, w.CallID)
	if err != nil {
		return w, err
	}
	if err := w.Validate(&call); err != nil {
		return w, err
	}
	statuses := map[string]domain.ConsultativeStatus{}
	for _, org := range w.Signers() {
		st, err := s.status.ConsultativeStatus(ctx, org)
		if err != nil {
			return w, err
		}
		statuses[org] = st
	}
	now := s.clock.Now()
	if err := w.CheckSigners(&call, statuses, now); err != nil {
		return w, err
	}
	w.ID = NewID("wst")
	w.State, w.Reason, w.Symbol = domain.StatementSubmitted, "", ""
	w.Created, w.Updated, w.Revision = now, now, 1
	err = store.SubmitStatement(ctx, &w, key, func(existing []domain.WrittenStatement) error {
		return w.CheckExclusive(&call, existing)
	})
	if err != nil {
		return raced(ctx, s, key, w, err, store.GetStatement)
	}
	return w, nil
}

// mayRead says whether a caller sees a statement: an accepted one anyone; others officers and
// the signers' ngo users.
func mayRead(a Actor, w *domain.WrittenStatement) bool {
	if w.State == domain.StatementAccepted || a.Officer() {
		return true
	}
	if a.Has(RoleNGO) && a.Org != "" {
		for _, o := range w.Signers() {
			if o == a.Org {
				return true
			}
		}
	}
	return false
}

// GetWrittenStatement reads one statement the caller may see.
func (s *Service) GetWrittenStatement(ctx context.Context, a Actor, id string) (domain.WrittenStatement, error) {
	store, err := s.statements()
	if err != nil {
		return domain.WrittenStatement{}, err
	}
	w, err := store.GetStatement(ctx, id)
	if err != nil {
		return w, err
	}
	if !mayRead(a, &w) {
		return domain.WrittenStatement{}, domain.NotFound("written statement", id)
	}
	return w, nil
}

// ListWrittenStatements lists what the caller may see, oldest first: everything for officers,
// accepted statements (the public list) for anyone, and their own for ngo users.
func (s *Service) ListWrittenStatements(ctx context.Context, a Actor, f StatementFilter, size int, token string) (List[domain.WrittenStatement], error) {
	store, err := s.statements()
	if err != nil {
		return List[domain.WrittenStatement]{}, err
	}
	switch {
	case a.Officer():
		f.Visible = ""
	case a.Has(RoleNGO) && a.Org != "":
		f.Visible = a.Org
	default:
		f.Visible = "-"
	}
	return pageList(token, size, f, func(p Page) ([]domain.WrittenStatement, int, error) {
		return store.ListStatements(ctx, f, p)
	}, func(w domain.WrittenStatement) Cursor { return Cursor{Seq: w.Arrival} })
}

// DecideWrittenStatement accepts a statement (giving it the next symbol of its series) or
// returns it with a reason.
func (s *Service) DecideWrittenStatement(ctx context.Context, a Actor, id, etag, reason, requestID string, accept bool) (domain.WrittenStatement, error) {
	store, err := s.statements()
	if err != nil {
		return domain.WrittenStatement{}, err
	}
	key, v, done, err := decision(ctx, s, a, id, requestID, accept, MethodAcceptStatement, MethodReturnStatement, store.GetStatement)
	if done {
		return v, err
	}
	now := s.clock.Now()
	w, err := store.DecideStatement(ctx, id, key, func(w *domain.WrittenStatement, c *domain.StatementCall, next func() (int64, error)) error {
		if etag != "" && w.Etag() != etag {
			return domain.Stale("the written statement")
		}
		if !accept {
			return w.Return(reason, now)
		}
		if w.State != domain.StatementSubmitted {
			return domain.Refused(domain.ReasonStatementDecided, "the statement is no longer awaiting a decision")
		}
		n, err := next()
		if err != nil {
			return err
		}
		return w.Accept(c.SymbolSeries+"/"+strconv.FormatInt(n, 10), now)
	})
	return raced(ctx, s, key, w, err, store.GetStatement)
}
