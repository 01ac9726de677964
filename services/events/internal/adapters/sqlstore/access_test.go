package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// statusBook answers status lookups from a map the test edits, as the status cache answers
// from the accreditation stream.
type statusBook struct {
	mu sync.Mutex
	m  map[string]domain.ConsultativeStatus
}

func (b *statusBook) set(org string, state domain.StatusState, cat domain.StatusCategory) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.m[org] = domain.ConsultativeStatus{OrganizationID: org, State: state, Category: cat}
}

func (b *statusBook) ConsultativeStatus(_ context.Context, org string) (domain.ConsultativeStatus, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	st, ok := b.m[org]
	if !ok {
		return domain.ConsultativeStatus{OrganizationID: org, State: domain.StatusNone}, nil
	}
	return st, nil
}

func accessService(s *sqlstore.Store) (*app.Service, *statusBook) {
	book := &statusBook{m: map[string]domain.ConsultativeStatus{}}
	svc := app.New(s, book, nil, fixedClock{}).WithAccessAndVoice(app.AccessAndVoice{Designations: s, Statements: s, Speakers: s})
	return svc, book
}

var (
	officer = app.Actor{Subject: "officer-1", Roles: []string{app.RoleOfficer}}
	badge   = app.Actor{Subject: "badge-office-ny", Roles: []string{app.RoleSystem}}
)

func ngoActor(org string) app.Actor {
	return app.Actor{Subject: "u-" + org, Roles: []string{app.RoleNGO}, Org: org}
}

func designate(svc *app.Service, org string, st domain.DutyStation, role domain.DesignationRole, email string) (domain.Designation, error) {
	return svc.CreateDesignation(context.Background(), ngoActor(org), domain.Designation{
		OrganizationID: org, Station: st, Year: now.Year(), Role: role,
		Person: domain.Person{FullName: "Person " + email, Email: email, BirthDate: time.Date(1980, 5, 1, 0, 0, 0, 0, time.UTC)},
	}, "")
}

func mustDesignate(t *testing.T, svc *app.Service, org string, st domain.DutyStation, role domain.DesignationRole, email string) domain.Designation {
	t.Helper()
	d, err := designate(svc, org, st, role, email)
	if err != nil {
		t.Fatalf("designating %s as %s at %s: %v", email, role, st, err)
	}
	return d
}

// Forty representatives designated at once for one organization at one station: exactly the
// station's quota is admitted (head and CAO, one main and four additional: 7), the rest are
// refused as over the quota.
func TestDesignationQuotaHoldsUnderConcurrency(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		svc, book := accessService(s)
		book.set("org_q", domain.StatusActive, domain.CategorySpecial)

		// Representatives before the head and the CAO are refused.
		if _, err := designate(svc, "org_q", domain.StationNewYork, domain.RoleAdditionalRepresentative, "early@example.org"); domain.ReasonOf(err) != domain.ReasonHeadAndCAOFirst {
			t.Fatalf("representative before head and CAO: %v", err)
		}
		mustDesignate(t, svc, "org_q", domain.StationNewYork, domain.RoleHead, "head@example.org")
		if _, err := designate(svc, "org_q", domain.StationNewYork, domain.RoleMainRepresentative, "early@example.org"); domain.ReasonOf(err) != domain.ReasonHeadAndCAOFirst {
			t.Fatalf("representative before the CAO: %v", err)
		}
		mustDesignate(t, svc, "org_q", domain.StationNewYork, domain.RoleChiefAdministrativeOfficer, "cao@example.org")

		var wg sync.WaitGroup
		errs := make([]error, 40)
		for i := range 40 {
			wg.Go(func() {
				role := domain.RoleAdditionalRepresentative
				if i%5 == 0 {
					role = domain.RoleMainRepresentative
				}
				_, errs[i] = designate(svc, "org_q", domain.StationNewYork, role, fmt.Sprintf("rep%02d@example.org", i))
			})
		}
		wg.Wait()
		admitted := 0
		for i, err := range errs {
			switch {
			case err == nil:
				admitted++
			case domain.ReasonOf(err) != domain.ReasonQuotaExceeded:
				t.Errorf("designation %d: %v, want admitted or QUOTA_EXCEEDED", i, err)
			}
		}
		if admitted != 5 {
			t.Fatalf("%d representatives admitted at once, want 5 (one main, four additional)", admitted)
		}
		list, err := svc.ListDesignations(context.Background(), officer, app.DesignationFilter{OrganizationID: "org_q", Station: domain.StationNewYork}, 100, "")
		if err != nil {
			t.Fatal(err)
		}
		if list.Total != 7 {
			t.Fatalf("%d annual designations at New York, want the quota of 7", list.Total)
		}
		main := 0
		for _, d := range list.Items {
			if d.Role == domain.RoleMainRepresentative {
				main++
			}
		}
		if main != 1 {
			t.Fatalf("%d main representatives, want 1", main)
		}

		// The head and the CAO are the same people at every station.
		if _, err := designate(svc, "org_q", domain.StationGeneva, domain.RoleHead, "another-head@example.org"); domain.ReasonOf(err) != domain.ReasonHeadAndCAODiffer {
			t.Fatalf("another head at Geneva: %v", err)
		}
		mustDesignate(t, svc, "org_q", domain.StationGeneva, domain.RoleHead, "head@example.org")
		if _, err := designate(svc, "org_q", domain.StationGeneva, domain.RoleChiefAdministrativeOfficer, "other-cao@example.org"); domain.ReasonOf(err) != domain.ReasonHeadAndCAODiffer {
			t.Fatalf("another CAO at Geneva: %v", err)
		}
		if _, err := designate(svc, "org_q", domain.StationGeneva, domain.RoleMainRepresentative, "geneva-rep@example.org"); domain.ReasonOf(err) != domain.ReasonHeadAndCAOFirst {
			t.Fatalf("Geneva representative before the CAO there: %v", err)
		}
		mustDesignate(t, svc, "org_q", domain.StationGeneva, domain.RoleChiefAdministrativeOfficer, "cao@example.org")
		mustDesignate(t, svc, "org_q", domain.StationGeneva, domain.RoleMainRepresentative, "geneva-rep@example.org")
	})
}

// A suspended organization may not designate; a suspension seen on the status stream voids its
// live designations at once, the change stream carries each void, and a replay of the same
// status change voids nothing more.
func TestSuspensionVoidsDesignationsAndTheStreamCarriesThem(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		svc, book := accessService(s)
		book.set("org_s", domain.StatusActive, domain.CategoryGeneral)
		book.set("org_t", domain.StatusActive, domain.CategoryGeneral)
		head := mustDesignate(t, svc, "org_s", domain.StationVienna, domain.RoleHead, "head-s@example.org")
		cao := mustDesignate(t, svc, "org_s", domain.StationVienna, domain.RoleChiefAdministrativeOfficer, "cao-s@example.org")
		rep := mustDesignate(t, svc, "org_s", domain.StationVienna, domain.RoleMainRepresentative, "rep-s@example.org")
		other := mustDesignate(t, svc, "org_t", domain.StationVienna, domain.RoleHead, "head-t@example.org")
		if _, err := svc.DecideDesignation(ctx, officer, rep.ID, "", "", "", true); domain.ReasonOf(err) != domain.ReasonHeadOrCAONotApproved {
			t.Fatalf("representative approved before the head or CAO: %v", err)
		}
		for _, d := range []domain.Designation{head, cao, rep, other} {
			if _, err := svc.DecideDesignation(ctx, officer, d.ID, d.Etag(), "", "", true); err != nil {
				t.Fatalf("approve %s: %v", d.Role, err)
			}
		}
		before, err := s.LastDesignationSequence(ctx)
		if err != nil {
			t.Fatal(err)
		}

		book.set("org_s", domain.StatusSuspended, domain.CategoryGeneral)
		if err := svc.ApplyStatusChange(ctx, 7, domain.ConsultativeStatus{OrganizationID: "org_s", State: domain.StatusSuspended}); err != nil {
			t.Fatal(err)
		}
		if err := svc.ApplyStatusChange(ctx, 7, domain.ConsultativeStatus{OrganizationID: "org_s", State: domain.StatusSuspended}); err != nil {
			t.Fatal(err)
		}
		changes, err := s.DesignationChangesAfter(ctx, before, 100)
		if err != nil {
			t.Fatal(err)
		}
		var voided []string
		for _, c := range changes {
			if c.Kind != domain.ChangeVoided || c.Designation.State != domain.DesignationVoided || c.Designation.OrganizationID != "org_s" {
				t.Fatalf("change after the suspension: %+v", c)
			}
			voided = append(voided, c.Designation.ID)
		}
		slices.Sort(voided)
		want := []string{head.ID, cao.ID, rep.ID}
		slices.Sort(want)
		if !slices.Equal(voided, want) {
			t.Fatalf("voided %v, want %v (once each)", voided, want)
		}
		if d, _ := svc.GetDesignation(ctx, badge, other.ID); d.State != domain.DesignationApproved {
			t.Fatalf("another organization's designation: %v", d.State)
		}

		// The suspended organization is refused as a rule violation.
		if _, err := designate(svc, "org_s", domain.StationNewYork, domain.RoleHead, "head-s@example.org"); domain.KindOf(err) != domain.KindRefused || domain.ReasonOf(err) != domain.ReasonStatusRequired {
			t.Fatalf("designation while suspended: %v", err)
		}
		// Even when a lookup still says ACTIVE, the suspension recorded under the lock wins.
		book.set("org_s", domain.StatusActive, domain.CategoryGeneral)
		if _, err := designate(svc, "org_s", domain.StationNewYork, domain.RoleHead, "head-s@example.org"); domain.ReasonOf(err) != domain.ReasonStatusRequired {
			t.Fatalf("designation racing the suspension: %v", err)
		}
		// Reinstatement (a later change) lets it designate again; an older replayed change does not undo it.
		if err := svc.ApplyStatusChange(ctx, 9, domain.ConsultativeStatus{OrganizationID: "org_s", State: domain.StatusActive}); err != nil {
			t.Fatal(err)
		}
		if err := svc.ApplyStatusChange(ctx, 7, domain.ConsultativeStatus{OrganizationID: "org_s", State: domain.StatusSuspended}); err != nil {
			t.Fatal(err)
		}
		mustDesignate(t, svc, "org_s", domain.StationNewYork, domain.RoleHead, "head-s@example.org")

		// The badge office lists what is live at its station today.
		live, err := svc.ListDesignations(ctx, badge, app.DesignationFilter{Station: domain.StationVienna, OnDate: now, State: domain.DesignationApproved}, 50, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(live.Items) != 1 || live.Items[0].ID != other.ID {
			t.Fatalf("live at Vienna: %+v", live.Items)
		}
	})
}

// Acceptances at once in one series get distinct, consecutive symbols.
func TestStatementSymbolsAreSequentialUnderConcurrency(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		svc, book := accessService(s)
		call, err := svc.CreateStatementCall(ctx, officer, domain.StatementCall{
			Body: "Commission on the Status of Women", Kind: domain.BodyFunctionalCommission, Session: "CSW66",
			SymbolSeries: "E/CN.6/2022/NGO", Deadline: now.Add(24 * time.Hour),
		}, "")
		if err != nil {
			t.Fatal(err)
		}
		const n = 25
		ids := make([]string, n)
		for i := range n {
			org := fmt.Sprintf("org_w%02d", i)
			book.set(org, domain.StatusActive, domain.CategoryGeneral)
			w, err := svc.SubmitWrittenStatement(ctx, ngoActor(org), domain.WrittenStatement{
				CallID: call.ID, OrganizationID: org, Language: "en", Title: "Statement", Text: "Women's rights are human rights.",
			}, "")
			if err != nil {
				t.Fatal(err)
			}
			ids[i] = w.ID
		}
		var wg sync.WaitGroup
		symbols := make([]string, n)
		for i := range n {
			wg.Go(func() {
				w, err := svc.DecideWrittenStatement(ctx, officer, ids[i], "", "", "", true)
				if err != nil {
					t.Errorf("accept %d: %v", i, err)
				}
				symbols[i] = w.Symbol
			})
		}
		wg.Wait()
		slices.Sort(symbols)
		var want []string
		for i := 1; i <= n; i++ {
			want = append(want, fmt.Sprintf("E/CN.6/2022/NGO/%d", i))
		}
		slices.Sort(want)
		if !slices.Equal(symbols, want) {
			t.Fatalf("symbols %v, want %v", symbols, want)
		}
		// The public list holds the issued statements.
		pub, err := svc.ListWrittenStatements(ctx, app.Actor{}, app.StatementFilter{CallID: call.ID}, 100, "")
		if err != nil || pub.Total != n {
			t.Fatalf("public list: %d, %v", pub.Total, err)
		}
	})
}

// The list of speakers reads back in speaking order on both databases.
func TestListOfSpeakers(t *testing.T) {
	each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		svc, book := accessService(s)
		ev := newEvent(t, s, nil)
		var ids []string
		for _, org := range []string{"org_1", "org_2", "org_3"} {
			book.set(org, domain.StatusActive, domain.CategorySpecial)
			r, err := svc.RequestToSpeak(ctx, ngoActor(org), ev.ID, domain.SpeakerRequest{AgendaItem: "Item 1", OrganizationID: org, SpeakerName: "S " + org}, "")
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r.ID)
		}
		if _, err := svc.RequestToSpeak(ctx, ngoActor("org_1"), ev.ID, domain.SpeakerRequest{AgendaItem: "Item 1", OrganizationID: "org_1", SpeakerName: "Again"}, ""); domain.ReasonOf(err) != domain.ReasonSpeakerRequestExists {
			t.Fatalf("second request: %v", err)
		}
		if _, err := svc.ArrangeSpeakers(ctx, officer, ev.ID, "Item 1", []string{ids[2], ids[0]}); err != nil {
			t.Fatal(err)
		}
		list, err := svc.ListSpeakerRequests(ctx, officer, ev.ID, "Item 1")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range list {
			got = append(got, fmt.Sprintf("%s:%d:%d", r.OrganizationID, r.State, r.Position))
		}
		want := []string{"org_3:2:1", "org_1:2:2", "org_2:3:0"}
		if !slices.Equal(got, want) {
			t.Fatalf("list %v, want %v", got, want)
		}
	})
}
