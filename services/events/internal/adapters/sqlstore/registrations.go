package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// The waiting-list position is computed on read, so that it moves up by itself as people ahead
// are confirmed or cancel.
const registrationColumns = `r.seq, r.id, r.event_id, r.organization_id, r.given_name, r.family_name, r.email, r.job_title,
	r.state, r.create_us, r.update_us, r.revision,
	CASE WHEN r.state = 2 THEN (SELECT COUNT(*) FROM registrations w WHERE w.event_id = r.event_id AND w.state = 2 AND w.seq <= r.seq) ELSE 0 END,
	r.status_note`

func scanRegistration(row rowScanner) (domain.Registration, error) {
	var r domain.Registration
	var created, updated int64
	err := row.Scan(&r.Arrival, &r.ID, &r.EventID, &r.OrganizationID, &r.Participant.GivenName, &r.Participant.FamilyName,
		&r.Participant.Email, &r.Participant.JobTitle, &r.State, &created, &updated, &r.Revision, &r.WaitlistPosition, &r.StatusNote)
	r.Created, r.Updated = fromMicros(created), fromMicros(updated)
	return r, err
}

func (s *Store) saveCounts(ctx context.Context, tx *sql.Tx, e *domain.Event) error {
	_, err := tx.ExecContext(ctx, s.q("UPDATE events SET confirmed_count = ?, waitlisted_count = ? WHERE id = ?"), e.Confirmed, e.Waitlisted, e.ID)
	return err
}

// promote confirms the first n waitlisted registrations of e, in arrival order, and updates e's
// counts. The caller holds the event's lock.
func (s *Store) promote(ctx context.Context, tx *sql.Tx, e *domain.Event, n int, now time.Time) error {
	if n <= 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, s.q("SELECT seq FROM registrations WHERE event_id = ? AND state = 2 ORDER BY seq LIMIT ?"), e.ID, n)
	if err != nil {
		return err
	}
	var seqs []any
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			rows.Close()
			return err
		}
		seqs = append(seqs, seq)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(seqs) == 0 {
		return err
	}
	args := append([]any{domain.RegistrationConfirmed, micros(now)}, seqs...)
	if _, err := tx.ExecContext(ctx, s.q("UPDATE registrations SET state = ?, update_us = ?, revision = revision + 1 WHERE seq IN ("+placeholders(len(seqs))+")"), args...); err != nil {
		return err
	}
	e.Confirmed += len(seqs)
	e.Waitlisted -= len(seqs)
	if err := s.saveCounts(ctx, tx, e); err != nil {
		return err
	}
	return s.notifyPromoted(ctx, tx, e, seqs, now)
}

// notifyPromoted writes, in the promotion's transaction, the notice that tells each person moved
// up from the waiting list that their place is confirmed.
func (s *Store) notifyPromoted(ctx context.Context, tx *sql.Tx, e *domain.Event, seqs []any, now time.Time) error {
	rows, err := tx.QueryContext(ctx, s.q("SELECT id, organization_id, given_name, family_name, email FROM registrations WHERE seq IN ("+placeholders(len(seqs))+")"), seqs...)
	if err != nil {
		return err
	}
	type promoted struct{ id, org, given, family, email string }
	var ps []promoted
	for rows.Next() {
		var p promoted
		if err := rows.Scan(&p.id, &p.org, &p.given, &p.family, &p.email); err != nil {
			rows.Close()
			return err
		}
		ps = append(ps, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range ps {
		n := notify.Notice{Key: "registration:" + p.id + ":promoted", Kind: notify.KindPlaceConfirmed,
			Recipient: Participant(p.org, p.email), Topic: p.id, Link: "/portal/events/" + e.ID,
			Params: map[string]string{"event": e.Title, "startdate": e.Start.UTC().Format("2006-01-02"),
				"participant": strings.TrimSpace(p.given + " " + p.family)}}
		if err := notify.Enqueue(ctx, tx, s.dialect(), n, now); err != nil {
			return err
		}
	}
	return nil
}

// notifyAdmitted writes, in the batch's transaction and as one statement, the notice that tells
// each person admitted that their place is confirmed or where they stand on the waiting list.
func (s *Store) notifyAdmitted(ctx context.Context, tx *sql.Tx, e *domain.Event, admitted []*admission) error {
	ns := make([]notify.Notice, 0, len(admitted))
	for _, a := range admitted {
		r := a.r
		n := notify.Notice{Key: "registration:" + r.ID + ":admitted", Kind: notify.KindRegistered,
			Recipient: Participant(r.OrganizationID, r.Participant.Email), Topic: r.ID, Link: "/portal/events/" + e.ID,
			Params: map[string]string{"event": e.Title, "startdate": e.Start.UTC().Format("2006-01-02"),
				"participant": strings.TrimSpace(r.Participant.GivenName + " " + r.Participant.FamilyName)}}
		if r.State == domain.RegistrationWaitlisted {
			n.Kind = notify.KindWaitlisted
			n.Params["position"] = strconv.Itoa(r.WaitlistPosition)
		}
		ns = append(ns, n)
	}
	return notify.EnqueueAll(ctx, tx, s.dialect(), ns, admitted[0].r.Created)
}

// Participant is the notice recipient of a person registered for an organization: mailed at
// their own address, in the organization's working language.
func Participant(organizationID, email string) string {
	return "participant:" + organizationID + ":" + email
}

// GetRegistration reads one registration of an event.
func (s *Store) GetRegistration(ctx context.Context, eventID, id string) (domain.Registration, error) {
	r, err := scanRegistration(s.db.QueryRowContext(ctx, s.q("SELECT "+registrationColumns+" FROM registrations r WHERE r.id = ? AND r.event_id = ?"), id, eventID))
	return r, notFoundOr(err, "registration", id)
}

// CancelRegistration locks the event, lets change cancel the registration and gives a freed seat
// to the first person waiting, in the same transaction.
func (s *Store) CancelRegistration(ctx context.Context, eventID, id string, change func(*domain.Event, *domain.Registration) error) (domain.Registration, error) {
	var r domain.Registration
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		found, err := s.lockRow(ctx, tx, "events", eventID)
		if err != nil {
			return err
		}
		if !found {
			return domain.NotFound("registration", id)
		}
		e, err := s.getEventTx(ctx, tx, eventID)
		if err != nil {
			return err
		}
		r, err = scanRegistration(tx.QueryRowContext(ctx, s.q("SELECT "+registrationColumns+" FROM registrations r WHERE r.id = ? AND r.event_id = ?"), id, eventID))
		if err != nil {
			return notFoundOr(err, "registration", id)
		}
		before, beforeNote := r.State, r.StatusNote
		if err := change(&e, &r); err != nil {
			return err
		}
		if r.State == before && r.StatusNote == beforeNote {
			return nil
		}
		r.Revision++
		if _, err := tx.ExecContext(ctx, s.q("UPDATE registrations SET state = ?, update_us = ?, revision = ?, status_note = ? WHERE id = ?"),
			r.State, micros(r.Updated), r.Revision, r.StatusNote, r.ID); err != nil {
			return err
		}
		if r.State == before {
			return nil
		}
		switch before {
		case domain.RegistrationConfirmed:
			e.Confirmed--
		case domain.RegistrationWaitlisted:
			e.Waitlisted--
		}
		if err := s.saveCounts(ctx, tx, &e); err != nil {
			return err
		}
		return s.promote(ctx, tx, &e, e.SeatsToPromote(), r.Updated)
	})
	return r, err
}

// ownedWhere builds the WHERE clause shared by the lists of registrations, proposals and
// accreditation requests, with the keyset condition on arrival order.
func ownedWhere(alias string, f app.OwnedFilter, after *app.Cursor) (string, []any, string, []any) {
	var conds []string
	var args []any
	if f.EventID != "" {
		conds, args = append(conds, alias+".event_id = ?"), append(args, f.EventID)
	}
	if f.OrganizationID != "" {
		conds, args = append(conds, alias+".organization_id = ?"), append(args, f.OrganizationID)
	}
	if f.State != 0 {
		conds, args = append(conds, alias+".state = ?"), append(args, f.State)
	}
	countWhere := ""
	if len(conds) > 0 {
		countWhere = " WHERE " + strings.Join(conds, " AND ")
	}
	countArgs := append([]any(nil), args...)
	if after != nil {
		conds, args = append(conds, alias+".seq > ?"), append(args, after.Seq)
	}
	pageWhere := ""
	if len(conds) > 0 {
		pageWhere = " WHERE " + strings.Join(conds, " AND ")
	}
	return countWhere, countArgs, pageWhere, args
}

// ListRegistrations returns registrations in arrival order.
func (s *Store) ListRegistrations(ctx context.Context, f app.OwnedFilter, p app.Page) ([]domain.Registration, int, error) {
	countWhere, countArgs, where, args := ownedWhere("r", f, p.After)
	total, err := s.count(ctx, "SELECT COUNT(*) FROM registrations r"+countWhere, countArgs)
	if err != nil {
		return nil, 0, err
	}
	out, err := sqldb.QueryAll(ctx, s.db, scanRegistration, s.q("SELECT "+registrationColumns+" FROM registrations r"+where+" ORDER BY r.seq LIMIT ?"), append(args, p.Size)...)
	return out, total, err
}

// ParticipationCounts counts an event's registrations by organization and state.
func (s *Store) ParticipationCounts(ctx context.Context, eventID string) ([]domain.ParticipationCount, error) {
	rows, err := s.db.QueryContext(ctx, s.q("SELECT organization_id, state, COUNT(*) FROM registrations WHERE event_id = ? GROUP BY organization_id, state ORDER BY organization_id, state"), eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.ParticipationCount
	for rows.Next() {
		var c domain.ParticipationCount
		if err := rows.Scan(&c.OrganizationID, &c.State, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
