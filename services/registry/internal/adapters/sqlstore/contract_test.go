package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// The contract suite: every promise the storage ports make, run against each database.

var t0 = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func org(id, name, country string, sdgs ...int) domain.Organization {
	return domain.Organization{
		ID: id, Name: name, StakeholderGroup: domain.StakeholderNGO, Country: country, SDGs: sdgs,
		Status: domain.NoStatus, Revision: 1, CreateTime: t0, UpdateTime: t0,
	}
}

func mustCreate(t *testing.T, s *Store, o domain.Organization) domain.Organization {
	t.Helper()
	got, err := s.CreateOrganization(context.Background(), o, app.CreateOrganizationOptions{RejectDuplicates: true})
	if err != nil {
		t.Fatalf("create %s: %v", o.Name, err)
	}
	return got
}

func contract(t *testing.T, open func(t *testing.T) *Store) {
	ctx := context.Background()

	t.Run("organization-round-trips-every-field", func(t *testing.T) {
		s := open(t)
		o := org("org_full", "United Nations Office at Geneva", "CH", 16, 17)
		o.Acronym, o.Description = "UNOG", "Housed at the Palais des Nations"
		o.StakeholderGroup = domain.StakeholderInternationalOrganization
		o.Address = domain.Address{Street: "Palais des Nations", City: "Geneva", PostalCode: "1211", Country: "CH"}
		o.Website, o.Email = "https://www.ungeneva.org", "info@ungeneva.org"
		o.FoundedOn = domain.Date{Year: 1946}
		o.Languages = []string{"en", "fr"}
		o.SocialMedia = []domain.SocialMediaAccount{{Platform: "Instagram", Handle: "@ungeneva"}}
		o.PolicyIssues = []string{"multilingualism"}
		o.CreatedBy = "officer-1"
		mustCreate(t, s, o)
		got, err := s.GetOrganization(ctx, "org_full")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, o) {
			t.Fatalf("round trip changed the profile:\n got %+v\nwant %+v", got, o)
		}
	})

	t.Run("missing-organization-is-not-found", func(t *testing.T) {
		s := open(t)
		if _, err := s.GetOrganization(ctx, "org_nope"); !app.IsNotFound(err) {
			t.Fatalf("got %v", err)
		}
		if _, err := s.UpdateOrganization(ctx, "org_nope", func(*domain.Organization) error { return nil }); !app.IsNotFound(err) {
			t.Fatalf("update: got %v", err)
		}
	})

	t.Run("likely-duplicate-refused-with-existing-id", func(t *testing.T) {
		s := open(t)
		mustCreate(t, s, org("org_a", "The Geneva Water Forum", "CH"))
		_, err := s.CreateOrganization(ctx, org("org_b", "geneva water-forum", "CH"), app.CreateOrganizationOptions{RejectDuplicates: true})
		var dup *domain.DuplicateError
		if !errors.As(err, &dup) || dup.ExistingID != "org_a" {
			t.Fatalf("want duplicate of org_a, got %v", err)
		}
		if _, err := s.CreateOrganization(ctx, org("org_c", "Geneva Water Forum", "CH"), app.CreateOrganizationOptions{}); err != nil {
			t.Fatalf("allowed duplicate: %v", err)
		}
		mustCreate(t, s, org("org_d", "Geneva Water Forum", "FR"))
	})

	t.Run("request-id-replays-first-answer", func(t *testing.T) {
		s := open(t)
		key := app.RequestKey{Caller: "officer-1", Method: app.MethodCreateOrganization, RequestID: "r-1"}
		first, err := s.CreateOrganization(ctx, org("org_1", "Retry Org", "CH"), app.CreateOrganizationOptions{RejectDuplicates: true, Request: key})
		if err != nil {
			t.Fatal(err)
		}
		again, err := s.CreateOrganization(ctx, org("org_2", "Retry Org", "CH"), app.CreateOrganizationOptions{RejectDuplicates: true, Request: key})
		if err != nil || again.ID != first.ID {
			t.Fatalf("want %s again, got %s %v", first.ID, again.ID, err)
		}
		var looked domain.Organization
		if found, err := s.LookupRequest(ctx, key, &looked); err != nil || !found || looked.ID != "org_1" {
			t.Fatalf("lookup: %v %v %v", found, looked.ID, err)
		}
		other := key
		other.Caller = "officer-2"
		if found, _ := s.LookupRequest(ctx, other, &looked); found {
			t.Fatal("a request id is scoped to its caller")
		}
	})

	t.Run("concurrent-retries-create-one", func(t *testing.T) {
		s := open(t)
		key := app.RequestKey{Caller: "officer-1", Method: app.MethodCreateOrganization, RequestID: "race"}
		var wg sync.WaitGroup
		ids := make([]string, 8)
		errs := make([]error, 8)
		for i := range 8 {
			wg.Go(func() {
				o, err := s.CreateOrganization(ctx, org(fmt.Sprintf("org_r%d", i), "Race Org", "CH"), app.CreateOrganizationOptions{RejectDuplicates: true, Request: key})
				ids[i], errs[i] = o.ID, err
			})
		}
		wg.Wait()
		for i := range 8 {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Fatalf("retry %d: %s %v (first %s)", i, ids[i], errs[i], ids[0])
			}
		}
		rows, _ := s.SearchOrganizations(ctx, app.OrganizationQuery{Limit: 100})
		if len(rows) != 1 {
			t.Fatalf("want one organization, have %d", len(rows))
		}
	})

	t.Run("update-writes-and-bumps-revision", func(t *testing.T) {
		s := open(t)
		mustCreate(t, s, org("org_u", "Update Org", "CH", 1))
		later := t0.Add(time.Hour)
		got, err := s.UpdateOrganization(ctx, "org_u", func(o *domain.Organization) error {
			o.Name, o.SDGs, o.Website, o.Revision, o.UpdateTime = "Updated Org", []int{4, 5}, "https://u.example.org", o.Revision+1, later
			return nil
		})
		if err != nil || got.Revision != 2 {
			t.Fatalf("%+v %v", got, err)
		}
		read, _ := s.GetOrganization(ctx, "org_u")
		if !reflect.DeepEqual(read, got) {
			t.Fatalf("read back differs:\n%+v\n%+v", read, got)
		}
		rows, _ := s.SearchOrganizations(ctx, app.OrganizationQuery{Text: "updated", SDGs: []int{5}, Limit: 10})
		if len(rows) != 1 {
			t.Fatal("search must see the new name and goals")
		}
		boom := errors.New("refused")
		if _, err := s.UpdateOrganization(ctx, "org_u", func(o *domain.Organization) error { o.Name = "X"; return boom }); !errors.Is(err, boom) {
			t.Fatalf("got %v", err)
		}
		if read, _ := s.GetOrganization(ctx, "org_u"); read.Name != "Updated Org" {
			t.Fatal("a refused change must write nothing")
		}
	})

	// Both full-text plans for the update-time order (collect a rare term's matches and sort them,
	// or walk the order index testing each row) must give the same answers.
	for _, plan := range []struct {
		name string
		rare int
	}{{"collect-matches", 1_000_000}, {"walk-order-index", 1}} {
		t.Run("search-matches-stems-in-any-order/"+plan.name, func(t *testing.T) {
			s := open(t)
			s.rareTerm = plan.rare
			o := org("org_m", "Open Records Watch", "CH", 16)
			o.Description = "Monitors multilingual access to public meeting records"
			mustCreate(t, s, o)
			u := org("org_g", "United Nations Office at Geneva", "CH", 16, 17)
			u.Acronym = "UNOG"
			mustCreate(t, s, u)
			mustCreate(t, s, org("org_x", "Unrelated Org", "FR", 3))
			for q, want := range map[string]int{
				"multilingual meeting records": 1, "record meetings": 1, "Geneva": 1, "unog": 1,
				"MONITOR": 1, "records geneva": 0, "nothing-like-this": 0, "org": 1, "": 3, "***": 3,
			} {
				rows, err := s.SearchOrganizations(ctx, app.OrganizationQuery{Text: q, Limit: 10})
				if err != nil || len(rows) != want {
					t.Errorf("query %q: want %d, got %d (%v)", q, want, len(rows), err)
				}
			}
			for _, order := range []app.OrganizationOrder{app.ByName, app.ByUpdateTimeDesc} {
				rows, err := s.SearchOrganizations(ctx, app.OrganizationQuery{Text: "records", Country: "CH", SDGs: []int{16}, Order: order, Limit: 10})
				if err != nil || len(rows) != 1 || rows[0].ID != "org_m" {
					t.Errorf("text with facets, order %d: %v %v", order, rows, err)
				}
			}
		})
	}

	// Paging through full-text results gives every match once, in order, whichever way each page
	// was found.
	for _, rare := range []int{1, 3, 1_000_000} {
		t.Run(fmt.Sprintf("search-pages-through-matches/rare-%d", rare), func(t *testing.T) {
			s := open(t)
			s.rareTerm = rare
			var want []string
			for i, name := range []string{"Alpha Water", "Beta Water", "Gamma Dry", "Delta Water", "Epsilon Dry", "Zeta Water", "Eta Water"} {
				o := mustCreate(t, s, org(fmt.Sprintf("org_%d", i), name, "KE", 6))
				if strings.HasSuffix(name, "Water") {
					want = append(want, o.ID)
				}
			}
			slices.SortFunc(want, func(a, b string) int {
				x, _ := s.GetOrganization(ctx, a)
				y, _ := s.GetOrganization(ctx, b)
				return strings.Compare(x.NormalizedName(), y.NormalizedName())
			})
			var got []string
			var after *app.OrganizationCursor
			for range 10 {
				rows, err := s.SearchOrganizations(ctx, app.OrganizationQuery{Text: "water", After: after, Limit: 2})
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range rows {
					got = append(got, r.ID)
				}
				if len(rows) < 2 {
					break
				}
				c := app.CursorOf(rows[len(rows)-1])
				after = &c
			}
			if !slices.Equal(got, want) {
				t.Fatalf("pages gave %v, want %v", got, want)
			}
		})
	}

	// Profiles stored before the term index existed are found once the registry has started, and a
	// changed name or description is found by its new words only.
	t.Run("search-terms-are-filled-and-follow-changes", func(t *testing.T) {
		s := open(t)
		mustCreate(t, s, org("org_a", "Sahel Water Alliance", "NE", 6))
		mustCreate(t, s, org("org_b", "Andean Health Network", "PE", 3))
		if _, err := s.db.ExecContext(ctx, `DELETE FROM organization_terms`); err != nil {
			t.Fatal(err)
		}
		if err := s.FillSearchTerms(ctx); err != nil {
			t.Fatal(err)
		}
		if rows, err := s.SearchOrganizations(ctx, app.OrganizationQuery{Text: "networks", Limit: 10}); err != nil || len(rows) != 1 || rows[0].ID != "org_b" {
			t.Fatalf("after filling: %v %v", rows, err)
		}
		if _, err := s.UpdateOrganization(ctx, "org_b", func(o *domain.Organization) error { o.Name = "Andean Clinics Société"; return nil }); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]int{"network": 0, "clinic": 1, "societe": 1, "andean": 1} {
			if rows, err := s.SearchOrganizations(ctx, app.OrganizationQuery{Text: q, Limit: 10}); err != nil || len(rows) != want {
				t.Errorf("after the rename, %q: want %d, got %d (%v)", q, want, len(rows), err)
			}
		}
	})

	t.Run("facets-combine", func(t *testing.T) {
		s := open(t)
		a := mustCreate(t, s, org("org_1", "Alpha", "CH", 16))
		mustCreate(t, s, org("org_2", "Beta", "CH", 5))
		mustCreate(t, s, org("org_3", "Gamma", "FR", 16))
		d := org("org_4", "Delta", "CH", 16, 5)
		d.StakeholderGroup = domain.StakeholderAcademia
		d.Status = domain.ConsultativeStatus{Category: domain.CategorySpecial, State: domain.StatusActive}
		mustCreate(t, s, d)
		w := org("org_5", "Epsilon", "CH", 16)
		w.Status = domain.ConsultativeStatus{Category: domain.CategorySpecial, State: domain.StatusWithdrawn}
		mustCreate(t, s, w)
		cases := []struct {
			q    app.OrganizationQuery
			want []string
		}{
			{app.OrganizationQuery{Country: "CH", SDGs: []int{16}}, []string{"org_1", "org_4", "org_5"}},
			{app.OrganizationQuery{SDGs: []int{5, 3}}, []string{"org_2", "org_4"}},
			{app.OrganizationQuery{StakeholderGroup: domain.StakeholderAcademia}, []string{"org_4"}},
			{app.OrganizationQuery{StatusCategory: domain.CategorySpecial}, []string{"org_4"}},
			{app.OrganizationQuery{Country: "FR", SDGs: []int{5}}, nil},
		}
		for _, c := range cases {
			c.q.Limit = 50
			rows, err := s.SearchOrganizations(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, o := range rows {
				ids = append(ids, o.ID)
			}
			if !reflect.DeepEqual(ids, c.want) {
				t.Errorf("%+v: got %v want %v", c.q, ids, c.want)
			}
		}
		_ = a
	})

	t.Run("keyset-pages-return-each-row-once-despite-inserts", func(t *testing.T) {
		s := open(t)
		for i := range 120 {
			o := org(fmt.Sprintf("org_%03d", i), fmt.Sprintf("Network %03d", (i*37)%120), "CH", 16)
			o.Description = "meeting records"
			o.UpdateTime = t0.Add(time.Duration(i%7) * time.Minute)
			mustCreate(t, s, o)
		}
		for _, order := range []app.OrganizationOrder{app.ByName, app.ByUpdateTimeDesc} {
			seen := map[string]bool{}
			var after *app.OrganizationCursor
			for page := 0; ; page++ {
				rows, err := s.SearchOrganizations(ctx, app.OrganizationQuery{Text: "records", Country: "CH", Order: order, After: after, Limit: 25})
				if err != nil {
					t.Fatal(err)
				}
				for _, o := range rows {
					if seen[o.ID] {
						t.Fatalf("order %d: %s twice", order, o.ID)
					}
					seen[o.ID] = true
				}
				if page == 1 {
					// A row that sorts before the cursor must not shift later pages.
					o := org(fmt.Sprintf("org_new%d", order), fmt.Sprintf("Aaa Early %d", order), "CH", 16)
					o.Description = "records"
					o.UpdateTime = t0.Add(-time.Hour)
					mustCreate(t, s, o)
				}
				if len(rows) < 25 {
					break
				}
				c := app.CursorOf(rows[len(rows)-1])
				after = &c
			}
			if len(seen) < 120 {
				t.Fatalf("order %d: saw %d of 120", order, len(seen))
			}
		}
	})

	t.Run("batch-get-and-created-by", func(t *testing.T) {
		s := open(t)
		o := org("org_1", "One", "CH")
		o.CreatedBy = "ngo-user"
		mustCreate(t, s, o)
		mustCreate(t, s, org("org_2", "Two", "CH"))
		rows, err := s.BatchGetOrganizations(ctx, []string{"org_1", "org_2", "org_3"})
		if err != nil || len(rows) != 2 {
			t.Fatalf("%v %v", rows, err)
		}
		if id, found, err := s.OrganizationCreatedBy(ctx, "ngo-user"); err != nil || !found || id != "org_1" {
			t.Fatalf("%v %v %v", id, found, err)
		}
		if _, found, _ := s.OrganizationCreatedBy(ctx, "someone"); found {
			t.Fatal("nobody else created one")
		}
	})

	t.Run("committee-members-in-joining-order", func(t *testing.T) {
		s := open(t)
		mustCreate(t, s, org("org_1", "One", "KE"))
		mustCreate(t, s, org("org_2", "Two", "KE"))
		c := domain.NgoCommittee{ID: "com_1", Name: "NGO Committee for Africa", Kind: domain.CommitteeRegional, Region: "Africa", Revision: 1, CreateTime: t0, UpdateTime: t0}
		if _, err := s.CreateCommittee(ctx, c, app.RequestKey{Caller: "o", Method: app.MethodCreateCommittee, RequestID: "c"}); err != nil {
			t.Fatal(err)
		}
		add := func(id string) {
			if _, err := s.UpdateCommittee(ctx, "com_1", func(c *domain.NgoCommittee) (bool, error) {
				c.Revision++
				return c.AddMember(id, t0), nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		add("org_2")
		add("org_1")
		got, err := s.GetCommittee(ctx, "com_1")
		if err != nil || !reflect.DeepEqual(got.Members, []string{"org_2", "org_1"}) || got.Revision != 3 {
			t.Fatalf("%+v %v", got, err)
		}
		t2 := domain.NgoCommittee{ID: "com_2", Name: "NGO Committee on Ageing", Kind: domain.CommitteeThematic, Theme: "Ageing", Revision: 1, CreateTime: t0, UpdateTime: t0}
		if _, err := s.CreateCommittee(ctx, t2, app.RequestKey{}); err != nil {
			t.Fatal(err)
		}
		all, _ := s.ListCommittees(ctx, app.CommitteeQuery{Limit: 10})
		if len(all) != 2 || all[0].ID != "com_1" {
			t.Fatalf("by name: %+v", all)
		}
		mine, _ := s.ListCommittees(ctx, app.CommitteeQuery{MemberOrgID: "org_1", Limit: 10})
		if len(mine) != 1 || len(mine[0].Members) != 2 {
			t.Fatalf("by member: %+v", mine)
		}
		thematic, _ := s.ListCommittees(ctx, app.CommitteeQuery{Kind: domain.CommitteeThematic, Limit: 10})
		if len(thematic) != 1 || thematic[0].ID != "com_2" {
			t.Fatalf("by kind: %+v", thematic)
		}
		next, _ := s.ListCommittees(ctx, app.CommitteeQuery{After: &app.NameCursor{Key: app.CommitteeNameKey(c.Name), ID: "com_1"}, Limit: 10})
		if len(next) != 1 || next[0].ID != "com_2" {
			t.Fatalf("after cursor: %+v", next)
		}
		if _, err := s.GetCommittee(ctx, "com_x"); !app.IsNotFound(err) {
			t.Fatalf("missing: %v", err)
		}
	})

	t.Run("focal-points-by-entity-then-name", func(t *testing.T) {
		s := open(t)
		for i, f := range []domain.FocalPoint{
			{UNEntity: "UNICEF", Name: "Zoe", Email: "z@unicef.org", Topics: []string{"child protection"}},
			{UNEntity: "UNDP", Name: "Yann", Email: "y@undp.org"},
			{UNEntity: "unicef", Name: "Ada", Email: "a@unicef.org", Phone: "+1 212 326 7000"},
		} {
			f.ID, f.Revision, f.CreateTime, f.UpdateTime = fmt.Sprintf("fp_%d", i), 1, t0, t0
			if _, err := s.CreateFocalPoint(ctx, f, app.RequestKey{}); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := s.ListFocalPoints(ctx, app.FocalPointQuery{Limit: 10})
		if err != nil || len(rows) != 3 || rows[0].Name != "Yann" || rows[1].Name != "Ada" || rows[2].Topics[0] != "child protection" {
			t.Fatalf("%+v %v", rows, err)
		}
		rows, _ = s.ListFocalPoints(ctx, app.FocalPointQuery{UNEntity: "unicef", After: &app.FocalPointCursor{Entity: "unicef", Name: "Ada", ID: "fp_2"}, Limit: 10})
		if len(rows) != 1 || rows[0].Name != "Zoe" {
			t.Fatalf("%+v", rows)
		}
	})

	t.Run("partnerships-most-recent-first", func(t *testing.T) {
		s := open(t)
		mustCreate(t, s, org("org_1", "One", "SN"))
		for i, start := range []domain.Date{{Year: 2023, Month: 1, Day: 1}, {Year: 2025, Month: 6, Day: 1}, {Year: 2024, Month: 3, Day: 15}} {
			p := domain.Partnership{ID: fmt.Sprintf("par_%d", i), OrganizationID: "org_1", UNEntity: "UNDP", Title: "Water", SDGs: []int{6}, StartDate: start, Revision: 1, CreateTime: t0, UpdateTime: t0}
			if i == 0 {
				p.EndDate = domain.Date{Year: 2023, Month: 12, Day: 31}
			}
			if _, err := s.CreatePartnership(ctx, p, app.RequestKey{}); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := s.ListPartnerships(ctx, app.PartnershipQuery{OrganizationID: "org_1", UNEntity: "undp", Limit: 2})
		if err != nil || len(rows) != 2 || rows[0].ID != "par_1" || rows[1].ID != "par_2" {
			t.Fatalf("%+v %v", rows, err)
		}
		rest, _ := s.ListPartnerships(ctx, app.PartnershipQuery{After: &app.PartnershipCursor{Start: 20240315, ID: "par_2"}, Limit: 5})
		if len(rest) != 1 || rest[0].EndDate != (domain.Date{Year: 2023, Month: 12, Day: 31}) || !reflect.DeepEqual(rest[0].SDGs, []int{6}) {
			t.Fatalf("%+v", rest)
		}
	})
}
