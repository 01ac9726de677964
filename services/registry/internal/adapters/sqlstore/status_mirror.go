package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// ApplyStatusChange copies the change's status onto the organization and moves the cursor, in one
// transaction. The cursor row is locked first (PostgreSQL; SQLite has one writer), so replicas
// following the same stream take turns and each change lands once whichever replica applies it.
// The status is not an edit of the profile: the revision, and so the etag, and update_time stay as
// they are, and an NGO's edit in flight is not refused because ECOSOC decided something meanwhile.
func (s *Store) ApplyStatusChange(ctx context.Context, ch domain.StatusChange) (bool, error) {
	applied := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var last int64
		if err := tx.QueryRowContext(ctx, `SELECT last_sequence FROM status_mirror WHERE id = 1`+s.forUpdate()).Scan(&last); err != nil {
			return fmt.Errorf("read status cursor: %w", err)
		}
		if ch.Sequence <= uint64(last) {
			return nil
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE organizations SET status_category = ?, status_state = ?, search_category = ? WHERE id = ?`),
			ch.Status.Category, ch.Status.State, ch.Status.SearchCategory(), ch.OrganizationID); err != nil {
			return fmt.Errorf("mirror status of %s: %w", ch.OrganizationID, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE status_mirror SET last_sequence = ? WHERE id = 1`), int64(ch.Sequence)); err != nil {
			return fmt.Errorf("move status cursor: %w", err)
		}
		applied = true
		return nil
	})
	return applied, err
}

// StatusCursor reads the sequence of the last change applied.
func (s *Store) StatusCursor(ctx context.Context) (uint64, error) {
	var last int64
	if err := s.db.QueryRowContext(ctx, `SELECT last_sequence FROM status_mirror WHERE id = 1`).Scan(&last); err != nil {
		return 0, fmt.Errorf("read status cursor: %w", err)
	}
	return uint64(last), nil
}

// ResetStatusMirror clears every mirrored status and rewinds the cursor to the start.
func (s *Store) ResetStatusMirror(ctx context.Context) ([]string, error) {
	var cleared []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		cleared = nil
		if _, err := tx.ExecContext(ctx, `UPDATE status_mirror SET last_sequence = 0 WHERE id = 1`); err != nil {
			return fmt.Errorf("rewind status cursor: %w", err)
		}
		rows, err := tx.QueryContext(ctx, s.q(`SELECT id FROM organizations WHERE status_state <> ? OR status_category <> ?`+s.forUpdate()),
			domain.NoStatus.State, domain.NoStatus.Category)
		if err != nil {
			return fmt.Errorf("find mirrored statuses: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			cleared = append(cleared, id)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE organizations SET status_category = ?, status_state = ?, search_category = ?
			WHERE status_state <> ? OR status_category <> ?`),
			domain.NoStatus.Category, domain.NoStatus.State, domain.NoStatus.SearchCategory(), domain.NoStatus.State, domain.NoStatus.Category)
		if err != nil {
			return fmt.Errorf("clear mirrored statuses: %w", err)
		}
		return nil
	})
	return cleared, err
}
