package sqlstore

import (
	"context"
	"strings"

	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// frag is a piece of SQL with the arguments of its "?" placeholders.
type frag struct {
	sql  string
	args []any
}

// daysPending mirrors domain.Application.DaysPending in SQL, counted at now.
func daysPending(now int64) frag {
	return frag{`(CASE WHEN submit_time IS NULL THEN 0
		WHEN final_time IS NOT NULL THEN (final_time - submit_time) / 86400000000
		ELSE (CAST(? AS BIGINT) - submit_time) / 86400000000 END)`, []any{now}}
}

// sortKey is the SQL expression of an order field. Every key is a non-null
// integer, so a keyset cursor is a list of integers; never-submitted
// applications sort last whichever the direction.
func sortKey(k app.OrderKey, now int64) frag {
	switch k.Field {
	case "submit_time":
		if k.Desc {
			return frag{sql: "COALESCE(submit_time, -1)"}
		}
		return frag{sql: "COALESCE(submit_time, 9223372036854775807)"}
	case "create_time", "update_time", "deferral_count":
		return frag{sql: k.Field}
	default: // days_pending
		return daysPending(now)
	}
}

// Applications implements app.Store: the filtered queue in the asked order,
// keyset paged, with the total count.
func (s *Store) Applications(ctx context.Context, q app.ApplicationQuery) (app.ApplicationPage, error) {
	now := q.Now.UnixMicro()
	var where []frag
	if q.OrganizationID != "" {
		where = append(where, frag{"organization_id = ?", []any{q.OrganizationID}})
	}
	if len(q.States) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?,", len(q.States)), ",")
		args := make([]any, len(q.States))
		for i, st := range q.States {
			args[i] = string(st)
		}
		where = append(where, frag{"state IN (" + marks + ")", args})
	}
	if q.SessionID != "" {
		where = append(where, frag{"session_id = ?", []any{q.SessionID}})
	}
	if q.HideDrafts {
		where = append(where, frag{"state <> ?", []any{string(domain.StateDraft)}})
	}
	if q.ReviewCycleYear != 0 {
		where = append(where, frag{"review_cycle_year = ?", []any{q.ReviewCycleYear}})
	}
	if q.Category != domain.CategoryNone {
		where = append(where, frag{"requested_category = ?", []any{string(q.Category)}})
	}
	if q.MinDeferrals > 0 {
		where = append(where, frag{"deferral_count >= ?", []any{q.MinDeferrals}})
	}
	if q.MinDaysPending > 0 {
		d := daysPending(now)
		where = append(where, frag{d.sql + " >= ?", append(d.args, q.MinDaysPending)})
	}

	var total int
	countSQL, countArgs := joinWhere(where)
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM applications`+countSQL), countArgs...).Scan(&total); err != nil {
		return app.ApplicationPage{}, err
	}

	keys := make([]frag, len(q.Order))
	for i, k := range q.Order {
		keys[i] = sortKey(k, now)
	}
	if q.After != nil && len(q.After.Keys) == len(keys) {
		where = append(where, after(keys, q.Order, q.After))
	}
	var sel strings.Builder
	var args []any
	sel.WriteString(`SELECT ` + applicationColumns)
	for _, k := range keys {
		sel.WriteString(", " + k.sql)
		args = append(args, k.args...)
	}
	ws, wargs := joinWhere(where)
	sel.WriteString(" FROM applications" + ws + " ORDER BY ")
	args = append(args, wargs...)
	for i, k := range keys {
		sel.WriteString(k.sql)
		args = append(args, k.args...)
		if q.Order[i].Desc {
			sel.WriteString(" DESC")
		}
		sel.WriteString(", ")
	}
	sel.WriteString("id LIMIT ?")
	args = append(args, q.Limit+1)

	rows, err := s.db.QueryContext(ctx, s.q(sel.String()), args...)
	if err != nil {
		return app.ApplicationPage{}, err
	}
	defer rows.Close()
	var apps []domain.Application
	var cursors []app.ApplicationCursor
	for rows.Next() {
		vals := make([]int64, len(keys))
		extra := make([]any, len(vals))
		for i := range vals {
			extra[i] = &vals[i]
		}
		a, err := scanApplication(rows, extra...)
		if err != nil {
			return app.ApplicationPage{}, err
		}
		apps = append(apps, a)
		cursors = append(cursors, app.ApplicationCursor{Keys: vals, ID: a.ID})
	}
	if err := rows.Err(); err != nil {
		return app.ApplicationPage{}, err
	}
	page := app.ApplicationPage{Total: total}
	if len(apps) > q.Limit {
		apps = apps[:q.Limit]
		next := cursors[q.Limit-1]
		page.Next = &next
	}
	if err := s.loadChildrenOf(ctx, s.db, apps); err != nil {
		return app.ApplicationPage{}, err
	}
	page.Applications = apps
	return page, nil
}

// after is the keyset condition "strictly after the cursor" for mixed
// directions: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ... OR (all equal AND id > last).
func after(keys []frag, order []app.OrderKey, c *app.ApplicationCursor) frag {
	var ors []string
	var args []any
	for i := 0; i <= len(keys); i++ {
		var ands []string
		for j := 0; j < i; j++ {
			ands = append(ands, keys[j].sql+" = ?")
			args = append(args, keys[j].args...)
			args = append(args, c.Keys[j])
		}
		if i < len(keys) {
			op := " > ?"
			if order[i].Desc {
				op = " < ?"
			}
			ands = append(ands, keys[i].sql+op)
			args = append(args, keys[i].args...)
			args = append(args, c.Keys[i])
		} else {
			ands = append(ands, "id > ?")
			args = append(args, c.ID)
		}
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	return frag{"(" + strings.Join(ors, " OR ") + ")", args}
}

func joinWhere(where []frag) (string, []any) {
	if len(where) == 0 {
		return "", nil
	}
	parts := make([]string, len(where))
	var args []any
	for i, w := range where {
		parts[i] = w.sql
		args = append(args, w.args...)
	}
	return " WHERE " + strings.Join(parts, " AND "), args
}
