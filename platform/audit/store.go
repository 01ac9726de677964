package audit

import (
	"context"
	"database/sql"
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

// Store keeps audit entries in the service's own database, in the audit_log table the platform
// owns (platform/sqldb creates it in every service's database; no service migration touches
// it), so that "who did this?" can be answered with a query long after the logs have rotated.
type Store struct {
	db *sqldb.DB
}

// NewStore keeps entries in db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

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
