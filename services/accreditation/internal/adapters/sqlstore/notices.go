package sqlstore

import (
	"context"
	"time"

	"github.com/un-liaison/liaison/platform/notify"
)

// Notify implements app.Tx: the notice is written in the change's transaction.
func (t *tx) Notify(ctx context.Context, n notify.Notice, now time.Time) error {
	return notify.Enqueue(ctx, t.tx, t.s.dialect, n, now)
}

// CancelNotices implements app.Tx.
func (t *tx) CancelNotices(ctx context.Context, topic, kind, keep string) error {
	return notify.Cancel(ctx, t.tx, t.s.dialect, topic, kind, keep)
}

// DeclinedNotices implements app.Store: the optional kinds the organization declined, sorted.
func (s *Store) DeclinedNotices(ctx context.Context, org string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT kind FROM notice_preferences WHERE organization_id = ? ORDER BY kind`), org)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// SetDeclinedNotices implements app.Tx: the organization's declined kinds become kinds.
func (t *tx) SetDeclinedNotices(ctx context.Context, org string, kinds []string) error {
	if _, err := t.tx.ExecContext(ctx, t.s.q(`DELETE FROM notice_preferences WHERE organization_id = ?`), org); err != nil {
		return err
	}
	for _, k := range kinds {
		if _, err := t.tx.ExecContext(ctx, t.s.q(`INSERT INTO notice_preferences (organization_id, kind) VALUES (?, ?)`), org, k); err != nil {
			return err
		}
	}
	return nil
}
