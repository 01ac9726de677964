package sqldb

import (
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Rebind numbers the "?" placeholders of a statement for PostgreSQL ($1, $2, ...) and leaves
// them as they are for SQLite, so each service writes its SQL once for both dialects.
// Statements never carry a literal "?": values always travel as arguments.
func Rebind(d Dialect, query string) string {
	if d != Postgres {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Rebind is Rebind for this database's dialect.
func (db *DB) Rebind(query string) string { return Rebind(db.dialect, query) }

// IsUniqueViolation reports whether err is a unique or primary-key constraint refusing a row,
// in either dialect: the way a store learns that a concurrent writer got there first.
func IsUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}
