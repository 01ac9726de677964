package notify

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.opentelemetry.io/otel/metric"

	"github.com/un-liaison/liaison/platform/metrics"
	"github.com/un-liaison/liaison/platform/sqldb"
)

// Execer is a transaction (or the database): what Enqueue and Cancel write through, so a notice
// is written in the transaction of the change that calls for it.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromMicros(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}

// Enqueue writes n as PENDING, due at n.Due (or now), unless a notice with its key exists: one
// pending, sent or failed is left as it is, so a change replayed sends nothing twice; one
// cancelled is pending again, since the change that calls for it happened again (a status
// reinstated with the same report due date after its reminders were withdrawn).
func Enqueue(ctx context.Context, tx Execer, d sqldb.Dialect, n Notice, now time.Time) error {
	return EnqueueAll(ctx, tx, d, []Notice{n}, now)
}

// EnqueueAll is Enqueue for many notices in one statement, for a write that admits a batch.
func EnqueueAll(ctx context.Context, tx Execer, d sqldb.Dialect, ns []Notice, now time.Time) error {
	if len(ns) == 0 {
		return nil
	}
	var rows strings.Builder
	args := make([]any, 0, 11*len(ns)+1)
	for i, n := range ns {
		if n.Key == "" || n.Kind == "" || n.Recipient == "" {
			return errors.New("notify: a notice needs a key, a kind and a recipient")
		}
		params, err := json.Marshal(n.Params)
		if err != nil {
			return err
		}
		due := n.Due
		if due.IsZero() {
			due = now
		}
		optional := 0
		if n.Optional {
			optional = 1
		}
		if i > 0 {
			rows.WriteString(", ")
		}
		rows.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '', '', 0, ?)")
		args = append(args, n.Key, n.Kind, n.Recipient, n.Language, n.Topic, n.Link, string(params), optional, string(Pending), micros(due), micros(now))
	}
	args = append(args, string(Cancelled))
	_, err := tx.ExecContext(ctx, sqldb.Rebind(d, `INSERT INTO notices
		(key, kind, recipient, language, topic, link, params, optional, state, attempts, next_attempt_at, last_error, sent_to, sent_time, create_time)
		VALUES `+rows.String()+`
		ON CONFLICT (key) DO UPDATE SET state = excluded.state, next_attempt_at = excluded.next_attempt_at
		WHERE notices.state = ?`), args...)
	if err != nil {
		return fmt.Errorf("notify: enqueue %s: %w", ns[0].Key, err)
	}
	return nil
}

// Cancel withdraws the pending notices of a kind on a topic (the reminders of a question just
// answered), except the one keyed keep when given. Notices already sent stay as they are.
func Cancel(ctx context.Context, tx Execer, d sqldb.Dialect, topic, kind, keep string) error {
	_, err := tx.ExecContext(ctx, sqldb.Rebind(d, `UPDATE notices SET state = ? WHERE topic = ? AND kind = ? AND state = ? AND key <> ?`),
		string(Cancelled), topic, kind, string(Pending), keep)
	if err != nil {
		return fmt.Errorf("notify: cancel %s %s: %w", kind, topic, err)
	}
	return nil
}

// Outbox reads and updates a service's notices table for the Notifier and for officers.
type Outbox struct {
	DB *sqldb.DB
}

const columns = `key, kind, recipient, language, topic, link, params, optional, state, attempts, next_attempt_at, last_error, sent_to, sent_time, create_time`

func scan(rows *sql.Rows) (Notice, error) {
	var (
		n                          Notice
		params, state              string
		optional, attempts         int64
		next, sentTime, createTime int64
	)
	if err := rows.Scan(&n.Key, &n.Kind, &n.Recipient, &n.Language, &n.Topic, &n.Link, &params, &optional, &state,
		&attempts, &next, &n.LastError, &n.SentTo, &sentTime, &createTime); err != nil {
		return Notice{}, err
	}
	if err := json.Unmarshal([]byte(params), &n.Params); err != nil {
		return Notice{}, fmt.Errorf("notify: params of %s: %w", n.Key, err)
	}
	n.Optional, n.State, n.Attempts = optional != 0, State(state), int(attempts)
	n.NextAttempt, n.SentTime, n.CreateTime = fromMicros(next), fromMicros(sentTime), fromMicros(createTime)
	n.Due = n.NextAttempt
	return n, nil
}

func (o *Outbox) query(ctx context.Context, q string, args ...any) ([]Notice, error) {
	rows, err := o.DB.QueryContext(ctx, o.DB.Rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Notice
	for rows.Next() {
		n, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Due lists pending notices whose time has come, oldest first.
func (o *Outbox) Due(ctx context.Context, now time.Time, limit int) ([]Notice, error) {
	return o.query(ctx, `SELECT `+columns+` FROM notices WHERE state = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, key LIMIT ?`,
		string(Pending), micros(now), limit)
}

// Claim takes a due notice for one attempt: it counts the attempt and moves its next attempt to
// now+lease, so another notifier (a replica, or this one restarted after a crash) leaves it alone
// for the lease and takes it up again after it if this attempt never reports. False when someone
// else claimed it first or it is no longer pending.
func (o *Outbox) Claim(ctx context.Context, n Notice, now time.Time, lease time.Duration) (bool, error) {
	res, err := o.DB.ExecContext(ctx, o.DB.Rebind(`UPDATE notices SET attempts = attempts + 1, next_attempt_at = ?
		WHERE key = ? AND state = ? AND attempts = ? AND next_attempt_at <= ?`),
		micros(now.Add(lease)), n.Key, string(Pending), n.Attempts, micros(now))
	if err != nil {
		return false, err
	}
	c, err := res.RowsAffected()
	return c == 1, err
}

// MarkSent records that the mail server accepted the notice.
func (o *Outbox) MarkSent(ctx context.Context, key, to string, at time.Time) error {
	_, err := o.DB.ExecContext(ctx, o.DB.Rebind(`UPDATE notices SET state = ?, sent_to = ?, sent_time = ?, last_error = '' WHERE key = ?`),
		string(Sent), to, micros(at), key)
	return err
}

// MarkRetry records a failed attempt and when to try again.
func (o *Outbox) MarkRetry(ctx context.Context, key, reason string, next time.Time) error {
	_, err := o.DB.ExecContext(ctx, o.DB.Rebind(`UPDATE notices SET last_error = ?, next_attempt_at = ? WHERE key = ? AND state = ?`),
		reason, micros(next), key, string(Pending))
	return err
}

// MarkFailed moves a notice to the dead-letter list.
func (o *Outbox) MarkFailed(ctx context.Context, key, reason string) error {
	_, err := o.DB.ExecContext(ctx, o.DB.Rebind(`UPDATE notices SET state = ?, last_error = ? WHERE key = ? AND state = ?`),
		string(Failed), reason, key, string(Pending))
	return err
}

// MarkCancelled withdraws a notice the recipient declined.
func (o *Outbox) MarkCancelled(ctx context.Context, key, reason string) error {
	_, err := o.DB.ExecContext(ctx, o.DB.Rebind(`UPDATE notices SET state = ?, last_error = ? WHERE key = ? AND state = ?`),
		string(Cancelled), reason, key, string(Pending))
	return err
}

// FailedCursor is the position after the last notice of a page of the dead-letter list.
type FailedCursor struct {
	CreateTime int64  `json:"t"`
	Key        string `json:"k"`
}

// Failed lists the dead letters, newest first, after the cursor (nil for the first page).
func (o *Outbox) Failed(ctx context.Context, limit int, after *FailedCursor) ([]Notice, error) {
	if after == nil {
		return o.query(ctx, `SELECT `+columns+` FROM notices WHERE state = ? ORDER BY create_time DESC, key LIMIT ?`, string(Failed), limit)
	}
	return o.query(ctx, `SELECT `+columns+` FROM notices WHERE state = ? AND (create_time < ? OR (create_time = ? AND key > ?))
		ORDER BY create_time DESC, key LIMIT ?`, string(Failed), after.CreateTime, after.CreateTime, after.Key, limit)
}

// CursorAfter is the cursor that follows n in the dead-letter list.
func CursorAfter(n Notice) *FailedCursor {
	return &FailedCursor{CreateTime: micros(n.CreateTime), Key: n.Key}
}

// Requeue puts a dead letter back in the queue, due now, with its attempts counted afresh.
func (o *Outbox) Requeue(ctx context.Context, key string, now time.Time) (bool, error) {
	res, err := o.DB.ExecContext(ctx, o.DB.Rebind(`UPDATE notices SET state = ?, attempts = 0, next_attempt_at = ? WHERE key = ? AND state = ?`),
		string(Pending), micros(now), key, string(Failed))
	if err != nil {
		return false, err
	}
	c, err := res.RowsAffected()
	return c == 1, err
}

// Get reads one notice; ok is false when there is none with that key.
func (o *Outbox) Get(ctx context.Context, key string) (Notice, bool, error) {
	ns, err := o.query(ctx, `SELECT `+columns+` FROM notices WHERE key = ?`, key)
	if err != nil || len(ns) == 0 {
		return Notice{}, false, err
	}
	return ns[0], true, nil
}

// SentTimes lists when the notices of a kind on a topic were sent, earliest first: the
// reminders a rule may count are those the mail server accepted.
func (o *Outbox) SentTimes(ctx context.Context, topic, kind string) ([]time.Time, error) {
	ns, err := o.query(ctx, `SELECT `+columns+` FROM notices WHERE topic = ? AND kind = ? AND state = ? ORDER BY sent_time`,
		topic, kind, string(Sent))
	if err != nil {
		return nil, err
	}
	out := make([]time.Time, len(ns))
	for i, n := range ns {
		out[i] = n.SentTime
	}
	return out, nil
}

// Count is how many notices are in a state; for Pending, only those already due at now (the
// backlog a stuck notifier or relay leaves).
func (o *Outbox) Count(ctx context.Context, state State, now time.Time) (int64, error) {
	var n int64
	q := `SELECT COUNT(*) FROM notices WHERE state = ?`
	args := []any{string(state)}
	if state == Pending {
		q += ` AND next_attempt_at <= ?`
		args = append(args, micros(now))
	}
	err := o.DB.QueryRowContext(ctx, o.DB.Rebind(q), args...).Scan(&n)
	return n, err
}

// Observe publishes the due backlog ("notices") and the dead letters ("notices_failed") as
// liaison.backlog gauges, so an alert can fire on a relay that stays down.
func (o *Outbox) Observe(mp metric.MeterProvider, now func() time.Time) error {
	if err := metrics.ObserveBacklog(mp, "notices", func(ctx context.Context) (int64, error) { return o.Count(ctx, Pending, now()) }); err != nil {
		return err
	}
	return metrics.ObserveBacklog(mp, "notices_failed", func(ctx context.Context) (int64, error) { return o.Count(ctx, Failed, now()) })
}
