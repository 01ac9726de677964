// Package sqlstore keeps the registry's directory in SQL: SQLite for a laptop or a small office,
// PostgreSQL in production. One implementation serves both; where they differ (full-text search,
// row locks, placeholders) the dialect decides, and one contract test suite holds both to the same
// promises.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
)

// Store is the SQL implementation of the registry's storage ports.
type Store struct {
	db      *sqldb.DB
	dialect sqldb.Dialect
	// rareTerm is the count below which a term's matches are collected rather than walked to in
	// update-time order (search.go); tests move it to exercise both plans.
	rareTerm int
}

// New wraps an open, migrated database.
func New(db *sqldb.DB) *Store {
	return &Store{db: db, dialect: db.Dialect(), rareTerm: defaultRareTerm}
}

// inTx runs fn in the platform's transaction, which on SQLite holds the one writing connection.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error { return s.db.InTx(ctx, fn) }

// forUpdate locks the row read for a read-modify-write on PostgreSQL; SQLite has one writer at a
// time, so it needs no row lock.
func (s *Store) forUpdate() string {
	if s.dialect == sqldb.Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// queryer is what both *sql.DB and *sql.Tx offer for reads.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// builder assembles a statement from fragments written with "?" placeholders, so conditions can
// be added in any order without counting parameters by hand; String renders the dialect's
// placeholders.
type builder struct {
	dialect sqldb.Dialect
	sql     strings.Builder
	args    []any
}

func (s *Store) build() *builder { return &builder{dialect: s.dialect} }

// add appends a fragment in which each "?" stands for the next argument.
func (b *builder) add(fragment string, args ...any) *builder {
	b.sql.WriteString(fragment)
	b.args = append(b.args, args...)
	return b
}

// append adds another builder's fragments and arguments.
func (b *builder) append(o *builder) *builder { return b.add(o.sql.String(), o.args...) }

// list writes comma-separated placeholders for the given values.
func (b *builder) list(values []string) *builder {
	for i, v := range values {
		if i > 0 {
			b.sql.WriteString(", ")
		}
		b.add("?", v)
	}
	return b
}

func (b *builder) String() string { return sqldb.Rebind(b.dialect, b.sql.String()) }

// q rewrites a statement written with "?" into the dialect's placeholders.
func (s *Store) q(query string) string { return s.db.Rebind(query) }

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

// notFound maps sql.ErrNoRows to the domain's error for the kind of record.
func notFound(err error, kind, id string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFoundError(kind, id)
	}
	return err
}
