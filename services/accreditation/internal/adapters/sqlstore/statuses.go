package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

const statusColumns = `organization_id, category, state, granted_on, decision_ref, next_report_due, suspended_until,
	withdrawn_on, update_time, revision, reason`

func scanStatus(r scanner) (domain.Status, error) {
	var st domain.Status
	var granted, due, until, withdrawn string
	var updated int64
	if err := r.Scan(&st.OrganizationID, &st.Category, &st.State, &granted, &st.DecisionRef, &due, &until, &withdrawn,
		&updated, &st.Revision, &st.Reason); err != nil {
		return st, err
	}
	st.GrantedOn, st.NextReportDue, st.SuspendedUntil, st.WithdrawnOn = parseDate(granted), parseDate(due), parseDate(until), parseDate(withdrawn)
	st.UpdateTime = fromMicros(updated)
	return st, nil
}

func (s *Store) status(ctx context.Context, q queryer, org string) (domain.Status, error) {
	st, err := scanStatus(q.QueryRowContext(ctx, s.q(`SELECT `+statusColumns+` FROM consultative_statuses WHERE organization_id = ?`), org))
	if errors.Is(err, sql.ErrNoRows) {
		return domain.NoStatus(org), nil
	}
	return st, err
}

// Status implements app.Store; an unknown organization has no status.
func (s *Store) Status(ctx context.Context, org string) (domain.Status, error) {
	return s.status(ctx, s.db, org)
}

func (t *tx) Status(ctx context.Context, org string) (domain.Status, error) {
	return t.s.status(ctx, t.tx, org)
}

// Statuses implements app.Store: the statuses on record among orgs.
func (s *Store) Statuses(ctx context.Context, orgs []string) (map[string]domain.Status, error) {
	out := make(map[string]domain.Status, len(orgs))
	const chunk = 500 // well under both databases' parameter limits
	for start := 0; start < len(orgs); start += chunk {
		part := orgs[start:min(start+chunk, len(orgs))]
		args := make([]any, len(part))
		marks := make([]byte, 0, 2*len(part))
		for i, o := range part {
			args[i] = o
			if i > 0 {
				marks = append(marks, ',')
			}
			marks = append(marks, '?')
		}
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+statusColumns+` FROM consultative_statuses WHERE organization_id IN (`+string(marks)+`)`), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			st, err := scanStatus(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[st.OrganizationID] = st
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *tx) SaveStatus(ctx context.Context, st *domain.Status) error {
	vals := []any{string(st.Category), string(st.State), st.GrantedOn.String(), st.DecisionRef, st.NextReportDue.String(),
		st.SuspendedUntil.String(), st.WithdrawnOn.String(), micros(st.UpdateTime), string(st.Reason)}
	if st.Revision == 0 {
		_, err := t.tx.ExecContext(ctx, t.s.q(`INSERT INTO consultative_statuses (category, state, granted_on, decision_ref,
			next_report_due, suspended_until, withdrawn_on, update_time, reason, revision, organization_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`),
			append(vals, st.OrganizationID)...)
		if isUnique(err) {
			return &domain.ConflictError{Message: "the status of " + st.OrganizationID + " was changed at the same time: retry"}
		}
		if err != nil {
			return err
		}
		st.Revision = 1
		return nil
	}
	res, err := t.tx.ExecContext(ctx, t.s.q(`UPDATE consultative_statuses SET category = ?, state = ?, granted_on = ?, decision_ref = ?,
		next_report_due = ?, suspended_until = ?, withdrawn_on = ?, update_time = ?, reason = ?, revision = ?
		WHERE organization_id = ? AND revision = ?`), append(vals, st.Revision+1, st.OrganizationID, st.Revision)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return &domain.ConflictError{Message: "the status of " + st.OrganizationID + " was changed at the same time: retry"}
	}
	st.Revision++
	return nil
}

func (t *tx) StatusesToEnforce(ctx context.Context, asOf domain.Date) ([]domain.Status, error) {
	day := asOf.String()
	rows, err := t.tx.QueryContext(ctx, t.s.q(`SELECT `+statusColumns+` FROM consultative_statuses
		WHERE (state = 'ACTIVE' AND next_report_due <> '' AND next_report_due < ?)
		   OR state = 'SUSPENDED'
		ORDER BY organization_id`), day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Status
	for rows.Next() {
		st, err := scanStatus(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}
