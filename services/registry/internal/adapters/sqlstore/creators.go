package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// claimCreator records that o's creator has created its one organization. The primary key on
// the subject refuses a second claim even from a transaction that started before the first
// committed, which the check for an existing profile before the insert cannot.
func (s *Store) claimCreator(ctx context.Context, tx *sql.Tx, o domain.Organization) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO organization_creators (subject, organization_id) VALUES (?, ?)`), o.CreatedBy, o.ID)
	if sqldb.IsUniqueViolation(err) {
		return domain.Denied("this account already created an organization: an ngo user creates one organization")
	}
	if err != nil {
		return fmt.Errorf("claim creator: %w", err)
	}
	return nil
}

// FillNameSkeletons computes the look-alike skeleton of the profiles stored before the column
// existed, so the duplicate check sees them too. It is cheap when there is nothing to fill.
func (s *Store) FillNameSkeletons(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name FROM organizations WHERE name_skeleton = ''`)
	if err != nil {
		return fmt.Errorf("find profiles without a skeleton: %w", err)
	}
	pending := map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return fmt.Errorf("find profiles without a skeleton: %w", err)
		}
		pending[id] = name
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("find profiles without a skeleton: %w", err)
	}
	if len(pending) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for id, name := range pending {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE organizations SET name_skeleton = ? WHERE id = ?`), domain.NameSkeleton(name), id); err != nil {
				return fmt.Errorf("fill skeleton of %s: %w", id, err)
			}
		}
		return nil
	})
}
