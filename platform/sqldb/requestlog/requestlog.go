// Package requestlog keeps the answers given to creates and workflow steps that carried a
// request_id, in the request_log table platform/sqldb creates in every service's database. A retry
// from the same caller is answered from here, so it never makes a second resource or a second
// transition, even after a timeout on the caller's side.
package requestlog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
)

// Key names one request: the same request_id from another caller, for another method, or on
// another target resource, is another request. Target is the resource the call acts on (the
// application a step moves, the parent a create adds to); without it a request id reused on a
// second resource would be answered with the first resource's result.
type Key struct {
	Caller    string
	RequestID string
	Method    string
	Target    string
}

// Scope is what the method column holds: the method, and the target when there is one. Folding
// the target in keeps the table's primary key, so no service's request_log needs migrating. A
// store that writes request_log rows itself (in batches, say) writes this.
func (k Key) Scope() string {
	if k.Target == "" {
		return k.Method
	}
	return k.Method + " " + k.Target
}

// ErrAlreadyRecorded means a concurrent retry recorded its answer first; look it up and return it.
var ErrAlreadyRecorded = errors.New("requestlog: this request was already answered")

// Querier is what Lookup reads through: the database or a transaction.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Execer is what Record writes through: the transaction of the write it answers, so that the
// write and its recorded answer commit together or not at all.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Lookup returns the answer recorded for key, if any. A key without a request id has none.
func Lookup(ctx context.Context, q Querier, d sqldb.Dialect, key Key) ([]byte, bool, error) {
	if key.RequestID == "" {
		return nil, false, nil
	}
	var answer []byte
	err := q.QueryRowContext(ctx, sqldb.Rebind(d, `SELECT response FROM request_log WHERE caller = ? AND request_id = ? AND method = ?`),
		key.Caller, key.RequestID, key.Scope()).Scan(&answer)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("requestlog: look up %s: %w", key.RequestID, err)
	}
	return answer, true, nil
}

// Record stores the answer for key. It does nothing for a key without a request id, and
// returns ErrAlreadyRecorded when another attempt of the same request recorded first.
func Record(ctx context.Context, x Execer, d sqldb.Dialect, key Key, answer []byte, at time.Time) error {
	if key.RequestID == "" {
		return nil
	}
	_, err := x.ExecContext(ctx, sqldb.Rebind(d, `INSERT INTO request_log (caller, request_id, method, response, create_time) VALUES (?, ?, ?, ?, ?)`),
		key.Caller, key.RequestID, key.Scope(), answer, at.UTC())
	if sqldb.IsUniqueViolation(err) {
		return ErrAlreadyRecorded
	}
	if err != nil {
		return fmt.Errorf("requestlog: record %s: %w", key.RequestID, err)
	}
	return nil
}
