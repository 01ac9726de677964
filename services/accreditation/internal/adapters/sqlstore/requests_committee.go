package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

const committeeRequestColumns = `id, organization_id, kind, details, application_id, state, session_id, questions, create_time, update_time, revision`

func scanCommitteeRequest(r scanner) (domain.CommitteeRequest, error) {
	var x domain.CommitteeRequest
	var qs string
	var created, updated int64
	if err := r.Scan(&x.ID, &x.OrganizationID, &x.Kind, &x.Details, &x.ApplicationID, &x.State, &x.SessionID, &qs, &created, &updated, &x.Revision); err != nil {
		return x, err
	}
	var list []question
	if err := json.Unmarshal([]byte(qs), &list); err != nil {
		return x, err
	}
	for _, q := range list {
		x.Questions = append(x.Questions, domain.Question{ID: q.ID, Text: q.Text, AskedBy: q.AskedBy, SessionID: q.SessionID, AskedTime: fromMicros(q.AskedTime)})
	}
	x.CreateTime, x.UpdateTime = fromMicros(created), fromMicros(updated)
	return x, nil
}

func (t *tx) Request(ctx context.Context, id string) (domain.CommitteeRequest, error) {
	r, err := scanCommitteeRequest(t.tx.QueryRowContext(ctx, t.s.q(`SELECT `+committeeRequestColumns+` FROM committee_requests WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, &domain.NotFoundError{What: "request", ID: id}
	}
	return r, err
}

func (t *tx) SaveRequest(ctx context.Context, r domain.CommitteeRequest) error {
	qs := make([]question, len(r.Questions))
	for i, q := range r.Questions {
		qs[i] = question{ID: q.ID, Text: q.Text, AskedBy: q.AskedBy, SessionID: q.SessionID, AskedTime: micros(q.AskedTime)}
	}
	b, err := json.Marshal(qs)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(ctx, t.s.q(`INSERT INTO committee_requests (`+committeeRequestColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET state = excluded.state, session_id = excluded.session_id, questions = excluded.questions,
		update_time = excluded.update_time, revision = excluded.revision`),
		r.ID, r.OrganizationID, string(r.Kind), r.Details, r.ApplicationID, string(r.State), r.SessionID, string(b),
		micros(r.CreateTime), micros(r.UpdateTime), r.Revision)
	return err
}

func (t *tx) PutRequestsOnAgenda(ctx context.Context, ses domain.CommitteeSession, now time.Time) error {
	_, err := t.tx.ExecContext(ctx, t.s.q(`UPDATE committee_requests SET session_id = ?, update_time = ?
		WHERE state IN ('SUBMITTED', 'DEFERRED')
		  AND (session_id = '' OR session_id IN (SELECT id FROM committee_sessions WHERE start_date < ?))`),
		ses.ID, micros(now), ses.StartDate.String())
	return err
}

func (t *tx) RequestsOnAgenda(ctx context.Context, sessionID string) ([]domain.CommitteeRequest, error) {
	return sqldb.QueryAll(ctx, t.tx, scanCommitteeRequest, t.s.q(`SELECT `+committeeRequestColumns+` FROM committee_requests WHERE session_id = ? ORDER BY id`), sessionID)
}
