// Package sqlstore keeps the events service's records in SQL, on SQLite (a laptop, the dev runner)
// or PostgreSQL (production), with the same queries. Every use case's write is one transaction;
// registrations lock their event first, so that seats are never overbooked however many requests
// arrive at once, and the ones that arrive together share that transaction (see Register).
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/requestlog"

	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// Store implements app.Store.
type Store struct {
	db         *sqldb.DB
	postgres   bool
	admissions admissions // Register calls waiting for their event's next batch
	// admitted, when set, is told of every batch of registrations that committed, before its
	// callers are answered (see OnAdmitted).
	admitted func(ctx context.Context, eventID string)

	// beforeCommit, when set (by tests only), runs at the end of every registration batch's
	// transaction; an error from it fails the batch as a failed commit would.
	beforeCommit func(batchSize int) error
}

var _ app.Store = (*Store)(nil)

// New returns a store over the service's database.
func New(db *sqldb.DB) *Store { return &Store{db: db, postgres: db.Dialect() == sqldb.Postgres} }

// OnAdmitted asks to be told, once per committed batch of registrations, that the event's counts
// changed, before any of the batch's callers is answered: a cache of events drops its copy once
// for the batch instead of once per registration. Set it before the store is used.
func (s *Store) OnAdmitted(fn func(ctx context.Context, eventID string)) { s.admitted = fn }

// q writes a statement for the store's dialect.
func (s *Store) q(query string) string { return s.db.Rebind(query) }

// inTx runs fn in one transaction, rolled back on error or panic. On SQLite the platform begins
// it IMMEDIATE on the one writing connection, so writers queue instead of failing half-way.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error { return s.db.InTx(ctx, fn) }

// lockRow takes the lock a read-decide-write transaction needs before it reads, and reports
// whether the row exists. On PostgreSQL it is a row lock (SELECT ... FOR UPDATE): concurrent
// registrations for one event queue on their event's row while other events go on. On SQLite the
// transaction already holds the database's one write lock (it began IMMEDIATE), so a read is enough.
func (s *Store) lockRow(ctx context.Context, tx *sql.Tx, table, id string) (bool, error) {
	query := "SELECT 1 FROM " + table + " WHERE id = ?"
	if s.postgres {
		query += " FOR UPDATE"
	}
	var one int
	err := tx.QueryRowContext(ctx, s.q(query), id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// LookupRequest returns the resource id a previous call with the same key recorded.
func (s *Store) LookupRequest(ctx context.Context, key app.RequestKey) (string, bool, error) {
	id, found, err := requestlog.Lookup(ctx, s.db, s.db.Dialect(), logKey(key))
	return string(id), found, err
}

// remember records key -> id in the caller's transaction, so that the answer and the write
// commit together or not at all.
func (s *Store) remember(ctx context.Context, tx *sql.Tx, key app.RequestKey, id string, now time.Time) error {
	return requestlog.Record(ctx, tx, s.db.Dialect(), logKey(key), []byte(id), now)
}

func logKey(k app.RequestKey) requestlog.Key {
	return requestlog.Key{Caller: k.Caller, RequestID: k.RequestID, Method: k.Method, Target: k.Target}
}

// isUniqueViolation recognizes a broken unique index in either dialect.
func isUniqueViolation(err error) bool { return sqldb.IsUniqueViolation(err) }

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

func nullMicros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}

func fromNullMicros(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return fromMicros(n.Int64)
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// likePattern makes a LIKE pattern that matches s anywhere, with LIKE's wildcards escaped.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// count runs a COUNT(*) query.
func (s *Store) count(ctx context.Context, query string, args []any) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.q(query), args...).Scan(&n)
	return n, err
}

var errNoRows = sql.ErrNoRows

func notFoundOr(err error, what, id string) error {
	if errors.Is(err, errNoRows) {
		return domain.NotFound(what, id)
	}
	return err
}
