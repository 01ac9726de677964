package protoconv

import (
	"reflect"
	"testing"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

func TestOrganizationWritableFieldsRoundTrip(t *testing.T) {
	o := domain.Organization{
		Name: "United Nations Office at Geneva", Acronym: "UNOG", StakeholderGroup: domain.StakeholderInternationalOrganization,
		Address: domain.Address{Street: "Palais des Nations", City: "Geneva", PostalCode: "1211", Country: "CH"},
		Country: "CH", Website: "https://www.ungeneva.org", Email: "info@ungeneva.org", Description: "d",
		FoundedOn: domain.Date{Year: 1946}, SDGs: []int{16, 17}, Languages: []string{"en"},
		SocialMedia:  []domain.SocialMediaAccount{{Platform: "Instagram", Handle: "@ungeneva"}},
		PolicyIssues: []string{"multilingualism"},
	}
	if got := OrganizationFromProto(OrganizationToProto(o)); !reflect.DeepEqual(got, o) {
		t.Fatalf("got %+v\nwant %+v", got, o)
	}
	p := OrganizationToProto(domain.Organization{ID: "org_1"})
	if p.GetConsultativeStatus().GetState().String() != "STATE_NONE" || p.GetAddress() != nil || p.GetFoundedOn() != nil {
		t.Fatalf("an empty profile shows STATE_NONE and no address or date: %v", p)
	}
}

func TestPartnershipRoundTrip(t *testing.T) {
	p := domain.Partnership{OrganizationID: "org_1", UNEntity: "UNDP", Title: "t", SDGs: []int{6},
		StartDate: domain.Date{Year: 2024, Month: 1, Day: 2}}
	if got := PartnershipFromProto(PartnershipToProto(p)); !reflect.DeepEqual(got, p) {
		t.Fatalf("got %+v", got)
	}
}
