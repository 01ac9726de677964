package sqlstore

import (
	"context"
	"strings"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// AppendChange numbers the change by bumping the counter row. The UPDATE
// holds that row's lock until commit on PostgreSQL (and SQLite has one
// writer), so changes become visible in sequence order and a reader never
// skips one committed late with a lower number.
func (t *tx) AppendChange(ctx context.Context, c *domain.Change) error {
	var seq int64
	if err := t.tx.QueryRowContext(ctx, `UPDATE status_change_counter SET last_sequence = last_sequence + 1 WHERE id = 1 RETURNING last_sequence`).
		Scan(&seq); err != nil {
		return err
	}
	st := c.Status
	_, err := t.tx.ExecContext(ctx, t.s.q(`INSERT INTO status_changes (sequence, organization_id, kind, category, state, granted_on,
		decision_ref, next_report_due, suspended_until, withdrawn_on, status_revision, previous_state, previous_category,
		change_time, application_id, note, revoked_credentials, decision_symbol, reason, suspension_years, status_reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		seq, c.OrganizationID, string(c.Kind), string(st.Category), string(st.State), st.GrantedOn.String(), st.DecisionRef,
		st.NextReportDue.String(), st.SuspendedUntil.String(), st.WithdrawnOn.String(), st.Revision,
		string(c.PreviousState), string(c.PreviousCategory), micros(c.Time), c.ApplicationID, c.Note, strings.Join(c.RevokedCredentials, " "),
		c.Decision, string(c.Reason), c.SuspensionYears, string(st.Reason))
	if err != nil {
		return err
	}
	c.Sequence = uint64(seq)
	return nil
}

// ChangesAfter implements app.Store.
func (s *Store) ChangesAfter(ctx context.Context, after uint64, limit int) ([]domain.Change, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT sequence, organization_id, kind, category, state, granted_on, decision_ref,
		next_report_due, suspended_until, withdrawn_on, status_revision, previous_state, previous_category, change_time,
		application_id, note, revoked_credentials, decision_symbol, reason, suspension_years, status_reason FROM status_changes WHERE sequence > ? ORDER BY sequence LIMIT ?`), int64(after), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Change
	for rows.Next() {
		var c domain.Change
		var seq, at int64
		var granted, due, until, withdrawn, revoked string
		st := &c.Status
		if err := rows.Scan(&seq, &c.OrganizationID, &c.Kind, &st.Category, &st.State, &granted, &st.DecisionRef, &due, &until,
			&withdrawn, &st.Revision, &c.PreviousState, &c.PreviousCategory, &at, &c.ApplicationID, &c.Note, &revoked,
			&c.Decision, &c.Reason, &c.SuspensionYears, &st.Reason); err != nil {
			return nil, err
		}
		c.Sequence = uint64(seq)
		c.Time = fromMicros(at)
		st.OrganizationID = c.OrganizationID
		st.GrantedOn, st.NextReportDue, st.SuspendedUntil, st.WithdrawnOn = parseDate(granted), parseDate(due), parseDate(until), parseDate(withdrawn)
		st.UpdateTime = c.Time
		c.RevokedCredentials = strings.Fields(revoked)
		out = append(out, c)
	}
	return out, rows.Err()
}

// LastSequence implements app.Store.
func (s *Store) LastSequence(ctx context.Context) (uint64, error) {
	var seq int64
	err := s.db.QueryRowContext(ctx, `SELECT last_sequence FROM status_change_counter WHERE id = 1`).Scan(&seq)
	return uint64(seq), err
}
