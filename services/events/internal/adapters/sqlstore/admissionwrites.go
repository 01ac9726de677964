package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/un-liaison/liaison/platform/sqldb/requestlog"

	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// A batch writes all its registrations, and all their request keys, in one statement each. One
// row that the database refuses would fail the statement, and the batch with it, so every way a
// single caller could make a row fail is ruled out beforehand: the text is checked here, the
// live-email index by the counts read under the event's lock, and the request keys are claimed
// with ON CONFLICT DO NOTHING.

// checkStorable refuses text that PostgreSQL cannot store (a NUL, or bytes that are not UTF-8),
// on both databases, so that the answer does not depend on the dialect.
func checkStorable(r *domain.Registration, key app.RequestKey) error {
	for _, s := range []string{r.ID, r.EventID, r.OrganizationID, r.Participant.GivenName, r.Participant.FamilyName,
		r.Participant.Email, r.Participant.JobTitle, key.Caller, key.RequestID, key.Method, key.Target} {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			return domain.Invalid("registration", "contains a character that cannot be stored")
		}
	}
	return nil
}

// keyClaims is the statement that records the request keys of a batch (see claimKeys).
type keyClaims struct {
	query  string
	args   []any
	byRow  map[[3]string]*admission
	claims []*admission
}

// claimKeys records the request key of every registration still pending before any is decided,
// so that a key already answered (by an earlier call, or by another event's batch running now)
// shows before anything of its registration is written. A registration whose key is taken fails
// with requestlog.ErrAlreadyRecorded, which the use case answers from the log; a repeat of a key
// within the batch waits for the first one's outcome (see settleRepeats). The claim of a
// registration that is then refused is withdrawn by forgetKeys. The statement returns the rows
// it recorded (caller, request_id, method); nil means there is nothing to claim.
func claimKeys(batch []*admission) *keyClaims {
	first := map[app.RequestKey]*admission{}
	var claims []*admission
	for _, a := range batch {
		if !a.pending() || a.key.RequestID == "" {
			continue
		}
		if f, ok := first[a.key]; ok {
			a.repeatOf = f
			continue
		}
		first[a.key] = a
		claims = append(claims, a)
	}
	if len(claims) == 0 {
		return nil
	}
	// In one order for every batch, so that two batches claiming the same keys queue instead of
	// deadlocking.
	slices.SortFunc(claims, func(x, y *admission) int {
		return cmp.Or(cmp.Compare(x.key.Caller, y.key.Caller), cmp.Compare(x.key.RequestID, y.key.RequestID),
			cmp.Compare(logKey(x.key).Scope(), logKey(y.key).Scope()))
	})
	c := &keyClaims{args: make([]any, 0, 5*len(claims)), byRow: make(map[[3]string]*admission, len(claims)), claims: claims}
	for _, a := range claims {
		scope := logKey(a.key).Scope()
		c.byRow[[3]string{a.key.Caller, a.key.RequestID, scope}] = a
		c.args = append(c.args, a.key.Caller, a.key.RequestID, scope, []byte(a.r.ID), a.r.Created.UTC())
	}
	c.query = `INSERT INTO request_log (caller, request_id, method, response, create_time) VALUES ` +
		valueRows(5, len(claims)) + ` ON CONFLICT DO NOTHING RETURNING caller, request_id, method`
	return c
}

// recorded marks the claim of a row the statement returned.
func (c *keyClaims) recorded(row [3]string) { c.byRow[row].claimed = true }

// refuseTaken fails the registrations whose key an earlier call holds.
func (c *keyClaims) refuseTaken() {
	for _, a := range c.claims {
		if !a.claimed {
			a.err = requestlog.ErrAlreadyRecorded
		}
	}
}

// claimAndReadFacts claims the batch's request keys, then reads the facts of its registrations
// still pending. On PostgreSQL both go in one statement (the facts of a registration whose key
// turns out taken are read for nothing, and change no one else's decision); on SQLite, in
// process, a round trip costs nothing.
func (s *Store) claimAndReadFacts(ctx context.Context, tx *sql.Tx, eventID string, batch []*admission) (*batchFacts, error) {
	c := claimKeys(batch)
	if c == nil || !s.postgres {
		if c != nil {
			if err := s.claim(ctx, tx, c); err != nil {
				return nil, err
			}
		}
		return s.readFacts(ctx, tx, eventID, batch)
	}
	f, query, args := s.factsQuery(eventID, batch)
	if query == "" {
		return f, s.claim(ctx, tx, c)
	}
	rows, err := tx.QueryContext(ctx, s.q(`WITH claimed AS (`+c.query+`) SELECT 0, caller, request_id, method, 0 FROM claimed
		UNION ALL SELECT kind, value, '', '', n FROM (`+query+`) facts (kind, value, n)`), append(c.args, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, n int
		var row [3]string
		if err := rows.Scan(&kind, &row[0], &row[1], &row[2], &n); err != nil {
			return nil, err
		}
		if kind == 0 {
			c.recorded(row)
		} else {
			f.add(kind, row[0], n)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	c.refuseTaken()
	return f, nil
}

// claim runs the claims' statement on its own.
func (s *Store) claim(ctx context.Context, tx *sql.Tx, c *keyClaims) error {
	rows, err := tx.QueryContext(ctx, s.q(c.query), c.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var row [3]string
		if err := rows.Scan(&row[0], &row[1], &row[2]); err != nil {
			return err
		}
		c.recorded(row)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	c.refuseTaken()
	return nil
}

// settleRepeats answers the repeats of a key within the batch as the first call with that key
// was answered: a registered first one is the answer the use case will read from the log, and a
// refused one is refused for them too.
func settleRepeats(batch []*admission) {
	for _, a := range batch {
		if a.repeatOf == nil {
			continue
		}
		a.err = a.repeatOf.err
		if a.err == nil {
			a.err = requestlog.ErrAlreadyRecorded
		}
	}
}

// forgetKeys withdraws the claims of the registrations that were refused after claiming.
func (s *Store) forgetKeys(ctx context.Context, tx *sql.Tx, batch []*admission) error {
	var conds []string
	var args []any
	for _, a := range batch {
		if a.claimed && a.err != nil {
			conds = append(conds, "(caller = ? AND request_id = ? AND method = ?)")
			args = append(args, a.key.Caller, a.key.RequestID, logKey(a.key).Scope())
		}
	}
	if len(conds) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, s.q("DELETE FROM request_log WHERE "+strings.Join(conds, " OR ")), args...)
	return err
}

// insertRegistrations writes the admitted registrations in arrival order, gives each its seq, and
// saves e's counts. The rows of one INSERT take their identity values in the order they are
// listed, so the batch's arrival order is the stored one. On PostgreSQL the counts are written by
// the same statement, which saves the batch a round trip while it holds the event's lock.
func (s *Store) insertRegistrations(ctx context.Context, tx *sql.Tx, e *domain.Event, admitted []*admission) error {
	if !s.postgres {
		if err := s.saveCounts(ctx, tx, e); err != nil {
			return err
		}
	}
	args := make([]any, 0, 3+12*len(admitted))
	query := ""
	if s.postgres {
		query = "WITH counts AS (UPDATE events SET confirmed_count = ?, waitlisted_count = ? WHERE id = ?) "
		args = append(args, e.Confirmed, e.Waitlisted, e.ID)
	}
	byID := make(map[string]*domain.Registration, len(admitted))
	for _, a := range admitted {
		r := a.r
		byID[r.ID] = r
		args = append(args, r.ID, r.EventID, r.OrganizationID, r.Participant.GivenName, r.Participant.FamilyName,
			r.Participant.Email, a.email(), r.Participant.JobTitle, r.State, micros(r.Created), micros(r.Updated), r.Revision)
	}
	rows, err := tx.QueryContext(ctx, s.q(query+`INSERT INTO registrations (id, event_id, organization_id, given_name, family_name,
		email, email_lower, job_title, state, create_us, update_us, revision) VALUES `+valueRows(12, len(admitted))+` RETURNING id, seq`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id string
		var seq int64
		if err := rows.Scan(&id, &seq); err != nil {
			return err
		}
		if r := byID[id]; r != nil {
			r.Arrival = seq
			n++
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n != len(admitted) {
		return fmt.Errorf("sqlstore: %d of %d registrations came back from their insert", n, len(admitted))
	}
	return nil
}

// valueRows returns n rows of cols placeholders each: "(?, ?), (?, ?)".
func valueRows(cols, n int) string {
	row := "(" + placeholders(cols) + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}
