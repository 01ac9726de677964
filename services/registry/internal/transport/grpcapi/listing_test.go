package grpcapi_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc/codes"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

func TestListOrdersFacetsAndBatchGet(t *testing.T) {
	r := startRegistry(t)
	officer := r.as(t, "officer-1", "", auth.RoleOfficer)
	ctx := context.Background()
	var ids []string
	for i, name := range []string{"Charlie Forum", "alpha Forum", "Bravo Forum"} {
		o := ngoProfile(name, "CH")
		if i == 1 {
			o.StakeholderGroup = registryv1.StakeholderGroup_STAKEHOLDER_GROUP_ACADEMIA
		}
		created, err := r.client.CreateOrganization(officer, &registryv1.CreateOrganizationRequest{Organization: o})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, created.GetOrganization().GetId())
	}
	// Touch the first, a minute later, so it becomes the most recently changed.
	r.clock.Set(now.Add(time.Minute))
	first, _ := r.client.GetOrganization(ctx, &registryv1.GetOrganizationRequest{Id: ids[0]})
	if _, err := r.client.UpdateOrganization(officer, &registryv1.UpdateOrganizationRequest{Organization: &registryv1.Organization{
		Id: ids[0], Etag: first.GetOrganization().GetEtag(), Acronym: "CF"}}); err != nil {
		t.Fatal(err)
	}
	names := func(req *registryv1.ListOrganizationsRequest) []string {
		resp, err := r.client.ListOrganizations(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, o := range resp.GetOrganizations() {
			out = append(out, o.GetName())
		}
		return out
	}
	if got := fmt.Sprint(names(&registryv1.ListOrganizationsRequest{OrderBy: "name"})); got != "[alpha Forum Bravo Forum Charlie Forum]" {
		t.Fatalf("by name: %s", got)
	}
	if got := names(&registryv1.ListOrganizationsRequest{OrderBy: "updateTime desc"}); got[0] != "Charlie Forum" {
		t.Fatalf("by update time: %v", got)
	}
	if got := names(&registryv1.ListOrganizationsRequest{StakeholderGroup: registryv1.StakeholderGroup_STAKEHOLDER_GROUP_ACADEMIA}); len(got) != 1 || got[0] != "alpha Forum" {
		t.Fatalf("by stakeholder group: %v", got)
	}
	if got := names(&registryv1.ListOrganizationsRequest{StatusCategory: registryv1.Category_CATEGORY_SPECIAL}); len(got) != 0 {
		t.Fatalf("no organization holds status yet: %v", got)
	}
	_, err := r.client.ListOrganizations(ctx, &registryv1.ListOrganizationsRequest{OrderBy: "size"})
	wantCode(t, err, codes.InvalidArgument)

	batch, err := r.client.BatchGetOrganizations(ctx, &registryv1.BatchGetOrganizationsRequest{Ids: []string{ids[2], "org_nope", ids[0], ids[2]}})
	if err != nil || len(batch.GetOrganizations()) != 2 || batch.GetOrganizations()[0].GetId() != ids[2] || fmt.Sprint(batch.GetMissingIds()) != "[org_nope]" {
		t.Fatalf("batch get: %v %v", batch, err)
	}
}

func TestCommitteeAndPartnershipPages(t *testing.T) {
	r := startRegistry(t)
	officer := r.as(t, "officer-1", "", auth.RoleOfficer)
	ctx := context.Background()
	org, err := r.client.CreateOrganization(officer, &registryv1.CreateOrganizationRequest{Organization: ngoProfile("Partner Org", "SN")})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 7 {
		if _, err := r.client.CreateNgoCommittee(officer, &registryv1.CreateNgoCommitteeRequest{Committee: &registryv1.NgoCommittee{
			Name: fmt.Sprintf("NGO Committee %d", i), Kind: registryv1.NgoCommittee_KIND_THEMATIC, Theme: "Theme"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := r.client.CreatePartnership(officer, &registryv1.CreatePartnershipRequest{Partnership: &registryv1.Partnership{
			OrganizationId: org.GetOrganization().GetId(), UnEntity: "UNDP", Title: fmt.Sprintf("Project %d", i),
			StartDate: &date.Date{Year: 2020 + int32(i), Month: 1, Day: 1}}}); err != nil {
			t.Fatal(err)
		}
	}
	seen, token := 0, ""
	for {
		resp, err := r.client.ListNgoCommittees(ctx, &registryv1.ListNgoCommitteesRequest{PageSize: 3, PageToken: token, Kind: registryv1.NgoCommittee_KIND_THEMATIC})
		if err != nil {
			t.Fatal(err)
		}
		seen += len(resp.GetCommittees())
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
		_, err = r.client.ListNgoCommittees(ctx, &registryv1.ListNgoCommitteesRequest{PageSize: 3, PageToken: token, Kind: registryv1.NgoCommittee_KIND_REGIONAL})
		wantCode(t, err, codes.InvalidArgument)
	}
	if seen != 7 {
		t.Fatalf("paged %d of 7 committees", seen)
	}
	resp, err := r.client.ListPartnerships(ctx, &registryv1.ListPartnershipsRequest{OrganizationId: org.GetOrganization().GetId(), PageSize: 2})
	if err != nil || len(resp.GetPartnerships()) != 2 || resp.GetPartnerships()[0].GetTitle() != "Project 6" || resp.GetNextPageToken() == "" {
		t.Fatalf("partnerships, most recent first: %v %v", resp, err)
	}
}
