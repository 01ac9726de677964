package app

import (
	"context"
	"errors"
	"testing"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

func TestCommitteesAndMembers(t *testing.T) {
	a, _ := newApp()
	ctx := context.Background()
	c, err := a.CreateCommittee(ctx, officer, domain.NgoCommittee{Name: "NGO Committee for Africa", Kind: domain.CommitteeRegional, Region: "Africa"}, "c1")
	if err != nil {
		t.Fatal(err)
	}
	org, _ := a.CreateOrganization(ctx, officer, profile("Member Org", "KE"), "", false)
	if _, err := a.AddCommitteeMember(ctx, officer, c.ID, "org_missing", ""); !IsNotFound(err) {
		t.Fatalf("missing organization: %v", err)
	}
	after, err := a.AddCommitteeMember(ctx, officer, c.ID, org.ID, c.Etag())
	if err != nil || len(after.Members) != 1 || after.Etag() == c.Etag() {
		t.Fatalf("add: %+v %v", after, err)
	}
	again, err := a.AddCommitteeMember(ctx, officer, c.ID, org.ID, "")
	if err != nil || len(again.Members) != 1 || again.Etag() != after.Etag() {
		t.Fatalf("adding twice must change nothing: %+v %v", again, err)
	}
	if _, err := a.AddCommitteeMember(ctx, officer, c.ID, org.ID, c.Etag()); !errors.Is(err, domain.ErrStaleEtag) {
		t.Fatalf("stale etag: %v", err)
	}
	rows, _, err := a.ListCommittees(ctx, ListCommitteesRequest{MemberOrgID: org.ID})
	if err != nil || len(rows) != 1 {
		t.Fatalf("list by member: %v %v", rows, err)
	}
}

func TestPartnershipNeedsAnExistingOrganization(t *testing.T) {
	a, _ := newApp()
	ctx := context.Background()
	p := domain.Partnership{OrganizationID: "org_missing", UNEntity: "UNDP", Title: "Clean water", StartDate: domain.Date{Year: 2025, Month: 1, Day: 1}}
	if _, err := a.CreatePartnership(ctx, officer, p, ""); !IsNotFound(err) {
		t.Fatalf("want not found, got %v", err)
	}
	org, _ := a.CreateOrganization(ctx, officer, profile("Partner Org", "SN"), "", false)
	p.OrganizationID = org.ID
	if _, err := a.CreatePartnership(ctx, officer, p, ""); err != nil {
		t.Fatal(err)
	}
	rows, _, err := a.ListPartnerships(ctx, ListPartnershipsRequest{UNEntity: "undp"})
	if err != nil || len(rows) != 1 {
		t.Fatalf("%v %v", rows, err)
	}
}

func TestFocalPointsListedByEntity(t *testing.T) {
	a, _ := newApp()
	ctx := context.Background()
	for _, f := range []domain.FocalPoint{
		{UNEntity: "UNICEF", Name: "B", Email: "b@unicef.org"},
		{UNEntity: "UNDP", Name: "A", Email: "a@undp.org"},
		{UNEntity: "unicef", Name: "A", Email: "a@unicef.org"},
	} {
		if _, err := a.CreateFocalPoint(ctx, officer, f, ""); err != nil {
			t.Fatal(err)
		}
	}
	rows, _, err := a.ListFocalPoints(ctx, ListFocalPointsRequest{UNEntity: "UNICEF"})
	if err != nil || len(rows) != 2 || rows[0].Name != "A" {
		t.Fatalf("%v %v", rows, err)
	}
}
