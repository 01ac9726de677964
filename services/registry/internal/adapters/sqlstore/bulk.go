package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/un-liaison/liaison/platform/sqldb"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// bulkRows is how many organizations one INSERT carries: large enough to make loading 100,000
// quick, small enough to stay under either database's limit on statement parameters.
const bulkRows = 500

// InsertOrganizations stores many profiles in one transaction, without duplicate checks or request
// log: it exists to load synthetic directories for benchmarks, not for callers of the API.
func (s *Store) InsertOrganizations(ctx context.Context, orgs []domain.Organization) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(orgs); start += bulkRows {
			batch := orgs[start:min(start+bulkRows, len(orgs))]
			b := s.build().add(`INSERT INTO organizations (id, name, name_key, name_skeleton, acronym, description, country,
				stakeholder_group, sdg_mask, status_category, status_state, search_category, profile, created_by, revision,
				create_time, update_time) VALUES `)
			for i, o := range batch {
				doc, err := profileOf(o)
				if err != nil {
					return err
				}
				if i > 0 {
					b.add(", ")
				}
				b.add(`(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					o.ID, o.Name, o.NormalizedName(), o.NameSkeleton(), o.Acronym, o.Description, o.Country, int(o.StakeholderGroup), domain.SDGMask(o.SDGs),
					int(o.Status.Category), int(o.Status.State), int(o.Status.SearchCategory()), doc, o.CreatedBy, o.Revision,
					micros(o.CreateTime), micros(o.UpdateTime))
			}
			if _, err := tx.ExecContext(ctx, b.String(), b.args...); err != nil {
				return fmt.Errorf("bulk insert organizations: %w", err)
			}
			var terms []termRow
			for _, o := range batch {
				terms = append(terms, termsOf(o)...)
			}
			if err := s.insertTerms(ctx, tx, terms); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Fresh statistics let the planner pick the right index for each search right away. On
	// PostgreSQL the tables are vacuumed too, as autovacuum would soon do after a load this size:
	// until then every index-only scan of the search terms also reads the table.
	analyze := `ANALYZE `
	if s.dialect == sqldb.Postgres {
		analyze = `VACUUM (ANALYZE) `
	}
	for _, table := range []string{"organizations", "organization_terms"} {
		if _, err := s.db.ExecContext(ctx, analyze+table); err != nil {
			return fmt.Errorf("analyze %s: %w", table, err)
		}
	}
	return nil
}
