package demo

import (
	"context"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/setup"
	"github.com/un-liaison/liaison/services/registry/migrations"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

func TestLoadTwiceDuplicatesNothingAndIsSearchable(t *testing.T) {
	clk := clock.NewFixed(time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC))
	sqltest.Each(t, sqldb.Options{Service: "registry", Migrations: migrations.FS}, func(t *testing.T, open func() *sqldb.DB) {
		ctx := context.Background()
		db := open()
		for range 2 {
			if err := Load(ctx, db, clk); err != nil {
				t.Fatal(err)
			}
		}
		a := setup.App(setup.Parts{DB: db, Clock: clk})
		count := func(q app.OrganizationQuery) []string {
			rows, _, err := a.ListOrganizations(ctx, app.ListOrganizationsRequest{Query: q, PageSize: 100})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, o := range rows {
				names = append(names, o.Name)
			}
			return names
		}
		if all := count(app.OrganizationQuery{}); len(all) != 2+len(ngos) {
			t.Fatalf("want %d organizations, have %d: %v", 2+len(ngos), len(all), all)
		}
		if got := count(app.OrganizationQuery{Text: "Geneva", StakeholderGroup: 2}); len(got) != 1 || got[0] != "United Nations Office at Geneva" {
			t.Fatalf("Geneva: %v", got)
		}
		if got := count(app.OrganizationQuery{Text: "multilingual meeting records"}); len(got) != 1 || got[0] != "Geneva Centre for Multilingual Access" {
			t.Fatalf("description words: %v", got)
		}
		if got := count(app.OrganizationQuery{Text: "SDG mapping"}); len(got) != 1 {
			t.Fatalf("SDG mapping: %v", got)
		}
		if got := count(app.OrganizationQuery{Country: "CH", SDGs: []int{16}}); len(got) != 3 {
			t.Fatalf("CH and SDG 16: %v", got)
		}
		committees, _, _ := a.ListCommittees(ctx, app.ListCommitteesRequest{PageSize: 100})
		fps, _, _ := a.ListFocalPoints(ctx, app.ListFocalPointsRequest{PageSize: 100})
		parts, _, _ := a.ListPartnerships(ctx, app.ListPartnershipsRequest{PageSize: 100})
		if len(committees) != 10 || len(fps) != 6 || len(parts) != 4 {
			t.Fatalf("committees %d, focal points %d, partnerships %d", len(committees), len(fps), len(parts))
		}
		for _, c := range committees {
			if want := len(memberships[c.Name]); len(c.Members) != want {
				t.Fatalf("%s has %d members, want %d", c.Name, len(c.Members), want)
			}
		}
	})
}

func TestSeedAddsSearchableOrganizations(t *testing.T) {
	clk := clock.NewFixed(time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC))
	sqltest.Each(t, sqldb.Options{Service: "registry", Migrations: migrations.FS}, func(t *testing.T, open func() *sqldb.DB) {
		ctx := context.Background()
		db := open()
		if err := Seed(ctx, db, clk, 1200); err != nil {
			t.Fatal(err)
		}
		a := setup.App(setup.Parts{DB: db, Clock: clk})
		seen, token := 0, ""
		for {
			rows, next, err := a.ListOrganizations(ctx, app.ListOrganizationsRequest{PageSize: 500, PageToken: token})
			if err != nil {
				t.Fatal(err)
			}
			seen += len(rows)
			if next == "" {
				break
			}
			token = next
		}
		if seen != 1200 {
			t.Fatalf("paged through %d of 1200", seen)
		}
		rows, _, err := a.ListOrganizations(ctx, app.ListOrganizationsRequest{Query: app.OrganizationQuery{Text: "health"}, PageSize: 10})
		if err != nil || len(rows) == 0 {
			t.Fatalf("full text over seeded rows: %d %v", len(rows), err)
		}
	})
}
