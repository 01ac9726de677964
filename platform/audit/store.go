package audit

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
)

// Entry is one audited write.
type Entry struct {
	At           time.Time
	Method       string
	Subject      string // empty for an anonymous caller
	Roles        []string
	Organization string
	RequestID    string
	TraceID      string
	Outcome      string
}

// Store keeps audit entries in the service's own database, in an audit_log table the platform
// owns (no service migration creates or changes it), so that "who did this?" can be answered
// with a query long after the logs have rotated.
type Store struct {
	db *sqldb.DB
}

var auditTable = map[sqldb.Dialect]string{
	sqldb.SQLite: `CREATE TABLE IF NOT EXISTS audit_log (
		id           INTEGER PRIMARY KEY AUTOINCREMENT,
		at           TIMESTAMP NOT NULL,
		method       TEXT NOT NULL,
		subject      TEXT NOT NULL,
		roles        TEXT NOT NULL,
		organization TEXT NOT NULL,
		request_id   TEXT NOT NULL,
		trace_id     TEXT NOT NULL,
		outcome      TEXT NOT NULL
	)`,
	sqldb.Postgres: `CREATE TABLE IF NOT EXISTS audit_log (
		id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		at           TIMESTAMPTZ NOT NULL,
		method       TEXT NOT NULL,
		subject      TEXT NOT NULL,
		roles        TEXT NOT NULL,
		organization TEXT NOT NULL,
		request_id   TEXT NOT NULL,
		trace_id     TEXT NOT NULL,
		outcome      TEXT NOT NULL
	)`,
}

// auditIndex serves the two questions asked of the log: what did this person do, and what
// happened to this organization.
var auditIndexes = []string{
	`CREATE INDEX IF NOT EXISTS audit_log_subject_at ON audit_log (subject, at)`,
	`CREATE INDEX IF NOT EXISTS audit_log_organization_at ON audit_log (organization, at)`,
}

// NewStore makes sure the audit_log table exists in db.
func NewStore(ctx context.Context, db *sqldb.DB) (*Store, error) {
	ddl, ok := auditTable[db.Dialect()]
	if !ok {
		return nil, fmt.Errorf("audit: no audit_log table for %s", db.Dialect())
	}
	err := db.InMigrationTx(ctx, func(tx *sql.Tx) error {
		for _, stmt := range append([]string{ddl}, auditIndexes...) {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit: creating audit_log: %w", err)
	}
	return &Store{db: db}, nil
}

// Record appends e to the log.
func (s *Store) Record(ctx context.Context, e Entry) error {
	q := s.db.Rebind(`INSERT INTO audit_log (at, method, subject, roles, organization, request_id, trace_id, outcome)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, q, e.At.UTC(), e.Method, e.Subject, strings.Join(e.Roles, ","),
			e.Organization, e.RequestID, e.TraceID, e.Outcome)
		return err
	})
}

// BySubject lists the entries of one caller, oldest first, for investigations and tests.
func (s *Store) BySubject(ctx context.Context, subject string) ([]Entry, error) {
	rows, err := s.db.QueryContext(ctx, s.db.Rebind(`SELECT at, method, subject, roles, organization, request_id, trace_id, outcome
		FROM audit_log WHERE subject = ? ORDER BY id`), subject)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var roles string
		if err := rows.Scan(&e.At, &e.Method, &e.Subject, &roles, &e.Organization, &e.RequestID, &e.TraceID, &e.Outcome); err != nil {
			return nil, err
		}
		if roles != "" {
			e.Roles = strings.Split(roles, ",")
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
