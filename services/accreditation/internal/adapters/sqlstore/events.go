package sqlstore

import (
	"context"
	"strings"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

func (t *tx) AppendEvent(ctx context.Context, e domain.Event) error {
	_, err := t.tx.ExecContext(ctx, t.s.q(`INSERT INTO application_events (id, application_id, actor_subject, actor_roles, actor_org,
		action, from_state, to_state, request_id, event_time, session_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		e.ID, e.ApplicationID, e.Actor.Subject, strings.Join(e.Actor.Roles, ","), e.Actor.Org, string(e.Action),
		string(e.From), string(e.To), e.RequestID, micros(e.Time), e.SessionID, e.Note)
	return err
}

// Events implements app.Store: the history after position after, oldest
// first, with each entry's position for paging.
func (s *Store) Events(ctx context.Context, appID string, after int64, limit int) ([]domain.Event, []int64, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT seq, id, application_id, actor_subject, actor_roles, actor_org, action,
		from_state, to_state, request_id, event_time, session_id, note
		FROM application_events WHERE application_id = ? AND seq > ? ORDER BY seq LIMIT ?`), appID, after, limit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var evs []domain.Event
	var seqs []int64
	for rows.Next() {
		var e domain.Event
		var seq, at int64
		var roles string
		if err := rows.Scan(&seq, &e.ID, &e.ApplicationID, &e.Actor.Subject, &roles, &e.Actor.Org, &e.Action,
			&e.From, &e.To, &e.RequestID, &at, &e.SessionID, &e.Note); err != nil {
			return nil, nil, err
		}
		if roles != "" {
			e.Actor.Roles = strings.Split(roles, ",")
		}
		e.Time = fromMicros(at)
		evs = append(evs, e)
		seqs = append(seqs, seq)
	}
	return evs, seqs, rows.Err()
}
