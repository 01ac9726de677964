package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// defaultFewMatches is the number of full-text matches below which PostgreSQL is made to collect every
// match through the GIN index and sort them, rather than walk the name index until a page is full:
// the walk is fastest for common words, but when the few matches all sort late (a city that starts
// many names, say) it reads nearly the whole table.
const defaultFewMatches = 5000

// SearchOrganizations answers one page of a directory search with keyset paging: the page starts
// strictly after the cursor in the requested order, so its cost does not grow with its position and
// rows inserted meanwhile neither repeat nor push others out. The page's ids are chosen first on
// the narrow sort columns; the full rows are read for those ids only.
func (s *Store) SearchOrganizations(ctx context.Context, q app.OrganizationQuery) ([]domain.Organization, error) {
	filters := s.build()
	words := app.SearchWords(q.Text)
	if len(words) > 0 {
		s.matchWords(filters, words)
	}
	if q.Country != "" {
		filters.add(` AND country = ?`, q.Country)
	}
	if q.StakeholderGroup != domain.StakeholderUnspecified {
		filters.add(` AND stakeholder_group = ?`, int(q.StakeholderGroup))
	}
	if len(q.SDGs) > 0 {
		filters.add(` AND (sdg_mask & ?) <> 0`, domain.SDGMask(q.SDGs))
	}
	if q.StatusCategory != domain.CategoryUnspecified {
		filters.add(` AND search_category = ?`, int(q.StatusCategory))
	}
	// The plan is chosen on the filters alone, before the cursor narrows them, so that every page
	// of one search is read the same way.
	few := false
	if len(words) > 0 && s.dialect == sqldb.Postgres {
		var err error
		if few, err = s.fewRows(ctx, filters); err != nil {
			return nil, err
		}
	}
	index, order := "organizations_by_name", ` ORDER BY name_key, id`
	switch q.Order {
	case app.ByUpdateTimeDesc:
		if q.After != nil {
			filters.add(` AND (update_time, id) < (?, ?)`, q.After.UpdateMicros, q.After.ID)
		}
		index, order = "organizations_by_update", ` ORDER BY update_time DESC, id DESC`
	default:
		if q.After != nil {
			filters.add(` AND (name_key, id) > (?, ?)`, q.After.NameKey, q.After.ID)
		}
		switch {
		case q.Country != "":
			index = "organizations_by_country"
		case q.StakeholderGroup != domain.StakeholderUnspecified:
			index = "organizations_by_group"
		}
	}

	b := s.build()
	switch {
	case few:
		// Few matches: collect them all through the GIN index and sort them.
		b.add(`WITH hits AS MATERIALIZED (SELECT id, name_key, update_time FROM organizations WHERE 1 = 1`).append(filters)
		b.add(`) SELECT `+organizationColumns+` FROM organizations WHERE id IN (SELECT id FROM hits`+order+` LIMIT ?)`, q.Limit)
	case len(words) > 0 && s.dialect == sqldb.SQLite:
		// SQLite would otherwise read every match and sort them; walking the index in page order
		// and testing each row against the (bloom-filtered) set of matches stops as soon as the
		// page is full.
		b.add(`SELECT ` + organizationColumns + ` FROM organizations WHERE id IN (SELECT id FROM organizations INDEXED BY ` + index + ` WHERE 1 = 1`)
		b.append(filters).add(order+` LIMIT ?)`, q.Limit)
	default:
		b.add(`SELECT ` + organizationColumns + ` FROM organizations WHERE id IN (SELECT id FROM organizations WHERE 1 = 1`)
		b.append(filters).add(order+` LIMIT ?)`, q.Limit)
	}
	return s.queryOrganizations(ctx, b.add(order))
}

// matchWords requires every word, stemmed, in the name, acronym or description. Words were
// reduced to letters and digits, so quoting them is enough to keep them literal in FTS5.
func (s *Store) matchWords(b *builder, words []string) {
	if s.dialect == sqldb.Postgres {
		b.add(` AND search @@ plainto_tsquery('english', ?)`, strings.Join(words, " "))
		return
	}
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = `"` + w + `"`
	}
	b.add(` AND seq IN (SELECT rowid FROM organizations_fts WHERE organizations_fts MATCH ?)`, strings.Join(quoted, " "))
}

// fewRows asks PostgreSQL's planner how many rows the filters match; its estimate for full-text
// conditions comes from the statistics of the tsvector column and costs no scan.
func (s *Store) fewRows(ctx context.Context, filters *builder) (bool, error) {
	b := s.build().add(`EXPLAIN (FORMAT JSON) SELECT 1 FROM organizations WHERE 1 = 1`).append(filters)
	var raw []byte
	if err := s.db.QueryRowContext(ctx, b.String(), b.args...).Scan(&raw); err != nil {
		return false, fmt.Errorf("estimate matches: %w", err)
	}
	var plans []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		} `json:"Plan"`
	}
	if err := json.Unmarshal(raw, &plans); err != nil || len(plans) == 0 {
		return false, fmt.Errorf("estimate matches: %s", raw)
	}
	return plans[0].Plan.Rows < s.fewMatches, nil
}
