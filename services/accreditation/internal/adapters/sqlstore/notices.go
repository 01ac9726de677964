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
