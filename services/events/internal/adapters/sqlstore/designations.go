package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

var _ app.DesignationStore = (*Store)(nil)

const designationColumns = `d.seq, d.id, d.organization_id, d.station, d.year, d.role, d.full_name, d.title, d.email, d.photo_ref,
	d.birth_date, d.valid_from, d.valid_until, d.state, d.reason, d.create_us, d.update_us, d.revision`

func scanDesignation(row rowScanner) (domain.Designation, error) {
	var d domain.Designation
	var birth, from, until string
	var created, updated int64
	err := row.Scan(&d.Arrival, &d.ID, &d.OrganizationID, &d.Station, &d.Year, &d.Role, &d.Person.FullName, &d.Person.Title,
		&d.Person.Email, &d.Person.PhotoRef, &birth, &from, &until, &d.State, &d.Reason, &created, &updated, &d.Revision)
	d.Person.BirthDate, d.ValidFrom, d.ValidUntil = parseDay(birth), parseDay(from), parseDay(until)
	d.Created, d.Updated = fromMicros(created), fromMicros(updated)
	return d, err
}

func formatDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func parseDay(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

// lockOrganization creates the organization's designation row if needed and locks it; it
// returns the last status state applied to its designations.
func (s *Store) lockOrganization(ctx context.Context, tx *sql.Tx, org string) (domain.StatusState, uint64, error) {
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO designation_organizations (organization_id) VALUES (?) ON CONFLICT (organization_id) DO NOTHING`), org); err != nil {
		return 0, 0, err
	}
	query := `SELECT status_state, status_sequence FROM designation_organizations WHERE organization_id = ?`
	if s.postgres {
		query += " FOR UPDATE"
	}
	var state string
	var seq int64
	if err := tx.QueryRowContext(ctx, s.q(query), org).Scan(&state, &seq); err != nil {
		return 0, 0, err
	}
	return statusStateOf(state), uint64(seq), nil
}

func statusStateOf(s string) domain.StatusState {
	switch s {
	case "ACTIVE":
		return domain.StatusActive
	case "SUSPENDED":
		return domain.StatusSuspended
	case "WITHDRAWN":
		return domain.StatusWithdrawn
	case "NONE":
		return domain.StatusNone
	}
	return domain.StatusUnknown
}

func (s *Store) designationsOf(ctx context.Context, tx *sql.Tx, org string, year int) ([]domain.Designation, error) {
	query := "SELECT " + designationColumns + " FROM designations d WHERE d.organization_id = ?"
	args := []any{org}
	if year != 0 {
		query += " AND d.year = ?"
		args = append(args, year)
	}
	return sqldb.QueryAll(ctx, tx, scanDesignation, s.q(query+" ORDER BY d.seq"), args...)
}

// appendDesignationChange numbers the change by bumping the counter row, whose lock is held to
// commit: changes become visible in sequence order, so a follower never skips one.
func (s *Store) appendDesignationChange(ctx context.Context, tx *sql.Tx, d *domain.Designation, kind domain.DesignationChangeKind, at time.Time) error {
	var seq int64
	if err := tx.QueryRowContext(ctx, `UPDATE designation_change_counter SET last_sequence = last_sequence + 1 WHERE id = 1 RETURNING last_sequence`).Scan(&seq); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO designation_changes (sequence, designation_id, kind, state, reason, revision, change_us)
		VALUES (?, ?, ?, ?, ?, ?, ?)`), seq, d.ID, kind, d.State, d.Reason, d.Revision, micros(at))
	return err
}

// CreateDesignation implements app.DesignationStore.
func (s *Store) CreateDesignation(ctx context.Context, d *domain.Designation, key app.RequestKey, check func([]domain.Designation, domain.StatusState) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		state, _, err := s.lockOrganization(ctx, tx, d.OrganizationID)
		if err != nil {
			return err
		}
		others, err := s.designationsOf(ctx, tx, d.OrganizationID, d.Year)
		if err != nil {
			return err
		}
		if err := check(others, state); err != nil {
			return err
		}
		p := d.Person
		err = tx.QueryRowContext(ctx, s.q(`INSERT INTO designations (id, organization_id, station, year, role, full_name, title, email,
			photo_ref, birth_date, valid_from, valid_until, state, reason, create_us, update_us, revision)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`),
			d.ID, d.OrganizationID, d.Station, d.Year, d.Role, p.FullName, p.Title, p.Email, p.PhotoRef, formatDay(p.BirthDate),
			formatDay(d.ValidFrom), formatDay(d.ValidUntil), d.State, d.Reason, micros(d.Created), micros(d.Updated), d.Revision).Scan(&d.Arrival)
		if err != nil {
			return err
		}
		if err := s.appendDesignationChange(ctx, tx, d, domain.ChangeSubmitted, d.Created); err != nil {
			return err
		}
		return s.remember(ctx, tx, key, d.ID, d.Created)
	})
}

// GetDesignation implements app.DesignationStore.
func (s *Store) GetDesignation(ctx context.Context, id string) (domain.Designation, error) {
	d, err := scanDesignation(s.db.QueryRowContext(ctx, s.q("SELECT "+designationColumns+" FROM designations d WHERE d.id = ?"), id))
	return d, notFoundOr(err, "designation", id)
}

// ListDesignations implements app.DesignationStore: oldest first.
func (s *Store) ListDesignations(ctx context.Context, f app.DesignationFilter, p app.Page) ([]domain.Designation, int, error) {
	var conds []string
	var args []any
	if f.Station != 0 {
		conds, args = append(conds, "d.station = ?"), append(args, f.Station)
	}
	if !f.OnDate.IsZero() {
		day := formatDay(f.OnDate)
		conds, args = append(conds, "d.valid_from <= ? AND d.valid_until >= ?"), append(args, day, day)
	}
	if f.OrganizationID != "" {
		conds, args = append(conds, "d.organization_id = ?"), append(args, f.OrganizationID)
	}
	if f.State != 0 {
		conds, args = append(conds, "d.state = ?"), append(args, f.State)
	}
	if f.Year != 0 {
		conds, args = append(conds, "d.year = ?"), append(args, f.Year)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	total, err := s.count(ctx, "SELECT COUNT(*) FROM designations d"+where, args)
	if err != nil {
		return nil, 0, err
	}
	if p.After != nil {
		conds, args = append(conds, "d.seq > ?"), append(args, p.After.Seq)
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	out, err := sqldb.QueryAll(ctx, s.db, scanDesignation, s.q("SELECT "+designationColumns+" FROM designations d"+where+" ORDER BY d.seq LIMIT ?"), append(args, p.Size)...)
	return out, total, err
}

// DecideDesignation implements app.DesignationStore.
func (s *Store) DecideDesignation(ctx context.Context, id string, key app.RequestKey, decide func(*domain.Designation, []domain.Designation) (domain.DesignationChangeKind, error)) (domain.Designation, error) {
	var out domain.Designation
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var org string
		if err := tx.QueryRowContext(ctx, s.q(`SELECT organization_id FROM designations WHERE id = ?`), id).Scan(&org); err != nil {
			return notFoundOr(err, "designation", id)
		}
		if _, _, err := s.lockOrganization(ctx, tx, org); err != nil {
			return err
		}
		all, err := s.designationsOf(ctx, tx, org, 0)
		if err != nil {
			return err
		}
		var d *domain.Designation
		var others []domain.Designation
		for i := range all {
			if all[i].ID == id {
				d = &all[i]
			}
		}
		for i := range all {
			if all[i].Year == d.Year {
				others = append(others, all[i])
			}
		}
		kind, err := decide(d, others)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE designations SET state = ?, reason = ?, update_us = ?, revision = ? WHERE id = ?`),
			d.State, d.Reason, micros(d.Updated), d.Revision, d.ID); err != nil {
			return err
		}
		if err := s.appendDesignationChange(ctx, tx, d, kind, d.Updated); err != nil {
			return err
		}
		out = *d
		return s.remember(ctx, tx, key, d.ID, d.Updated)
	})
	return out, err
}

// ApplyStatus implements app.DesignationStore.
func (s *Store) ApplyStatus(ctx context.Context, org string, seq uint64, state domain.StatusState, now time.Time) (int, error) {
	voided := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if state == domain.StatusActive {
			// An organization that never designated anyone needs no row for a status that
			// changes nothing; one that has a row learns it is active again.
			var one int
			err := tx.QueryRowContext(ctx, s.q(`SELECT 1 FROM designation_organizations WHERE organization_id = ?`), org).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			} else if err != nil {
				return err
			}
		}
		_, applied, err := s.lockOrganization(ctx, tx, org)
		if err != nil {
			return err
		}
		if seq <= applied {
			return nil
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE designation_organizations SET status_sequence = ?, status_state = ? WHERE organization_id = ?`),
			int64(seq), state.String(), org); err != nil {
			return err
		}
		if state == domain.StatusActive {
			return nil
		}
		all, err := s.designationsOf(ctx, tx, org, 0)
		if err != nil {
			return err
		}
		reason := domain.VoidReason(state)
		for i := range all {
			d := &all[i]
			if d.State != domain.DesignationPending && d.State != domain.DesignationApproved {
				continue
			}
			d.State, d.Reason, d.Updated = domain.DesignationVoided, reason, now
			d.Revision++
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE designations SET state = ?, reason = ?, update_us = ?, revision = ? WHERE id = ?`),
				d.State, d.Reason, micros(d.Updated), d.Revision, d.ID); err != nil {
				return err
			}
			if err := s.appendDesignationChange(ctx, tx, d, domain.ChangeVoided, now); err != nil {
				return err
			}
			voided++
		}
		return nil
	})
	return voided, err
}

// DesignationChangesAfter implements app.DesignationStore.
func (s *Store) DesignationChangesAfter(ctx context.Context, after uint64, limit int) ([]domain.DesignationChange, error) {
	cols := strings.NewReplacer("d.state", "c.state", "d.reason", "c.reason", "d.revision", "c.revision").Replace(designationColumns)
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT c.sequence, c.kind, c.change_us, `+cols+`
		FROM designation_changes c JOIN designations d ON d.id = c.designation_id WHERE c.sequence > ? ORDER BY c.sequence LIMIT ?`), int64(after), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.DesignationChange
	for rows.Next() {
		var c domain.DesignationChange
		var seq, at int64
		d, err := scanDesignation(prefixed{rows, []any{&seq, &c.Kind, &at}})
		if err != nil {
			return nil, err
		}
		c.Sequence, c.Time, c.Designation = uint64(seq), fromMicros(at), d
		c.Designation.Updated = c.Time
		out = append(out, c)
	}
	return out, rows.Err()
}

// LastDesignationSequence implements app.DesignationStore.
func (s *Store) LastDesignationSequence(ctx context.Context) (uint64, error) {
	var seq int64
	err := s.db.QueryRowContext(ctx, `SELECT last_sequence FROM designation_change_counter WHERE id = 1`).Scan(&seq)
	return uint64(seq), err
}

// prefixed scans a few leading columns into head before handing the rest to a row scanner.
type prefixed struct {
	row  rowScanner
	head []any
}

func (p prefixed) Scan(dest ...any) error { return p.row.Scan(append(p.head, dest...)...) }
