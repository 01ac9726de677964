package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// CreateFocalPoint stores a focal point.
func (s *Store) CreateFocalPoint(ctx context.Context, f domain.FocalPoint, req app.RequestKey) (domain.FocalPoint, error) {
	return createOnce(ctx, s, req, f.CreateTime, func(tx *sql.Tx) (domain.FocalPoint, error) {
		topics, err := json.Marshal(nonNil(f.Topics))
		if err != nil {
			return f, err
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO focal_points (id, un_entity, entity_key, name, title, email, phone, topics,
			revision, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			f.ID, f.UNEntity, app.EntityKey(f.UNEntity), f.Name, f.Title, f.Email, f.Phone, string(topics), f.Revision,
			micros(f.CreateTime), micros(f.UpdateTime))
		if err != nil {
			return f, fmt.Errorf("insert focal point: %w", err)
		}
		return f, nil
	})
}

// ListFocalPoints reads a page of focal points by entity, then name.
func (s *Store) ListFocalPoints(ctx context.Context, q app.FocalPointQuery) ([]domain.FocalPoint, error) {
	b := s.build().add(`SELECT id, un_entity, name, title, email, phone, topics, revision, create_time, update_time FROM focal_points WHERE 1 = 1`)
	if q.UNEntity != "" {
		b.add(` AND entity_key = ?`, q.UNEntity)
	}
	if q.After != nil {
		b.add(` AND (entity_key, name, id) > (?, ?, ?)`, q.After.Entity, q.After.Name, q.After.ID)
	}
	b.add(` ORDER BY entity_key, name, id LIMIT ?`, q.Limit)
	rows, err := s.db.QueryContext(ctx, b.String(), b.args...)
	if err != nil {
		return nil, fmt.Errorf("list focal points: %w", err)
	}
	defer rows.Close()
	var out []domain.FocalPoint
	for rows.Next() {
		var (
			f            domain.FocalPoint
			topics       []byte
			created, upd int64
		)
		if err := rows.Scan(&f.ID, &f.UNEntity, &f.Name, &f.Title, &f.Email, &f.Phone, &topics, &f.Revision, &created, &upd); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(topics, &f.Topics); err != nil {
			return nil, fmt.Errorf("focal point %s topics: %w", f.ID, err)
		}
		f.Topics = nilIfEmpty(f.Topics)
		f.CreateTime, f.UpdateTime = fromMicros(created), fromMicros(upd)
		out = append(out, f)
	}
	return out, rows.Err()
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// nilIfEmpty reads an empty JSON list back as nil, as the record was before it was stored.
func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
