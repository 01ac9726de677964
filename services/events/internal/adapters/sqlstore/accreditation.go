package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

const requestColumns = `a.seq, a.id, a.event_id, a.organization_id, a.justification, a.state, a.reason, a.create_us, a.update_us, a.revision`

func scanRequest(row rowScanner) (domain.AccreditationRequest, error) {
	var r domain.AccreditationRequest
	var created, updated int64
	err := row.Scan(&r.Arrival, &r.ID, &r.EventID, &r.OrganizationID, &r.Justification, &r.State, &r.Reason, &created, &updated, &r.Revision)
	r.Created, r.Updated = fromMicros(created), fromMicros(updated)
	return r, err
}

// CreateAccreditationRequest stores a new request; a second pending or approved one by the same
// organization for the same event is refused.
func (s *Store) CreateAccreditationRequest(ctx context.Context, r *domain.AccreditationRequest, key app.RequestKey) error {
	return s.insertOwned(ctx, key, r.ID, r.Created, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, s.q(`INSERT INTO accreditation_requests (id, event_id, organization_id, justification, state,
			reason, create_us, update_us, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`),
			r.ID, r.EventID, r.OrganizationID, r.Justification, r.State, r.Reason, micros(r.Created), micros(r.Updated), r.Revision).Scan(&r.Arrival)
	}, domain.AlreadyExists(domain.ReasonRequestExists, "organization %s already has a pending or approved accreditation request for event %s", r.OrganizationID, r.EventID))
}

// insertOwned runs insert, the new row of an organization's submission, and records its request
// id in the same transaction; a row the table's unique index refuses is answered with exists.
func (s *Store) insertOwned(ctx context.Context, key app.RequestKey, id string, at time.Time, insert func(*sql.Tx) error, exists error) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insert(tx); err != nil {
			return err
		}
		return s.remember(ctx, tx, key, id, at)
	})
	if isUniqueViolation(err) {
		return exists
	}
	return err
}

// listOwned returns one page of an organization-owned table (aliased alias in columns) oldest
// first, with how many rows the filter matches in all.
func listOwned[T any](ctx context.Context, s *Store, table, alias, columns string, scan func(rowScanner) (T, error), f app.OwnedFilter, p app.Page) ([]T, int, error) {
	from := " FROM " + table + " " + alias
	countWhere, countArgs, where, args := ownedWhere(alias, f, p.After)
	total, err := s.count(ctx, "SELECT COUNT(*)"+from+countWhere, countArgs)
	if err != nil {
		return nil, 0, err
	}
	out, err := sqldb.QueryAll(ctx, s.db, scan, s.q("SELECT "+columns+from+where+" ORDER BY "+alias+".seq LIMIT ?"), append(args, p.Size)...)
	return out, total, err
}

// GetAccreditationRequest reads one request.
func (s *Store) GetAccreditationRequest(ctx context.Context, id string) (domain.AccreditationRequest, error) {
	r, err := scanRequest(s.db.QueryRowContext(ctx, s.q("SELECT "+requestColumns+" FROM accreditation_requests a WHERE a.id = ?"), id))
	return r, notFoundOr(err, "accreditation request", id)
}

// ListAccreditationRequests returns requests oldest first.
func (s *Store) ListAccreditationRequests(ctx context.Context, f app.OwnedFilter, p app.Page) ([]domain.AccreditationRequest, int, error) {
	return listOwned(ctx, s, "accreditation_requests", "a", requestColumns, scanRequest, f, p)
}

// DecideAccreditationRequest locks the request and stores the decision decide makes.
func (s *Store) DecideAccreditationRequest(ctx context.Context, id string, key app.RequestKey, decide func(*domain.AccreditationRequest) error) (domain.AccreditationRequest, error) {
	var r domain.AccreditationRequest
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		found, err := s.lockRow(ctx, tx, "accreditation_requests", id)
		if err != nil {
			return err
		}
		if !found {
			return domain.NotFound("accreditation request", id)
		}
		if r, err = scanRequest(tx.QueryRowContext(ctx, s.q("SELECT "+requestColumns+" FROM accreditation_requests a WHERE a.id = ?"), id)); err != nil {
			return err
		}
		if err := decide(&r); err != nil {
			return err
		}
		r.Revision++
		if _, err := tx.ExecContext(ctx, s.q("UPDATE accreditation_requests SET state = ?, reason = ?, update_us = ?, revision = ? WHERE id = ?"),
			r.State, r.Reason, micros(r.Updated), r.Revision, r.ID); err != nil {
			return err
		}
		return s.remember(ctx, tx, key, r.ID, r.Updated)
	})
	return r, err
}
