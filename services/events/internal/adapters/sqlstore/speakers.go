package sqlstore

import (
	"context"
	"database/sql"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

var _ app.SpeakerStore = (*Store)(nil)

const speakerColumns = `s.seq, s.id, s.event_id, s.agenda_item, s.organization_id, s.speaker_name, s.speaker_title, s.state, s.position,
	s.create_us, s.update_us, s.revision`

// speakerOrder puts the list of speakers first, in speaking order, then the others as they came.
const speakerOrder = ` ORDER BY CASE WHEN s.state = 2 THEN 0 ELSE 1 END, s.position, s.seq`

func scanSpeaker(row rowScanner) (domain.SpeakerRequest, error) {
	var r domain.SpeakerRequest
	var created, updated int64
	err := row.Scan(&r.Arrival, &r.ID, &r.EventID, &r.AgendaItem, &r.OrganizationID, &r.SpeakerName, &r.SpeakerTitle, &r.State, &r.Position,
		&created, &updated, &r.Revision)
	r.Created, r.Updated = fromMicros(created), fromMicros(updated)
	return r, err
}

func (s *Store) querySpeakers(ctx context.Context, q sqldb.Querier, query string, args ...any) ([]domain.SpeakerRequest, error) {
	return sqldb.QueryAll(ctx, q, scanSpeaker, s.q(query), args...)
}

// CreateSpeakerRequest implements app.SpeakerStore.
func (s *Store) CreateSpeakerRequest(ctx context.Context, r *domain.SpeakerRequest, key app.RequestKey) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO speaker_requests (id, event_id, agenda_item, organization_id, speaker_name,
			speaker_title, state, position, create_us, update_us, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`),
			r.ID, r.EventID, r.AgendaItem, r.OrganizationID, r.SpeakerName, r.SpeakerTitle, r.State, r.Position,
			micros(r.Created), micros(r.Updated), r.Revision).Scan(&r.Arrival)
		if err != nil {
			return err
		}
		return s.remember(ctx, tx, key, r.ID, r.Created)
	})
	if isUniqueViolation(err) {
		return domain.Refused(domain.ReasonSpeakerRequestExists, "organization %s has already asked to speak under %q at this meeting", r.OrganizationID, r.AgendaItem)
	}
	return err
}

// GetSpeakerRequest implements app.SpeakerStore.
func (s *Store) GetSpeakerRequest(ctx context.Context, id string) (domain.SpeakerRequest, error) {
	r, err := scanSpeaker(s.db.QueryRowContext(ctx, s.q("SELECT "+speakerColumns+" FROM speaker_requests s WHERE s.id = ?"), id))
	return r, notFoundOr(err, "speaker request", id)
}

// ListSpeakerRequests implements app.SpeakerStore.
func (s *Store) ListSpeakerRequests(ctx context.Context, eventID, agendaItem, org string) ([]domain.SpeakerRequest, error) {
	query := "SELECT " + speakerColumns + " FROM speaker_requests s WHERE s.event_id = ?"
	args := []any{eventID}
	if agendaItem != "" {
		query, args = query+" AND s.agenda_item = ?", append(args, agendaItem)
	}
	if org != "" {
		query, args = query+" AND s.organization_id = ?", append(args, org)
	}
	return s.querySpeakers(ctx, s.db, query+speakerOrder, args...)
}

// ArrangeSpeakers implements app.SpeakerStore.
func (s *Store) ArrangeSpeakers(ctx context.Context, eventID, agendaItem string, arrange func([]domain.SpeakerRequest) error) ([]domain.SpeakerRequest, error) {
	var out []domain.SpeakerRequest
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		found, err := s.lockRow(ctx, tx, "events", eventID)
		if err != nil {
			return err
		}
		if !found {
			return domain.NotFound("event", eventID)
		}
		item, err := s.querySpeakers(ctx, tx, "SELECT "+speakerColumns+" FROM speaker_requests s WHERE s.event_id = ? AND s.agenda_item = ? ORDER BY s.seq", eventID, agendaItem)
		if err != nil {
			return err
		}
		before := make(map[string]int64, len(item))
		for _, r := range item {
			before[r.ID] = r.Revision
		}
		if err := arrange(item); err != nil {
			return err
		}
		for _, r := range item {
			if r.Revision == before[r.ID] {
				continue
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE speaker_requests SET state = ?, position = ?, update_us = ?, revision = ? WHERE id = ?`),
				r.State, r.Position, micros(r.Updated), r.Revision, r.ID); err != nil {
				return err
			}
		}
		out, err = s.querySpeakers(ctx, tx, "SELECT "+speakerColumns+" FROM speaker_requests s WHERE s.event_id = ? AND s.agenda_item = ?"+speakerOrder, eventID, agendaItem)
		return err
	})
	return out, err
}
