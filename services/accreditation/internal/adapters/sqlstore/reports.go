package sqlstore

import (
	"context"

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
	query := `SELECT id, organization_id, period_start_year, period_end_year, summary, doc_id, doc_kind, doc_filename,
		doc_content_type, doc_size_bytes, doc_sha256, doc_upload_time, submit_time, create_time, update_time, revision
		FROM quadrennial_reports WHERE organization_id = ?`
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
	defer rows.Close()
	var out []domain.QuadrennialReport
	for rows.Next() {
		var r domain.QuadrennialReport
		var d domain.Document
		var up, sub, cr, upd int64
		if err := rows.Scan(&r.ID, &r.OrganizationID, &r.PeriodStartYear, &r.PeriodEndYear, &r.Summary, &d.ID, &d.Kind, &d.Filename,
			&d.ContentType, &d.SizeBytes, &d.SHA256, &up, &sub, &cr, &upd, &r.Revision); err != nil {
			return nil, err
		}
		if d.ID != "" {
			d.UploadTime = fromMicros(up)
			r.Document = &d
		}
		r.SubmitTime, r.CreateTime, r.UpdateTime = fromMicros(sub), fromMicros(cr), fromMicros(upd)
		out = append(out, r)
	}
	return out, rows.Err()
}
