package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

const sessionColumns = `id, name, kind, start_date, end_date, create_time, update_time, revision, members`

// member is a session member as stored in the members JSON column.
type member struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	TermStart string `json:"term_start"`
	TermEnd   string `json:"term_end"`
}

func scanSession(r scanner) (domain.CommitteeSession, error) {
	var x domain.CommitteeSession
	var start, end string
	var created, updated int64
	var members string
	if err := r.Scan(&x.ID, &x.Name, &x.Kind, &start, &end, &created, &updated, &x.Revision, &members); err != nil {
		return x, err
	}
	var ms []member
	if err := json.Unmarshal([]byte(members), &ms); err != nil {
		return x, err
	}
	for _, m := range ms {
		x.Members = append(x.Members, domain.Member{Code: m.Code, Name: m.Name, TermStart: parseDate(m.TermStart), TermEnd: parseDate(m.TermEnd)})
	}
	x.StartDate, x.EndDate = parseDate(start), parseDate(end)
	x.CreateTime, x.UpdateTime = fromMicros(created), fromMicros(updated)
	return x, nil
}

func (s *Store) session(ctx context.Context, q queryer, id string) (domain.CommitteeSession, error) {
	x, err := scanSession(q.QueryRowContext(ctx, s.q(`SELECT `+sessionColumns+` FROM committee_sessions WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return x, &domain.NotFoundError{What: "session", ID: id}
	}
	return x, err
}

// Session implements app.Store.
func (s *Store) Session(ctx context.Context, id string) (domain.CommitteeSession, error) {
	return s.session(ctx, s.db, id)
}

func (t *tx) Session(ctx context.Context, id string) (domain.CommitteeSession, error) {
	return t.s.session(ctx, t.tx, id)
}

func (t *tx) InsertSession(ctx context.Context, x domain.CommitteeSession) error {
	ms := make([]member, len(x.Members))
	for i, m := range x.Members {
		ms[i] = member{Code: m.Code, Name: m.Name, TermStart: m.TermStart.String(), TermEnd: m.TermEnd.String()}
	}
	members, err := json.Marshal(ms)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(ctx, t.s.q(`INSERT INTO committee_sessions (`+sessionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		x.ID, x.Name, string(x.Kind), x.StartDate.String(), x.EndDate.String(), micros(x.CreateTime), micros(x.UpdateTime), x.Revision, string(members))
	return err
}

func (t *tx) AllSessions(ctx context.Context) ([]domain.CommitteeSession, error) {
	return t.s.sessions(ctx, t.tx, app.SessionQuery{Limit: 100000})
}

// Sessions implements app.Store: earliest first, keyset paged.
func (s *Store) Sessions(ctx context.Context, q app.SessionQuery) ([]domain.CommitteeSession, error) {
	return s.sessions(ctx, s.db, q)
}

func (s *Store) sessions(ctx context.Context, db queryer, q app.SessionQuery) ([]domain.CommitteeSession, error) {
	query := `SELECT ` + sessionColumns + ` FROM committee_sessions WHERE 1 = 1`
	var args []any
	if q.Year != 0 {
		query += ` AND start_date >= ? AND start_date < ?`
		args = append(args, domain.NewDate(q.Year, 1, 1).String(), domain.NewDate(q.Year+1, 1, 1).String())
	}
	if q.Kind != "" {
		query += ` AND kind = ?`
		args = append(args, string(q.Kind))
	}
	if q.After != nil {
		query += ` AND (start_date > ? OR (start_date = ? AND id > ?))`
		args = append(args, q.After.Start, q.After.Start, q.After.ID)
	}
	query += ` ORDER BY start_date, id LIMIT ?`
	args = append(args, q.Limit)
	return sqldb.QueryAll(ctx, db, scanSession, s.q(query), args...)
}
