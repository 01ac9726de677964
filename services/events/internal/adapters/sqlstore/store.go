// Package sqlstore keeps the events service's records in SQL, on SQLite (a laptop, the dev runner)
// or PostgreSQL (production), with the same queries. Every use case's write is one transaction;
// registrations lock their event first, so that seats are never overbooked however many requests
// arrive at once.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/un-liaison/liaison/platform/sqldb"

	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// Store implements app.Store.
type Store struct {
	db       *sqldb.DB
	postgres bool
}

var _ app.Store = (*Store)(nil)

// New returns a store over the service's database.
func New(db *sqldb.DB) *Store { return &Store{db: db, postgres: db.Dialect() == sqldb.Postgres} }

// q rewrites the ? placeholders the queries are written with into PostgreSQL's $n.
func (s *Store) q(query string) string {
	if !s.postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

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
	var resp []byte
	err := s.db.QueryRowContext(ctx, s.q("SELECT response FROM request_log WHERE caller = ? AND request_id = ? AND method = ?"),
		key.Caller, key.RequestID, key.Method).Scan(&resp)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return string(resp), true, nil
}

// remember records key -> id in the caller's transaction, so that the answer and the write
// commit together or not at all.
func (s *Store) remember(ctx context.Context, tx *sql.Tx, key app.RequestKey, id string, now time.Time) error {
	if key.RequestID == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, s.q("INSERT INTO request_log (caller, request_id, method, response, create_time) VALUES (?, ?, ?, ?, ?)"),
		key.Caller, key.RequestID, key.Method, []byte(id), now.UTC())
	return err
}

// isUniqueViolation recognizes a broken unique index in either dialect.
func isUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

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
