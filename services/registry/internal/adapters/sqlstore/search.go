package sqlstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// defaultRareTerm is how many rows of a term count as rare. Counting stops there, so asking
// costs at most that many index entries. Sorting by update time, the matches of a rare term are
// collected and sorted; a common one walks the update-time index instead, testing each row.
const defaultRareTerm = 2000

// enoughToDrive is where counting stops when only the rarest of a search's words is wanted, to
// walk its rows: a word with that many rows is common enough that the walk fills a page soon
// whichever is taken.
const enoughToDrive = 200

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
	terms := searchTerms(q.Text)
	if len(terms) > 0 && q.Order != app.ByUpdateTimeDesc {
		return s.searchTermsByName(ctx, q, terms)
	}

	where, index, order := s.build().append(facets), "organizations_by_name", ` ORDER BY name_key, id`
	switch q.Order {
	case app.ByUpdateTimeDesc:
		if q.After != nil {
			where.add(` AND (update_time, id) < (?, ?)`, q.After.UpdateMicros, q.After.ID)
		}
		index, order = "organizations_by_update", ` ORDER BY update_time DESC, id DESC`
	default:
		if q.After != nil {
			where.add(` AND (name_key, id) > (?, ?)`, q.After.NameKey, q.After.ID)
		}
	}
	from := `organizations`
	if len(terms) > 0 {
		counts, err := s.countTerms(ctx, terms, s.rareTerm)
		if err != nil {
			return nil, err
		}
		if rarest := slices.Min(counts); rarest < s.rareTerm {
			// Few matches: collect them through the rarest term and sort them.
			i := slices.Index(counts, rarest)
			where.add(` AND id IN (SELECT id FROM organization_terms WHERE term = ?)`, terms[i])
			terms = slices.Delete(slices.Clone(terms), i, i+1)
		} else if s.dialect == sqldb.SQLite {
			// Many: walk the rows in page order, testing each, until the page is full.
			from += ` INDEXED BY ` + index
		}
		for _, t := range terms {
			where.add(` AND (SELECT true FROM organization_terms t WHERE t.term = ? AND t.name_key = organizations.name_key AND t.id = organizations.id)`, t)
		}
	}
	b := s.build().add(`SELECT ` + organizationColumns + ` FROM organizations WHERE id IN (SELECT id FROM ` + from + ` WHERE 1 = 1`)
	b.append(where).add(order+` LIMIT ?)`, q.Limit)
	return s.queryOrganizations(ctx, b.add(order))
}

// searchTermsByName walks the rows of the search's rarest term in name order (the table's key;
// within the country, when the search names one), keeping those that have every other term and
// pass the facets, until the page is full. The facets but the status are tested on the term's
// row itself.
//
// The tests are scalar subqueries rather than EXISTS on purpose: PostgreSQL turns an EXISTS into
// a join, estimates correlated words ("meeting records") by multiplying their frequencies, takes
// them for rare, and joins and sorts every match (82 ms for three words at 20,000 organizations)
// instead of walking; a scalar subquery stays a test of each walked row, on both databases.
func (s *Store) searchTermsByName(ctx context.Context, q app.OrganizationQuery, terms []string) ([]domain.Organization, error) {
	drive := terms[0]
	var others []string
	if len(terms) > 1 {
		counts, err := s.countTerms(ctx, terms, enoughToDrive)
		if err != nil {
			return nil, err
		}
		i := slices.Index(counts, slices.Min(counts))
		drive, others = terms[i], slices.Delete(slices.Clone(terms), i, i+1)
	}
	b := s.build().add(`SELECT `+organizationColumns+` FROM organizations WHERE id IN (SELECT d.id FROM organization_terms d WHERE d.term = ?`, drive)
	if q.Country != "" {
		b.add(` AND d.country = ?`, q.Country)
	}
	if q.StakeholderGroup != domain.StakeholderUnspecified {
		b.add(` AND d.stakeholder_group = ?`, int(q.StakeholderGroup))
	}
	if len(q.SDGs) > 0 {
		b.add(` AND (d.sdg_mask & ?) <> 0`, domain.SDGMask(q.SDGs))
	}
	if q.After != nil {
		b.add(` AND (d.name_key, d.id) > (?, ?)`, q.After.NameKey, q.After.ID)
	}
	for _, t := range others {
		b.add(` AND (SELECT true FROM organization_terms t WHERE t.term = ? AND t.name_key = d.name_key AND t.id = d.id)`, t)
	}
	if q.StatusCategory != domain.CategoryUnspecified {
		b.add(` AND (SELECT true FROM organizations WHERE organizations.id = d.id AND search_category = ?)`, int(q.StatusCategory))
	}
	b.add(` ORDER BY d.name_key, d.id LIMIT ?) ORDER BY name_key, id`, q.Limit)
	return s.queryOrganizations(ctx, b)
}

// countTerms counts each term's rows, up to limit.
func (s *Store) countTerms(ctx context.Context, terms []string, limit int) ([]int, error) {
	b := s.build().add(`SELECT `)
	for i, t := range terms {
		if i > 0 {
			b.add(", ")
		}
		b.add(`(SELECT COUNT(*) FROM (SELECT 1 FROM organization_terms WHERE term = ? LIMIT ?) c)`, t, limit)
	}
	counts := make([]int, len(terms))
	dest := make([]any, len(terms))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if err := s.db.QueryRowContext(ctx, b.String(), b.args...).Scan(dest...); err != nil {
		return nil, fmt.Errorf("count search terms: %w", err)
	}
	return counts, nil
}
