package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

const committeeColumns = `id, name, kind, region, theme, description, website, revision, create_time, update_time`

func scanCommittee(row interface{ Scan(...any) error }) (domain.NgoCommittee, error) {
	var (
		c            domain.NgoCommittee
		created, upd int64
	)
	err := row.Scan(&c.ID, &c.Name, &c.Kind, &c.Region, &c.Theme, &c.Description, &c.Website, &c.Revision, &created, &upd)
	c.CreateTime, c.UpdateTime = fromMicros(created), fromMicros(upd)
	return c, err
}

// CreateCommittee stores a committee with no members.
func (s *Store) CreateCommittee(ctx context.Context, c domain.NgoCommittee, req app.RequestKey) (domain.NgoCommittee, error) {
	return createOnce(ctx, s, req, c.CreateTime, func(tx *sql.Tx) (domain.NgoCommittee, error) {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO ngo_committees (id, name, name_key, kind, region, theme, description,
			website, revision, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			c.ID, c.Name, app.CommitteeNameKey(c.Name), c.Kind, c.Region, c.Theme, c.Description, c.Website, c.Revision,
			micros(c.CreateTime), micros(c.UpdateTime))
		if err != nil {
			return c, fmt.Errorf("insert committee: %w", err)
		}
		return c, nil
	})
}

// GetCommittee reads a committee and its members in joining order.
func (s *Store) GetCommittee(ctx context.Context, id string) (domain.NgoCommittee, error) {
	return s.getCommittee(ctx, s.db, id, "")
}

func (s *Store) getCommittee(ctx context.Context, q queryer, id, lock string) (domain.NgoCommittee, error) {
	c, err := scanCommittee(q.QueryRowContext(ctx, s.q(`SELECT `+committeeColumns+` FROM ngo_committees WHERE id = ?`+lock), id))
	if err != nil {
		return c, notFound(err, "committee", id)
	}
	members, err := s.members(ctx, q, []string{id})
	c.Members = members[id]
	return c, err
}

// members reads the member lists of the given committees.
func (s *Store) members(ctx context.Context, q queryer, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	b := s.build().add(`SELECT committee_id, organization_id FROM committee_members WHERE committee_id IN (`).list(ids).add(`) ORDER BY committee_id, position`)
	rows, err := q.QueryContext(ctx, b.String(), b.args...)
	if err != nil {
		return nil, fmt.Errorf("query members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cid, oid string
		if err := rows.Scan(&cid, &oid); err != nil {
			return nil, err
		}
		out[cid] = append(out[cid], oid)
	}
	return out, rows.Err()
}

// UpdateCommittee is a read-modify-write in one transaction. Members are only ever appended, so
// the new ones are those past the old list's end.
func (s *Store) UpdateCommittee(ctx context.Context, id string, change func(*domain.NgoCommittee) (bool, error)) (domain.NgoCommittee, error) {
	var c domain.NgoCommittee
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = s.getCommittee(ctx, tx, id, s.forUpdate()); err != nil {
			return err
		}
		before, had := c.Revision, len(c.Members)
		changed, err := change(&c)
		if err != nil || !changed {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE ngo_committees SET name = ?, name_key = ?, kind = ?, region = ?, theme = ?,
			description = ?, website = ?, revision = ?, update_time = ? WHERE id = ? AND revision = ?`),
			c.Name, app.CommitteeNameKey(c.Name), c.Kind, c.Region, c.Theme, c.Description, c.Website, c.Revision,
			micros(c.UpdateTime), id, before)
		if err != nil {
			return fmt.Errorf("update committee: %w", err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return domain.ErrStaleEtag
		}
		for i := had; i < len(c.Members); i++ {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO committee_members (committee_id, organization_id, position) VALUES (?, ?, ?)`),
				id, c.Members[i], i); err != nil {
				return fmt.Errorf("add member: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return domain.NgoCommittee{}, err
	}
	return c, nil
}

// ListCommittees reads a page of committees by name.
func (s *Store) ListCommittees(ctx context.Context, q app.CommitteeQuery) ([]domain.NgoCommittee, error) {
	b := s.build().add(`SELECT ` + committeeColumns + ` FROM ngo_committees WHERE 1 = 1`)
	if q.Kind != domain.CommitteeKindUnspecified {
		b.add(` AND kind = ?`, int(q.Kind))
	}
	if q.MemberOrgID != "" {
		b.add(` AND id IN (SELECT committee_id FROM committee_members WHERE organization_id = ?)`, q.MemberOrgID)
	}
	if q.After != nil {
		b.add(` AND (name_key, id) > (?, ?)`, q.After.Key, q.After.ID)
	}
	b.add(` ORDER BY name_key, id LIMIT ?`, q.Limit)
	rows, err := s.db.QueryContext(ctx, b.String(), b.args...)
	if err != nil {
		return nil, fmt.Errorf("list committees: %w", err)
	}
	var out []domain.NgoCommittee
	var ids []string
	for rows.Next() {
		c, err := scanCommittee(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
		ids = append(ids, c.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	members, err := s.members(ctx, s.db, ids)
	for i := range out {
		out[i].Members = members[out[i].ID]
	}
	return out, err
}
