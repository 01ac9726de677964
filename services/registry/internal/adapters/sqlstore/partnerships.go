package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

func dateOf(key int) domain.Date {
	return domain.Date{Year: key / 10000, Month: key / 100 % 100, Day: key % 100}
}

// CreatePartnership stores a partnership.
func (s *Store) CreatePartnership(ctx context.Context, p domain.Partnership, req app.RequestKey) (domain.Partnership, error) {
	return createOnce(ctx, s, req, p.CreateTime, func(tx *sql.Tx) (domain.Partnership, error) {
		sdgs, err := json.Marshal(nonNil(p.SDGs))
		if err != nil {
			return p, err
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO partnerships (id, organization_id, un_entity, entity_key, title, description,
			sdgs, start_date, end_date, revision, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			p.ID, p.OrganizationID, p.UNEntity, app.EntityKey(p.UNEntity), p.Title, p.Description, string(sdgs),
			app.DateKey(p.StartDate), app.DateKey(p.EndDate), p.Revision, micros(p.CreateTime), micros(p.UpdateTime))
		if err != nil {
			return p, fmt.Errorf("insert partnership: %w", err)
		}
		return p, nil
	})
}

// ListPartnerships reads a page of partnerships, most recent start first.
func (s *Store) ListPartnerships(ctx context.Context, q app.PartnershipQuery) ([]domain.Partnership, error) {
	b := s.build().add(`SELECT id, organization_id, un_entity, title, description, sdgs, start_date, end_date, revision,
		create_time, update_time FROM partnerships WHERE 1 = 1`)
	if q.OrganizationID != "" {
		b.add(` AND organization_id = ?`, q.OrganizationID)
	}
	if q.UNEntity != "" {
		b.add(` AND entity_key = ?`, q.UNEntity)
	}
	if q.After != nil {
		b.add(` AND (start_date, id) < (?, ?)`, q.After.Start, q.After.ID)
	}
	b.add(` ORDER BY start_date DESC, id DESC LIMIT ?`, q.Limit)
	rows, err := s.db.QueryContext(ctx, b.String(), b.args...)
	if err != nil {
		return nil, fmt.Errorf("list partnerships: %w", err)
	}
	defer rows.Close()
	var out []domain.Partnership
	for rows.Next() {
		var (
			p            domain.Partnership
			sdgs         []byte
			start, end   int
			created, upd int64
		)
		if err := rows.Scan(&p.ID, &p.OrganizationID, &p.UNEntity, &p.Title, &p.Description, &sdgs, &start, &end, &p.Revision, &created, &upd); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(sdgs, &p.SDGs); err != nil {
			return nil, fmt.Errorf("partnership %s sdgs: %w", p.ID, err)
		}
		p.SDGs = nilIfEmpty(p.SDGs)
		p.StartDate = dateOf(start)
		if end != 0 {
			p.EndDate = dateOf(end)
		}
		p.CreateTime, p.UpdateTime = fromMicros(created), fromMicros(upd)
		out = append(out, p)
	}
	return out, rows.Err()
}
