package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

func (t *tx) InsertReport(ctx context.Context, r domain.QuadrennialReport, content []byte) error {
	var d domain.Document
	if r.Document != nil {
		d = *r.Document
	}
	_, err := t.tx.ExecContext(ctx, t.s.q(`INSERT INTO quadrennial_reports (id, organization_id, period_start_year, period_end_year,
		summary, doc_id, doc_kind, doc_filename, doc_content_type, doc_size_bytes, doc_sha256, doc_upload_time, doc_content,
		submit_time, create_time, update_time, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		r.ID, r.OrganizationID, r.PeriodStartYear, r.PeriodEndYear, r.Summary, d.ID, string(d.Kind), d.Filename, d.ContentType,
		d.SizeBytes, d.SHA256, micros(d.UploadTime), content, micros(r.SubmitTime), micros(r.CreateTime), micros(r.UpdateTime), r.Revision)
	if isUnique(err) {
		return &domain.AlreadyExistsError{Message: "a report for this period was already filed"}
	}
	return err
}

// Reports implements app.Store: latest period first.
func (s *Store) Reports(ctx context.Context, org string, after *app.ReportCursor, limit int) ([]domain.QuadrennialReport, error) {
	query := `SELECT ` + reportColumns + ` FROM quadrennial_reports WHERE organization_id = ?`
	args := []any{org}
	if after != nil {
		query += ` AND (period_start_year < ? OR (period_start_year = ? AND id > ?))`
		args = append(args, after.PeriodStart, after.PeriodStart, after.ID)
	}
	query += ` ORDER BY period_start_year DESC, id LIMIT ?`
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	return collectReports(rows)
}

const reportColumns = `id, organization_id, period_start_year, period_end_year, summary, doc_id, doc_kind, doc_filename,
		doc_content_type, doc_size_bytes, doc_sha256, doc_upload_time, submit_time, create_time, update_time, revision,
		review_state, session_id, review_questions`

// question is a report question as stored in the review_questions JSON column.
type question struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	AskedBy   string `json:"asked_by"`
	SessionID string `json:"session_id"`
	AskedTime int64  `json:"asked_time"`
}

func scanReport(r scanner) (domain.QuadrennialReport, error) {
	var x domain.QuadrennialReport
	var d domain.Document
	var up, sub, cr, upd int64
	var qs string
	if err := r.Scan(&x.ID, &x.OrganizationID, &x.PeriodStartYear, &x.PeriodEndYear, &x.Summary, &d.ID, &d.Kind, &d.Filename,
		&d.ContentType, &d.SizeBytes, &d.SHA256, &up, &sub, &cr, &upd, &x.Revision, &x.ReviewState, &x.SessionID, &qs); err != nil {
		return x, err
	}
	if d.ID != "" {
		d.UploadTime = fromMicros(up)
		x.Document = &d
	}
	var list []question
	if err := json.Unmarshal([]byte(qs), &list); err != nil {
		return x, err
	}
	for _, q := range list {
		x.Questions = append(x.Questions, domain.Question{ID: q.ID, Text: q.Text, AskedBy: q.AskedBy, SessionID: q.SessionID, AskedTime: fromMicros(q.AskedTime)})
	}
	x.SubmitTime, x.CreateTime, x.UpdateTime = fromMicros(sub), fromMicros(cr), fromMicros(upd)
	return x, nil
}

func collectReports(rows *sql.Rows) ([]domain.QuadrennialReport, error) {
	defer rows.Close()
	var out []domain.QuadrennialReport
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (t *tx) Report(ctx context.Context, id string) (domain.QuadrennialReport, error) {
	r, err := scanReport(t.tx.QueryRowContext(ctx, t.s.q(`SELECT `+reportColumns+` FROM quadrennial_reports WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, &domain.NotFoundError{What: "quadrennial report", ID: id}
	}
	return r, err
}

func (t *tx) SaveReportReview(ctx context.Context, r domain.QuadrennialReport) error {
	qs := make([]question, len(r.Questions))
	for i, q := range r.Questions {
		qs[i] = question{ID: q.ID, Text: q.Text, AskedBy: q.AskedBy, SessionID: q.SessionID, AskedTime: micros(q.AskedTime)}
	}
	b, err := json.Marshal(qs)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(ctx, t.s.q(`UPDATE quadrennial_reports SET review_state = ?, session_id = ?, review_questions = ?,
		update_time = ?, revision = revision + 1 WHERE id = ?`), string(r.ReviewState), r.SessionID, string(b), micros(r.UpdateTime), r.ID)
	return err
}

func (t *tx) PutReportsOnAgenda(ctx context.Context, ses domain.CommitteeSession, now time.Time) error {
	_, err := t.tx.ExecContext(ctx, t.s.q(`UPDATE quadrennial_reports SET session_id = ?, update_time = ?
		WHERE review_state IN ('SUBMITTED', 'DEFERRED')
		  AND (session_id = '' OR session_id IN (SELECT id FROM committee_sessions WHERE start_date < ?))`),
		ses.ID, micros(now), ses.StartDate.String())
	return err
}

func (t *tx) ReportsOnAgenda(ctx context.Context, sessionID string) ([]domain.QuadrennialReport, error) {
	rows, err := t.tx.QueryContext(ctx, t.s.q(`SELECT `+reportColumns+` FROM quadrennial_reports WHERE session_id = ? ORDER BY id`), sessionID)
	if err != nil {
		return nil, err
	}
	return collectReports(rows)
}
