package app

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

var (
	officer = Actor{Subject: "officer-1", Roles: []string{RoleOfficer}}
	ngoUser = Actor{Subject: "ngo-1", Roles: []string{RoleNGO}}
)

func newApp() (*App, *memStore) {
	s := newMemStore()
	return New(s, fixedClock{time.Date(2026, 11, 24, 15, 0, 0, 123456789, time.UTC)}), s
}

func profile(name, country string) domain.Organization {
	return domain.Organization{Name: name, StakeholderGroup: domain.StakeholderNGO, Country: country, SDGs: []int{16}}
}

func TestCreateOrganizationAccess(t *testing.T) {
	tests := []struct {
		name       string
		actor      Actor
		allowDup   bool
		wantErr    error // nil, ErrUnauthenticated, or a *DeniedError marker
		wantDenied bool
	}{
		{"ngo user creates its organization", ngoUser, false, nil, false},
		{"ngo user may not allow a duplicate", ngoUser, true, nil, true},
		{"ngo user already acting for an organization is denied", Actor{Subject: "ngo-2", Roles: []string{RoleNGO}, Org: "org_x"}, false, nil, true},
		{"officer creates", officer, true, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := newApp()
			_, err := a.CreateOrganization(context.Background(), tt.actor, profile("Geneva Water Forum", "CH"), "", tt.allowDup)
			var denied *domain.DeniedError
			switch {
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Fatalf("want %v, got %v", tt.wantErr, err)
			case tt.wantDenied && !errors.As(err, &denied):
				t.Fatalf("want denied, got %v", err)
			case tt.wantErr == nil && !tt.wantDenied && err != nil:
				t.Fatalf("want success, got %v", err)
			}
		})
	}
}

func TestNgoUserCreatesOnlyOneOrganization(t *testing.T) {
	a, _ := newApp()
	ctx := context.Background()
	if _, err := a.CreateOrganization(ctx, ngoUser, profile("First Org", "KE"), "r1", false); err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateOrganization(ctx, ngoUser, profile("First Org", "KE"), "r1", false); err != nil {
		t.Fatalf("a retry of the first create must still answer: %v", err)
	}
	var denied *domain.DeniedError
	if _, err := a.CreateOrganization(ctx, ngoUser, profile("Second Org", "KE"), "r2", false); !errors.As(err, &denied) {
		t.Fatalf("want denied for a second organization, got %v", err)
	}
}

func TestLikelyDuplicateRefusedUnlessAllowed(t *testing.T) {
	a, _ := newApp()
	ctx := context.Background()
	first, err := a.CreateOrganization(ctx, officer, profile("The Geneva Water Forum", "CH"), "", false)
	if err != nil {
		t.Fatal(err)
	}
	var dup *domain.DuplicateError
	if _, err := a.CreateOrganization(ctx, officer, profile("GENEVA water-forum!", "CH"), "", false); !errors.As(err, &dup) || dup.ExistingID != first.ID {
		t.Fatalf("want a duplicate naming %s, got %v", first.ID, err)
	}
	if _, err := a.CreateOrganization(ctx, officer, profile("Geneva Water Forum", "FR"), "", false); err != nil {
		t.Fatalf("another country is not a duplicate: %v", err)
	}
	if _, err := a.CreateOrganization(ctx, officer, profile("Geneva Water Forum", "CH"), "", true); err != nil {
		t.Fatalf("an officer may allow the duplicate: %v", err)
	}
}

func TestRetriedCreateReturnsTheFirstOrganization(t *testing.T) {
	a, s := newApp()
	ctx := context.Background()
	one, err := a.CreateOrganization(ctx, officer, profile("Retry Org", "CH"), "req-1", false)
	if err != nil {
		t.Fatal(err)
	}
	two, err := a.CreateOrganization(ctx, officer, profile("Retry Org", "CH"), "req-1", false)
	if err != nil || two.ID != one.ID || len(s.orgs) != 1 {
		t.Fatalf("want the first organization again, got %v %v (%d stored)", two.ID, err, len(s.orgs))
	}
}

func TestCreateRefusesInvalidProfile(t *testing.T) {
	a, _ := newApp()
	var ve *domain.ValidationError
	if _, err := a.CreateOrganization(context.Background(), officer, profile("X", "ZZ"), "", false); !errors.As(err, &ve) {
		t.Fatalf("want validation error, got %v", err)
	}
}

func TestUpdateOrganization(t *testing.T) {
	a, _ := newApp()
	ctx := context.Background()
	own, err := a.CreateOrganization(ctx, ngoUser, profile("Own Org", "CH"), "", false)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := a.CreateOrganization(ctx, officer, profile("Other Org", "CH"), "", false)
	setSite := func(o *domain.Organization) error { o.Website = "https://own.example.org"; return nil }

	var denied *domain.DeniedError
	if _, err := a.UpdateOrganization(ctx, ngoUser, other.ID, other.Etag(), setSite); !errors.As(err, &denied) {
		t.Fatalf("ngo changing another organization: want denied, got %v", err)
	}
	if _, err := a.UpdateOrganization(ctx, ngoUser, own.ID, "", setSite); !errors.Is(err, ErrEtagRequired) {
		t.Fatalf("missing etag: got %v", err)
	}
	updated, err := a.UpdateOrganization(ctx, ngoUser, own.ID, own.Etag(), setSite)
	if err != nil || updated.Website != "https://own.example.org" || updated.Etag() == own.Etag() || updated.Revision != 2 {
		t.Fatalf("own update: %+v %v", updated, err)
	}
	if _, err := a.UpdateOrganization(ctx, officer, own.ID, own.Etag(), setSite); !errors.Is(err, domain.ErrStaleEtag) {
		t.Fatalf("stale etag: want ErrStaleEtag, got %v", err)
	}
	namedByToken := Actor{Subject: "ngo-9", Roles: []string{RoleNGO}, Org: other.ID}
	if _, err := a.UpdateOrganization(ctx, namedByToken, other.ID, other.Etag(), setSite); err != nil {
		t.Fatalf("ngo whose token names the organization: %v", err)
	}
	var ve *domain.ValidationError
	if _, err := a.UpdateOrganization(ctx, officer, own.ID, updated.Etag(), func(o *domain.Organization) error { o.SDGs = []int{18}; return nil }); !errors.As(err, &ve) {
		t.Fatalf("invalid change: want validation error, got %v", err)
	}
	if _, err := a.UpdateOrganization(ctx, officer, "org_missing", "x", setSite); !IsNotFound(err) {
		t.Fatalf("missing: want not found, got %v", err)
	}
}

func TestListOrganizationsPagesEachOnce(t *testing.T) {
	a, _ := newApp()
	ctx := context.Background()
	for i := range 120 {
		if _, err := a.CreateOrganization(ctx, officer, profile(fmt.Sprintf("Org %03d", i), "CH"), "", false); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	token, pages := "", 0
	for {
		rows, next, err := a.ListOrganizations(ctx, ListOrganizationsRequest{Query: OrganizationQuery{Country: "CH", SDGs: []int{16}}, PageSize: 25, PageToken: token})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, o := range rows {
			if seen[o.ID] {
				t.Fatalf("%s returned twice", o.ID)
			}
			seen[o.ID] = true
		}
		if next == "" {
			break
		}
		token = next
		if _, _, err := a.ListOrganizations(ctx, ListOrganizationsRequest{Query: OrganizationQuery{Country: "FR"}, PageSize: 25, PageToken: token}); err == nil {
			t.Fatal("a token reused with other filters must be refused")
		}
	}
	if len(seen) != 120 || pages != 5 {
		t.Fatalf("saw %d organizations in %d pages", len(seen), pages)
	}
	var ve *domain.ValidationError
	if _, _, err := a.ListOrganizations(ctx, ListOrganizationsRequest{PageToken: "garbage"}); !errors.As(err, &ve) {
		t.Fatalf("bad token: %v", err)
	}
	if _, _, err := a.ListOrganizations(ctx, ListOrganizationsRequest{PageSize: 501}); !errors.As(err, &ve) {
		t.Fatalf("page size 501: %v", err)
	}
}

func TestBatchGetKeepsRequestOrderAndReportsMissing(t *testing.T) {
	a, _ := newApp()
	ctx := context.Background()
	x, _ := a.CreateOrganization(ctx, officer, profile("X Org", "CH"), "", false)
	y, _ := a.CreateOrganization(ctx, officer, profile("Y Org", "CH"), "", false)
	found, missing, err := a.BatchGetOrganizations(ctx, []string{y.ID, "nope", x.ID, y.ID})
	if err != nil || len(found) != 2 || found[0].ID != y.ID || found[1].ID != x.ID || len(missing) != 1 || missing[0] != "nope" {
		t.Fatalf("found %v missing %v err %v", found, missing, err)
	}
}
