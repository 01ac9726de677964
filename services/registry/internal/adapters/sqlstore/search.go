package sqlstore

import (
	"context"
	"strings"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// SearchOrganizations answers one page of a directory search with keyset paging: the page starts
// strictly after the cursor in the requested order, so its cost does not grow with its position and
// rows inserted meanwhile neither repeat nor push others out.
func (s *Store) SearchOrganizations(ctx context.Context, q app.OrganizationQuery) ([]domain.Organization, error) {
	b := s.build().add(`SELECT ` + organizationColumns + ` FROM organizations WHERE 1 = 1`)
	if words := app.SearchWords(q.Text); len(words) > 0 {
		s.matchWords(b, words)
	}
	if q.Country != "" {
		b.add(` AND country = ?`, q.Country)
	}
	if q.StakeholderGroup != domain.StakeholderUnspecified {
		b.add(` AND stakeholder_group = ?`, int(q.StakeholderGroup))
	}
	if len(q.SDGs) > 0 {
		b.add(` AND (sdg_mask & ?) <> 0`, domain.SDGMask(q.SDGs))
	}
	if q.StatusCategory != domain.CategoryUnspecified {
		b.add(` AND search_category = ?`, int(q.StatusCategory))
	}
	switch q.Order {
	case app.ByUpdateTimeDesc:
		if q.After != nil {
			b.add(` AND (update_time, id) < (?, ?)`, q.After.UpdateMicros, q.After.ID)
		}
		b.add(` ORDER BY update_time DESC, id DESC`)
	default:
		if q.After != nil {
			b.add(` AND (name_key, id) > (?, ?)`, q.After.NameKey, q.After.ID)
		}
		b.add(` ORDER BY name_key, id`)
	}
	b.add(` LIMIT ?`, q.Limit)
	return s.queryOrganizations(ctx, b)
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
