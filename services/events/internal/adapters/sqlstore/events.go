package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

const eventColumns = `e.id, e.title, e.kind, e.start_us, e.end_us, e.time_zone, e.venue, e.online_url, e.organizers,
	e.description, e.tags, e.capacity, e.quota_per_organization, e.requires_status, e.parent_event_id,
	e.registration_opens_us, e.registration_closes_us, e.state, e.cancel_reason, e.registration_url,
	e.confirmed_count, e.waitlisted_count, e.create_us, e.update_us, e.revision`

type organizerRecord struct {
	Name           string `json:"name"`
	OrganizationID string `json:"organization_id,omitempty"`
}

func encodeOrganizers(os []domain.Organizer) string {
	recs := make([]organizerRecord, len(os))
	for i, o := range os {
		recs[i] = organizerRecord{Name: o.Name, OrganizationID: o.OrganizationID}
	}
	b, _ := json.Marshal(recs)
	return string(b)
}

func decodeOrganizers(s string) ([]domain.Organizer, error) {
	var recs []organizerRecord
	if err := json.Unmarshal([]byte(s), &recs); err != nil {
		return nil, err
	}
	out := make([]domain.Organizer, len(recs))
	for i, r := range recs {
		out[i] = domain.Organizer{Name: r.Name, OrganizationID: r.OrganizationID}
	}
	return out, nil
}

func encodeTags(tags []string) string {
	if tags == nil {
		tags = []string{}
	}
	b, _ := json.Marshal(tags)
	return string(b)
}

type rowScanner = sqldb.Scanner

func scanEvent(r rowScanner) (domain.Event, error) {
	var e domain.Event
	var start, end, created, updated int64
	var organizers, tags string
	var parent sql.NullString
	var opens, closes sql.NullInt64
	err := r.Scan(&e.ID, &e.Title, &e.Kind, &start, &end, &e.TimeZone, &e.Venue, &e.OnlineURL, &organizers,
		&e.Description, &tags, &e.Capacity, &e.QuotaPerOrganization, &e.RequiresConsultativeStatus, &parent,
		&opens, &closes, &e.State, &e.CancelReason, &e.RegistrationURL,
		&e.Confirmed, &e.Waitlisted, &created, &updated, &e.Revision)
	if err != nil {
		return e, err
	}
	e.Start, e.End, e.Created, e.Updated = fromMicros(start), fromMicros(end), fromMicros(created), fromMicros(updated)
	e.RegistrationOpens, e.RegistrationCloses = fromNullMicros(opens), fromNullMicros(closes)
	e.ParentEventID = parent.String
	if e.Organizers, err = decodeOrganizers(organizers); err != nil {
		return e, err
	}
	if err = json.Unmarshal([]byte(tags), &e.Tags); err != nil {
		return e, err
	}
	if len(e.Tags) == 0 {
		e.Tags = nil
	}
	return e, nil
}

// CreateEvent stores a new event with its tag and organizer index rows.
func (s *Store) CreateEvent(ctx context.Context, e *domain.Event, key app.RequestKey) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.insertEvent(ctx, tx, e); err != nil {
			return err
		}
		return s.remember(ctx, tx, key, e.ID, e.Created)
	})
}

// insertEvent writes a new event and its index rows in the caller's transaction.
func (s *Store) insertEvent(ctx context.Context, tx *sql.Tx, e *domain.Event) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO events (id, title, kind, start_us, end_us, time_zone, venue, online_url,
			organizers, description, tags, capacity, quota_per_organization, requires_status, parent_event_id,
			registration_opens_us, registration_closes_us, state, cancel_reason, registration_url,
			confirmed_count, waitlisted_count, create_us, update_us, revision, search_text)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		e.ID, e.Title, e.Kind, micros(e.Start), micros(e.End), e.TimeZone, e.Venue, e.OnlineURL,
		encodeOrganizers(e.Organizers), e.Description, encodeTags(e.Tags), e.Capacity, e.QuotaPerOrganization,
		e.RequiresConsultativeStatus, nullString(e.ParentEventID), nullMicros(e.RegistrationOpens), nullMicros(e.RegistrationCloses),
		e.State, e.CancelReason, e.RegistrationURL, e.Confirmed, e.Waitlisted, micros(e.Created), micros(e.Updated),
		e.Revision, e.SearchText())
	if err != nil {
		return err
	}
	return s.writeEventIndex(ctx, tx, e)
}

// writeEventIndex replaces the tag and organizer rows the list filters use.
func (s *Store) writeEventIndex(ctx context.Context, tx *sql.Tx, e *domain.Event) error {
	for _, stmt := range []string{"DELETE FROM event_tags WHERE event_id = ?", "DELETE FROM event_organizers WHERE event_id = ?"} {
		if _, err := tx.ExecContext(ctx, s.q(stmt), e.ID); err != nil {
			return err
		}
	}
	for _, t := range e.Tags {
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO event_tags (event_id, tag) VALUES (?, ?)"), e.ID, t); err != nil {
			return err
		}
	}
	for i, o := range e.Organizers {
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO event_organizers (event_id, position, name_lower, organization_id) VALUES (?, ?, ?, ?)"),
			e.ID, i, strings.ToLower(o.Name), o.OrganizationID); err != nil {
			return err
		}
	}
	return nil
}

// GetEvent reads one event.
func (s *Store) GetEvent(ctx context.Context, id string) (domain.Event, error) {
	e, err := scanEvent(s.db.QueryRowContext(ctx, s.q("SELECT "+eventColumns+" FROM events e WHERE e.id = ?"), id))
	return e, notFoundOr(err, "event", id)
}

func (s *Store) getEventTx(ctx context.Context, tx *sql.Tx, id string) (domain.Event, error) {
	e, err := scanEvent(tx.QueryRowContext(ctx, s.q("SELECT "+eventColumns+" FROM events e WHERE e.id = ?"), id))
	return e, notFoundOr(err, "event", id)
}

// lockEvent reads an event for a read-decide-write transaction and, on PostgreSQL, locks its row
// in the same statement (see lockRow), which saves the lock its own round trip.
func (s *Store) lockEvent(ctx context.Context, tx *sql.Tx, id string) (domain.Event, error) {
	query := "SELECT " + eventColumns + " FROM events e WHERE e.id = ?"
	if s.postgres {
		query += " FOR UPDATE"
	}
	e, err := scanEvent(tx.QueryRowContext(ctx, s.q(query), id))
	return e, notFoundOr(err, "event", id)
}

// eventWhere builds the filter's WHERE clause.
func eventWhere(f app.EventFilter) (string, []any) {
	var conds []string
	var args []any
	if !f.From.IsZero() {
		conds, args = append(conds, "e.end_us > ?"), append(args, micros(f.From))
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "e.start_us < ?"), append(args, micros(f.To))
	}
	if len(f.Kinds) > 0 {
		conds = append(conds, "e.kind IN ("+placeholders(len(f.Kinds))+")")
		for _, k := range f.Kinds {
			args = append(args, int(k))
		}
	}
	if len(f.Tags) > 0 {
		conds = append(conds, "EXISTS (SELECT 1 FROM event_tags t WHERE t.event_id = e.id AND t.tag IN ("+placeholders(len(f.Tags))+"))")
		for _, t := range f.Tags {
			args = append(args, t)
		}
	}
	if f.Organizer != "" {
		conds = append(conds, `EXISTS (SELECT 1 FROM event_organizers o WHERE o.event_id = e.id AND (o.organization_id = ? OR o.name_lower LIKE ? ESCAPE '\'))`)
		args = append(args, f.Organizer, likePattern(strings.ToLower(f.Organizer)))
	}
	for _, w := range f.Words {
		conds, args = append(conds, `e.search_text LIKE ? ESCAPE '\'`), append(args, likePattern(w))
	}
	if f.ParentEventID != "" {
		conds, args = append(conds, "e.parent_event_id = ?"), append(args, f.ParentEventID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ListEvents returns up to p.Size events after the cursor, and how many match in all.
func (s *Store) ListEvents(ctx context.Context, f app.EventFilter, p app.Page) ([]domain.Event, int, error) {
	where, args := eventWhere(f)
	total, err := s.count(ctx, "SELECT COUNT(*) FROM events e"+where, args)
	if err != nil {
		return nil, 0, err
	}
	col, dir, cmp := "e.start_us", "ASC", ">"
	switch f.Order {
	case app.ByStartDesc:
		dir, cmp = "DESC", "<"
	case app.ByUpdateAsc:
		col = "e.update_us"
	case app.ByUpdateDesc:
		col, dir, cmp = "e.update_us", "DESC", "<"
	}
	if p.After != nil {
		keyset := "(" + col + " " + cmp + " ? OR (" + col + " = ? AND e.id " + cmp + " ?))"
		if where == "" {
			where = " WHERE " + keyset
		} else {
			where += " AND " + keyset
		}
		args = append(args, p.After.Key, p.After.Key, p.After.ID)
	}
	query := "SELECT " + eventColumns + " FROM events e" + where + " ORDER BY " + col + " " + dir + ", e.id " + dir + " LIMIT ?"
	out, err := sqldb.QueryAll(ctx, s.db, scanEvent, s.q(query), append(args, p.Size)...)
	return out, total, err
}

// UpdateEvent locks the event, applies change, stores it with a new revision and hands freed
// seats to the waiting list.
func (s *Store) UpdateEvent(ctx context.Context, id string, key app.RequestKey, change func(*domain.Event) error) (domain.Event, error) {
	var e domain.Event
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		found, err := s.lockRow(ctx, tx, "events", id)
		if err != nil {
			return err
		}
		if !found {
			return domain.NotFound("event", id)
		}
		if e, err = s.getEventTx(ctx, tx, id); err != nil {
			return err
		}
		if err := change(&e); err != nil {
			return err
		}
		e.Revision++
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE events SET title = ?, kind = ?, start_us = ?, end_us = ?, time_zone = ?,
			venue = ?, online_url = ?, organizers = ?, description = ?, tags = ?, capacity = ?, quota_per_organization = ?,
			requires_status = ?, parent_event_id = ?, registration_opens_us = ?, registration_closes_us = ?, state = ?,
			cancel_reason = ?, registration_url = ?, update_us = ?, revision = ?, search_text = ? WHERE id = ?`),
			e.Title, e.Kind, micros(e.Start), micros(e.End), e.TimeZone, e.Venue, e.OnlineURL, encodeOrganizers(e.Organizers),
			e.Description, encodeTags(e.Tags), e.Capacity, e.QuotaPerOrganization, e.RequiresConsultativeStatus,
			nullString(e.ParentEventID), nullMicros(e.RegistrationOpens), nullMicros(e.RegistrationCloses), e.State,
			e.CancelReason, e.RegistrationURL, micros(e.Updated), e.Revision, e.SearchText(), e.ID); err != nil {
			return err
		}
		if err := s.writeEventIndex(ctx, tx, &e); err != nil {
			return err
		}
		if e.State == domain.EventScheduled {
			if err := s.promote(ctx, tx, &e, e.SeatsToPromote(), e.Updated); err != nil {
				return err
			}
		}
		return s.remember(ctx, tx, key, e.ID, e.Updated)
	})
	return e, err
}
