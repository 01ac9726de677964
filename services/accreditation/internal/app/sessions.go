package app

import (
	"context"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// CreateSession creates a Committee session.
type CreateSession struct {
	Name      string
	Kind      domain.SessionKind
	Start     domain.Date
	End       domain.Date
	Members   []domain.Member
	RequestID string
}

// CreateSession records a session so applications can be scheduled for it.
func (s *Service) CreateSession(ctx context.Context, actor domain.Actor, cmd CreateSession) (domain.CommitteeSession, error) {
	now := s.clock.Now()
	ses, err := domain.NewCommitteeSession(NewID("ses", now), cmd.Name, cmd.Kind, cmd.Start, cmd.End, cmd.Members, now)
	if err != nil {
		return domain.CommitteeSession{}, err
	}
	key := RequestKey{Caller: actor.Subject, RequestID: cmd.RequestID, Method: "CreateCommitteeSession"}
	return idempotent(ctx, s, key, nil, func(tx Tx) (domain.CommitteeSession, error) {
		return ses, tx.InsertSession(ctx, ses)
	})
}

// GetSession reads a session.
func (s *Service) GetSession(ctx context.Context, actor domain.Actor, id string) (domain.CommitteeSession, error) {
	return s.store.Session(ctx, id)
}

// SessionList is a page of sessions.
type SessionList struct {
	Sessions      []domain.CommitteeSession
	NextPageToken string
}

// ListSessions lists sessions, earliest first.
func (s *Service) ListSessions(ctx context.Context, actor domain.Actor, year int, kind domain.SessionKind, size int, token string) (SessionList, error) {
	filter := struct {
		Y int
		K domain.SessionKind
	}{year, kind}
	q := SessionQuery{Year: year, Kind: kind, Limit: pageSize(size) + 1}
	if token != "" {
		q.After = &SessionCursor{}
		if err := decodePageToken(token, filter, q.After); err != nil {
			return SessionList{}, err
		}
	}
	list, err := s.store.Sessions(ctx, q)
	if err != nil {
		return SessionList{}, err
	}
	out := SessionList{Sessions: list}
	if limit := q.Limit - 1; len(list) > limit {
		out.Sessions = list[:limit]
		last := list[limit-1]
		out.NextPageToken = encodePageToken(filter, SessionCursor{Start: last.StartDate.String(), ID: last.ID})
	}
	return out, nil
}

// NoAnswerResult lists what the no-answer rule closed.
type NoAnswerResult struct {
	Closed []domain.Application
	Rule   string
}

// ApplyNoAnswerRule closes, without prejudice, the DEFERRED applications
// scheduled for a session whose questions went unanswered under the rule in
// force. Applications already closed are not DEFERRED any more, so a second
// run closes nothing twice.
func (s *Service) ApplyNoAnswerRule(ctx context.Context, actor domain.Actor, sessionID string, validateOnly bool, requestID string) (NoAnswerResult, error) {
	ses, err := s.store.Session(ctx, sessionID)
	if err != nil {
		return NoAnswerResult{}, err
	}
	now := s.clock.Now()
	if deadline := s.rule.Deadline(ses); now.Before(deadline) {
		return NoAnswerResult{}, &domain.PreconditionError{Reason: "DEADLINE_NOT_PASSED",
			Message: "the rule \"" + s.rule.Describe() + "\" cannot be applied to " + ses.Name + " before " + deadline.Format(time.RFC3339)}
	}
	run := func(tx Tx) (NoAnswerResult, error) {
		out := NoAnswerResult{Rule: s.rule.Describe(), Closed: []domain.Application{}}
		sessions, err := tx.AllSessions(ctx)
		if err != nil {
			return out, err
		}
		apps, err := tx.ScheduledIn(ctx, ses.ID, domain.StateDeferred)
		if err != nil {
			return out, err
		}
		for _, a := range apps {
			if !s.rule.ShouldClose(a, ses, sessions) {
				continue
			}
			ev, err := a.CloseForNoAnswer(actor, ses.ID, s.rule.Describe(), now)
			if err != nil {
				return out, err
			}
			if !validateOnly {
				ev.ID, ev.RequestID = NewID("evt", now), requestID
				if err := tx.SaveApplication(ctx, &a); err != nil {
					return out, err
				}
				if err := tx.AppendEvent(ctx, ev); err != nil {
					return out, err
				}
				if err := s.noticesFor(ctx, tx, a, ev, now); err != nil {
					return out, err
				}
			}
			out.Closed = append(out.Closed, a)
		}
		return out, nil
	}
	if validateOnly {
		var out NoAnswerResult
		err := s.store.InTx(ctx, func(tx Tx) error {
			out, err = run(tx)
			return err
		})
		return out, err
	}
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "ApplyNoAnswerRule", Target: sessionID}
	return idempotent(ctx, s, key, nil, run)
}
