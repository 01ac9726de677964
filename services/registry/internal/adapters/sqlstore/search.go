package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// defaultProbeRows is how many rows, in page order, PostgreSQL tests against the words before
// it gives up walking and collects every match through the GIN index instead. Walking is fastest
// whenever matches are not rare (a common word fills a page within a few hundred rows); when they
// are rare, or all sort late (a city that starts many names), the walk would read nearly the whole
// table, and the bounded probe hands over to the GIN index within a few milliseconds.
//
// An earlier version chose between the two on the planner's estimate (an EXPLAIN per search);
// the planner multiplies the selectivities of several words, so correlated words ("meeting
// records") were taken for rare and sorted 10,000 matches per page.
const defaultProbeRows = 1000

// SearchOrganizations answers one page of a directory search with keyset paging: the page starts
// strictly after the cursor in the requested order, so its cost does not grow with its position and
// rows inserted meanwhile neither repeat nor push others out. The page's ids are chosen first on
// the narrow sort columns; the full rows are read for those ids only.
func (s *Store) SearchOrganizations(ctx context.Context, q app.OrganizationQuery) ([]domain.Organization, error) {
	facets := s.build()
	if q.Country != "" {
		facets.add(` AND country = ?`, q.Country)
	}
	if q.StakeholderGroup != domain.StakeholderUnspecified {
		facets.add(` AND stakeholder_group = ?`, int(q.StakeholderGroup))
	}
	if len(q.SDGs) > 0 {
		facets.add(` AND (sdg_mask & ?) <> 0`, domain.SDGMask(q.SDGs))
	}
	if q.StatusCategory != domain.CategoryUnspecified {
		facets.add(` AND search_category = ?`, int(q.StatusCategory))
	}
	index, order := "organizations_by_name", ` ORDER BY name_key, id`
	switch q.Order {
	case app.ByUpdateTimeDesc:
		if q.After != nil {
			facets.add(` AND (update_time, id) < (?, ?)`, q.After.UpdateMicros, q.After.ID)
		}
		index, order = "organizations_by_update", ` ORDER BY update_time DESC, id DESC`
	default:
		if q.After != nil {
			facets.add(` AND (name_key, id) > (?, ?)`, q.After.NameKey, q.After.ID)
		}
		switch {
		case q.Country != "":
			index = "organizations_by_country"
		case q.StakeholderGroup != domain.StakeholderUnspecified:
			index = "organizations_by_group"
		}
	}

	words := app.SearchWords(q.Text)
	switch {
	case len(words) == 0:
		b := s.build().add(`SELECT ` + organizationColumns + ` FROM organizations WHERE id IN (SELECT id FROM organizations WHERE 1 = 1`)
		b.append(facets).add(order+` LIMIT ?)`, q.Limit)
		return s.queryOrganizations(ctx, b.add(order))
	case s.dialect == sqldb.SQLite:
		// SQLite would otherwise read every match and sort them; walking the index in page order
		// and testing each row against the (bloom-filtered) set of matches stops as soon as the
		// page is full.
		b := s.build().add(`SELECT ` + organizationColumns + ` FROM organizations WHERE id IN (SELECT id FROM organizations INDEXED BY ` + index + ` WHERE 1 = 1`)
		s.matchWords(b, words)
		b.append(facets).add(order+` LIMIT ?)`, q.Limit)
		return s.queryOrganizations(ctx, b.add(order))
	default:
		return s.searchPostgresText(ctx, q, words, facets, order)
	}
}

// searchPostgresText first walks at most probeRows rows in page order, testing each against the
// words; that answers the page when it fills it, or when those rows were all there was. Otherwise
// matches are rare where the walk looked, and collecting every match through the GIN index and
// sorting them is the cheaper way to the page.
func (s *Store) searchPostgresText(ctx context.Context, q app.OrganizationQuery, words []string, facets *builder, order string) ([]domain.Organization, error) {
	probe := max(s.probeRows, 1)
	b := s.build().add(`SELECT ` + organizationColumns + ` FROM organizations WHERE id IN (SELECT id FROM (SELECT id, name_key, update_time, search FROM organizations WHERE 1 = 1`)
	b.append(facets).add(order+` LIMIT ?) walked WHERE 1 = 1`, probe)
	s.matchWords(b, words)
	b.add(order+` LIMIT ?)`, q.Limit)
	rows, err := s.queryOrganizations(ctx, b.add(order))
	if err != nil || len(rows) >= q.Limit {
		return rows, err
	}
	var candidates int
	c := s.build().add(`SELECT COUNT(*) FROM (SELECT 1 FROM organizations WHERE 1 = 1`).append(facets).add(` LIMIT ?) walked`, probe)
	if err := s.db.QueryRowContext(ctx, c.String(), c.args...).Scan(&candidates); err != nil {
		return nil, fmt.Errorf("count search candidates: %w", err)
	}
	if candidates < probe {
		return rows, nil // the walk saw every candidate
	}
	all := s.build().add(`WITH hits AS MATERIALIZED (SELECT id, name_key, update_time FROM organizations WHERE 1 = 1`)
	s.matchWords(all, words)
	all.append(facets)
	all.add(`) SELECT `+organizationColumns+` FROM organizations WHERE id IN (SELECT id FROM hits`+order+` LIMIT ?)`, q.Limit)
	return s.queryOrganizations(ctx, all.add(order))
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
