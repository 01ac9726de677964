package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// 30 concurrent creates by one ngo user made 10 organizations: the check before the insert
// cannot see a racing transaction's row, the creators table's key can.
func TestRacingCreatesByOneCreatorMakeOneOrganization(t *testing.T) {
	t.Parallel()
	for _, d := range []sqldb.Dialect{sqldb.SQLite, sqldb.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			s := openStore(d)(t)
			var wg sync.WaitGroup
			var mu sync.Mutex
			made, denied := 0, 0
			for i := range 30 {
				wg.Go(func() {
					o := org(fmt.Sprintf("org_race_%02d", i), fmt.Sprintf("Racing Network %d", i), "KE")
					o.CreatedBy = "racer"
					_, err := s.CreateOrganization(context.Background(), o, app.CreateOrganizationOptions{OnePerCreator: true})
					var no *domain.DeniedError
					mu.Lock()
					defer mu.Unlock()
					switch {
					case err == nil:
						made++
					case errors.As(err, &no):
						denied++
					default:
						t.Errorf("create %d: %v", i, err)
					}
				})
			}
			wg.Wait()
			if made != 1 || denied != 29 {
				t.Fatalf("30 racing creates by one creator: %d made, %d denied; want 1 and 29", made, denied)
			}
		})
	}
}

// Look-alike spellings of a stored name are duplicates, on both databases.
func TestLookAlikeNameIsADuplicate(t *testing.T) {
	t.Parallel()
	for _, d := range []sqldb.Dialect{sqldb.SQLite, sqldb.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			s := openStore(d)(t)
			mustCreate(t, s, org("org_swa", "Sahel Water Alliance", "SN"))
			_, err := s.CreateOrganization(context.Background(), org("org_spoof", "S\u0430hel Water Alliance", "SN"),
				app.CreateOrganizationOptions{RejectDuplicates: true})
			var dup *domain.DuplicateError
			if !errors.As(err, &dup) || dup.ExistingID != "org_swa" {
				t.Fatalf("a Cyrillic look-alike of a stored name: %v, want a duplicate of org_swa", err)
			}
		})
	}
}
