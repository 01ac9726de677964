package sqlstore

import (
	"context"
	"slices"
	"testing"

	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

func TestStatusMirrorContract(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { statusMirrorContract(t, openStore(b.dialect)) })
	}
}

func statusMirrorContract(t *testing.T, open func(t *testing.T) *Store) {
	ctx := context.Background()
	special := domain.ConsultativeStatus{Category: domain.CategorySpecial, State: domain.StatusActive}

	apply := func(t *testing.T, s *Store, seq uint64, org string, st domain.ConsultativeStatus) bool {
		t.Helper()
		applied, err := s.ApplyStatusChange(ctx, domain.StatusChange{Sequence: seq, OrganizationID: org, Status: st})
		if err != nil {
			t.Fatalf("apply %d: %v", seq, err)
		}
		return applied
	}
	cursor := func(t *testing.T, s *Store) uint64 {
		t.Helper()
		c, err := s.StatusCursor(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	inCategory := func(t *testing.T, s *Store, c domain.Category) []string {
		t.Helper()
		found, err := s.SearchOrganizations(ctx, app.OrganizationQuery{StatusCategory: c, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, o := range found {
			ids = append(ids, o.ID)
		}
		return ids
	}

	t.Run("a-change-sets-the-status-and-the-cursor-once", func(t *testing.T) {
		s := open(t)
		before := mustCreate(t, s, org("org_a", "Geneva Water Forum", "CH"))
		mustCreate(t, s, org("org_b", "Nairobi Youth Network", "KE"))
		if c := cursor(t, s); c != 0 {
			t.Fatalf("a new mirror starts at %d", c)
		}
		if !apply(t, s, 7, "org_a", special) {
			t.Fatal("the first change was not applied")
		}
		got, err := s.GetOrganization(ctx, "org_a")
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != special || got.Revision != before.Revision || !got.UpdateTime.Equal(before.UpdateTime) {
			t.Fatalf("after the change: status %+v revision %d update %v", got.Status, got.Revision, got.UpdateTime)
		}
		if c := cursor(t, s); c != 7 {
			t.Fatalf("cursor %d, want 7", c)
		}
		// The same change again, or an older one, changes nothing.
		withdrawn := domain.ConsultativeStatus{Category: domain.CategorySpecial, State: domain.StatusWithdrawn}
		if apply(t, s, 7, "org_a", withdrawn) || apply(t, s, 3, "org_a", withdrawn) {
			t.Fatal("a change at or before the cursor was applied")
		}
		if got, _ := s.GetOrganization(ctx, "org_a"); got.Status != special {
			t.Fatalf("a replayed change moved the status to %+v", got.Status)
		}
		if ids := inCategory(t, s, domain.CategorySpecial); !slices.Equal(ids, []string{"org_a"}) {
			t.Fatalf("statusCategory=SPECIAL finds %v", ids)
		}
		// Withdrawn status no longer counts for the facet; sequences may skip numbers.
		if !apply(t, s, 12, "org_a", withdrawn) {
			t.Fatal("a newer change was skipped")
		}
		if ids := inCategory(t, s, domain.CategorySpecial); len(ids) != 0 {
			t.Fatalf("a withdrawn status is still found under SPECIAL: %v", ids)
		}
	})

	t.Run("an-unknown-organization-only-moves-the-cursor", func(t *testing.T) {
		s := open(t)
		if !apply(t, s, 1, "org_elsewhere", special) {
			t.Fatal("not applied")
		}
		if c := cursor(t, s); c != 1 {
			t.Fatalf("cursor %d", c)
		}
	})

	t.Run("a-profile-edit-keeps-the-mirrored-status", func(t *testing.T) {
		s := open(t)
		mustCreate(t, s, org("org_a", "Geneva Water Forum", "CH"))
		// The edit read the profile before the status changed and writes after.
		_, err := s.UpdateOrganization(ctx, "org_a", func(o *domain.Organization) error {
			o.Description = "Water for all"
			o.Revision++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		apply(t, s, 1, "org_a", special)
		_, err = s.UpdateOrganization(ctx, "org_a", func(o *domain.Organization) error {
			o.Status = domain.NoStatus // a careless use case cannot clear it
			o.Acronym = "GWF"
			o.Revision++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := s.GetOrganization(ctx, "org_a"); got.Status != special || got.Acronym != "GWF" {
			t.Fatalf("after the edit: %+v %q", got.Status, got.Acronym)
		}
	})

	t.Run("reset-clears-statuses-and-rewinds", func(t *testing.T) {
		s := open(t)
		mustCreate(t, s, org("org_a", "Geneva Water Forum", "CH"))
		mustCreate(t, s, org("org_b", "Nairobi Youth Network", "KE"))
		apply(t, s, 5, "org_a", special)
		cleared, err := s.ResetStatusMirror(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(cleared, []string{"org_a"}) || cursor(t, s) != 0 {
			t.Fatalf("cleared %v, cursor %d", cleared, cursor(t, s))
		}
		if got, _ := s.GetOrganization(ctx, "org_a"); got.Status != domain.NoStatus {
			t.Fatalf("status after reset: %+v", got.Status)
		}
		if !apply(t, s, 1, "org_a", special) {
			t.Fatal("the replay from the start was skipped")
		}
	})
}
