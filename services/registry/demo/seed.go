package demo

import (
	"context"
	"fmt"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/registry/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/registry/internal/synthetic"
)

// seedBatch is how many organizations one transaction loads.
const seedBatch = 10_000

// Seed adds n synthetic organizations to the registry's database, for benchmarks and load tests
// (`liaison seed --organizations 100000`). The directory is the same on every run, but each run
// adds n more: seed an empty database.
func Seed(ctx context.Context, db *sqldb.DB, clk clock.Clock, n int) error {
	store := sqlstore.New(db)
	orgs := synthetic.Organizations(1, n, clk.Now())
	for start := 0; start < len(orgs); start += seedBatch {
		if err := store.InsertOrganizations(ctx, orgs[start:min(start+seedBatch, len(orgs))]); err != nil {
			return fmt.Errorf("seed organizations %d-%d: %w", start, min(start+seedBatch, len(orgs)), err)
		}
	}
	return nil
}
