package demo

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
	"github.com/un-liaison/liaison/services/accreditation/migrations"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

// registryDemo mirrors the registry's demonstration NGOs' founding dates.
var registryDemo = map[string]string{
	"Sahel Water Alliance": "2009-03", "Andean Women's Leadership Network": "2001", "Mekong Youth for Climate": "2016-09-21",
	"Nordic Digital Rights Forum": "2012", "Kenya Community Health Collective": "2005-06", "Pacific Islands Ocean Guardians": "2014",
	"Geneva Centre for Multilingual Access": "2010", "Swiss Peacebuilding Platform for Civil Society": "2001-11",
	"Balkan Roma Education Initiative": "2008", "Arab Network for Food Security": "2011", "Bangladesh Flood Resilience Trust": "1999",
	"Canadian Coalition for Accessible Cities": "2018",
}

func TestLoadMakesEveryStateAndIsIdempotent(t *testing.T) {
	var orgs []Organization
	for i, name := range Names {
		orgs = append(orgs, Organization{ID: fmt.Sprintf("org_demo%02d", i), Name: name, FoundedOn: registryDemo[name]})
	}
	sqltest.Each(t, sqldb.Options{Service: "accreditation", Migrations: migrations.FS}, func(t *testing.T, open func() *sqldb.DB) {
		ctx := context.Background()
		db := open()
		for range 2 {
			if err := Load(ctx, db, orgs); err != nil {
				t.Fatal(err)
			}
		}
		store := sqlstore.New(db)
		svc := app.New(store, directory{}, clock.NewFixed(time.Date(2028, 9, 1, 12, 0, 0, 0, time.UTC)), app.Options{})
		list, err := svc.ListApplications(ctx, officer, app.ListApplications{PageSize: 100})
		if err != nil {
			t.Fatal(err)
		}
		states := map[domain.State]int{}
		for _, a := range list.Applications {
			states[a.State]++
		}
		for _, s := range domain.AllStates {
			if states[s] == 0 {
				t.Errorf("no application in state %s", s)
			}
		}
		if len(list.Applications) != 13 {
			t.Errorf("%d applications, want 13 (a second load must add none)", len(list.Applications))
		}
		var held []string
		for _, o := range orgs {
			st, err := svc.ConsultativeStatus(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			if st.State == domain.StatusActive {
				held = append(held, string(st.Category))
			}
		}
		sort.Strings(held)
		if fmt.Sprint(held) != "[GENERAL ROSTER SPECIAL]" {
			t.Errorf("active statuses %v", held)
		}
		changes, _ := store.ChangesAfter(ctx, 0, 100)
		if len(changes) != 3 {
			t.Errorf("%d status changes, want 3 grants", len(changes))
		}
		nordic, _ := svc.ListApplications(ctx, officer, app.ListApplications{MinDeferrals: 2})
		if len(nordic.Applications) != 1 || nordic.Applications[0].Questions[1].RepeatsQuestionID == "" {
			t.Errorf("the twice-deferred application with a repeated question: %+v", nordic.Applications)
		}
		pacific, _ := svc.ListApplications(ctx, officer, app.ListApplications{ReviewCycleYear: 2029})
		if len(pacific.Applications) != 1 || pacific.Applications[0].State != domain.StateSubmitted {
			t.Errorf("late submission: %+v", pacific.Applications)
		}
		for _, a := range list.Applications {
			if a.State != domain.StateGranted {
				continue
			}
			events, err := svc.ListEvents(ctx, officer, a.ID, 100, "")
			if err != nil || len(events.Events) < 9 {
				t.Errorf("granted application %s has %d history entries: %v", a.ID, len(events.Events), err)
			}
		}
	})
}

func TestMissingOrganizationsAreSkipped(t *testing.T) {
	db := sqltest.Open(t, sqldb.SQLite, sqldb.Options{Service: "accreditation", Migrations: migrations.FS})
	err := Load(context.Background(), db, []Organization{{ID: "org_k", Name: "Kenya Community Health Collective", FoundedOn: "2005-06"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := Load(context.Background(), db, []Organization{{ID: "x", Name: "y", FoundedOn: "June 2005"}}); err == nil {
		t.Fatal("a malformed founding date was accepted")
	}
}

// TestTheStoryIsConsistent checks that what each NGO applied for matches
// what its history says: the category requested is the plan's, an outcome
// that recommends another category says "rather than" the one requested,
// and a status granted is the category recommended.
func TestTheStoryIsConsistent(t *testing.T) {
	var orgs []Organization
	byID := map[string]plan{}
	for i, name := range Names {
		id := fmt.Sprintf("org_demo%02d", i)
		orgs = append(orgs, Organization{ID: id, Name: name, FoundedOn: registryDemo[name]})
		for _, p := range plans {
			if p.org == name {
				byID[id] = p
			}
		}
	}
	ctx := context.Background()
	db := sqltest.Open(t, sqldb.SQLite, sqldb.Options{Service: "accreditation", Migrations: migrations.FS})
	if err := Load(ctx, db, orgs); err != nil {
		t.Fatal(err)
	}
	svc := app.New(sqlstore.New(db), directory{}, clock.NewFixed(time.Date(2028, 9, 1, 12, 0, 0, 0, time.UTC)), app.Options{})
	list, err := svc.ListApplications(ctx, officer, app.ListApplications{PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list.Applications {
		p := byID[a.OrganizationID]
		if a.RequestedCategory != p.category {
			t.Errorf("%s applied for %s, its plan says %s", p.org, a.RequestedCategory, p.category)
		}
		events, err := svc.ListEvents(ctx, officer, a.ID, 100, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events.Events {
			if i := strings.Index(e.Note, "rather than "); i >= 0 && !strings.HasPrefix(strings.ToUpper(e.Note[i+len("rather than "):]), string(a.RequestedCategory)) {
				t.Errorf("%s applied for %s but its history says %q", p.org, a.RequestedCategory, e.Note)
			}
			if e.Action == domain.ActionRecordOutcome && a.RecommendedCategory.Valid() && a.RecommendedCategory != a.RequestedCategory && !strings.Contains(e.Note, "rather than") {
				t.Errorf("%s was recommended %s, not the %s it asked for, and its history does not say so: %q", p.org, a.RecommendedCategory, a.RequestedCategory, e.Note)
			}
		}
		if a.State == domain.StateGranted {
			st, err := svc.ConsultativeStatus(ctx, a.OrganizationID)
			if err != nil {
				t.Fatal(err)
			}
			if st.Category != a.RecommendedCategory || st.DecisionRef == "" {
				t.Errorf("%s holds %s status (%s), recommended %s", p.org, st.Category, st.DecisionRef, a.RecommendedCategory)
			}
		}
	}
}
