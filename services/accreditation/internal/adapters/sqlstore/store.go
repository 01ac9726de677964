// Package sqlstore keeps the accreditation workflow and the status of record
// in SQL: embedded SQLite by default, PostgreSQL in production. One
// implementation serves both; a single contract test suite holds both to
// the same promises.
package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Store implements app.Store.
type Store struct {
	db      *sqldb.DB
	dialect sqldb.Dialect
}

var _ app.Store = (*Store)(nil)

// New wraps an open, migrated database.
func New(db *sqldb.DB) *Store { return &Store{db: db, dialect: db.Dialect()} }

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// q writes a statement for the store's dialect.
func (s *Store) q(query string) string { return sqldb.Rebind(s.dialect, query) }

// tx is one transaction of the store.
type tx struct {
	s  *Store
	tx *sql.Tx
}

// InTx implements app.Store.
func (s *Store) InTx(ctx context.Context, fn func(app.Tx) error) error {
	return s.db.InTx(ctx, func(t *sql.Tx) error { return fn(&tx{s: s, tx: t}) })
}

// isUnique reports a unique-constraint violation on either database.
func isUnique(err error) bool { return sqldb.IsUniqueViolation(err) }

func micros(t time.Time) int64 { return t.UnixMicro() }

func nullMicros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}

func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

func fromNullMicros(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return fromMicros(v.Int64)
}

func parseDate(s string) domain.Date {
	d, _ := domain.ParseDate(s)
	return d
}
