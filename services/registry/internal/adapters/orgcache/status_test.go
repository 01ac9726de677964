package orgcache

import (
	"context"
	"testing"

	"github.com/un-liaison/liaison/platform/cache/cachetest"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// A status change, applied or skipped, drops the cached profile: the next read shows the status.
func TestStatusChangesDropTheCachedProfile(t *testing.T) {
	url, prefix := cachetest.Redis(t)
	s, counting, o := setup(t, url, prefix)
	ctx := context.Background()
	get := func() domain.Organization {
		t.Helper()
		got, err := s.GetOrganization(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	get()
	roster := domain.ConsultativeStatus{Category: domain.CategoryRoster, State: domain.StatusActive}
	if applied, err := s.ApplyStatusChange(ctx, domain.StatusChange{Sequence: 4, OrganizationID: o.ID, Status: roster}); err != nil || !applied {
		t.Fatalf("apply: %v %v", applied, err)
	}
	if got := get(); got.Status != roster {
		t.Fatalf("after the change the profile shows %+v", got.Status)
	}
	// Another replica applied the next change; this one skips it but still drops its entry.
	get()
	before := counting.gets.Load()
	if applied, err := s.ApplyStatusChange(ctx, domain.StatusChange{Sequence: 4, OrganizationID: o.ID, Status: roster}); err != nil || applied {
		t.Fatalf("replayed change: %v %v", applied, err)
	}
	get()
	if counting.gets.Load() != before+1 {
		t.Fatal("a skipped change left the profile cached")
	}

	if _, err := s.ResetStatusMirror(ctx); err != nil {
		t.Fatal(err)
	}
	if got := get(); got.Status != domain.NoStatus {
		t.Fatalf("after a reset the profile shows %+v", got.Status)
	}
}
