package app

import (
	"context"
	"errors"
	"testing"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// TestAnOrganizationInStatusDoesNotRenameOrBackdateItself is the leak of a plain PATCH renaming
// an organization in status, or moving its founding date (which the two-year rule reads): both
// are requests to the Committee, recorded by an officer.
func TestAnOrganizationInStatusDoesNotRenameOrBackdateItself(t *testing.T) {
	ctx := context.Background()
	a, _ := newApp()
	o := profile("Lake Chad Fisheries Network", "TD")
	o.FoundedOn = domain.Date{Year: 2015}
	o, err := a.CreateOrganization(ctx, officer, o, "", false)
	if err != nil {
		t.Fatal(err)
	}
	owner := Actor{Subject: "ngo-chad", Roles: []string{RoleNGO}, Org: o.ID}
	// Without status, the organization edits its own profile freely.
	o, err = a.UpdateOrganization(ctx, owner, o.ID, o.Etag(), func(p *domain.Organization) error { p.Name = "Lake Chad Fisheries Network (LCFN)"; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ApplyStatusChange(ctx, domain.StatusChange{Sequence: 1, OrganizationID: o.ID,
		Status: domain.ConsultativeStatus{Category: domain.CategorySpecial, State: domain.StatusActive}}); err != nil {
		t.Fatal(err)
	}
	o, _ = a.GetOrganization(ctx, o.ID)
	var pe *domain.PreconditionError
	if _, err := a.UpdateOrganization(ctx, owner, o.ID, o.Etag(), func(p *domain.Organization) error { p.Name = "Sahel Fisheries Network"; return nil }); !errors.As(err, &pe) || pe.Reason != "CHANGE_OF_NAME_REQUEST" {
		t.Fatalf("renamed itself in status: %v", err)
	}
	if _, err := a.UpdateOrganization(ctx, owner, o.ID, o.Etag(), func(p *domain.Organization) error { p.FoundedOn = domain.Date{Year: 2005}; return nil }); !errors.As(err, &pe) || pe.Reason != "FOUNDING_DATE_REQUEST" {
		t.Fatalf("backdated its founding date in status: %v", err)
	}
	// Other fields stay the organization's to keep current; the officer records a noted change of name.
	o, err = a.UpdateOrganization(ctx, owner, o.ID, o.Etag(), func(p *domain.Organization) error { p.Website = "https://lcfn.example.org"; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.UpdateOrganization(ctx, officer, o.ID, o.Etag(), func(p *domain.Organization) error { p.Name = "Sahel Fisheries Network"; return nil }); err != nil {
		t.Fatalf("the officer recording the change of name: %v", err)
	}
}

// TestTheNGOBranchAcceptsAProfileBeforeTheOrganizationApplies is the leak of profiles never being
// reviewed: an organization's own registration waits for an officer, who accepts it or returns it
// with a reason; the organization's correction submits it again.
func TestTheNGOBranchAcceptsAProfileBeforeTheOrganizationApplies(t *testing.T) {
	ctx := context.Background()
	a, _ := newApp()
	o, err := a.CreateOrganization(ctx, ngoUser, profile("Mekong Delta Farmers", "VN"), "", false)
	if err != nil {
		t.Fatal(err)
	}
	if o.ProfileState != domain.ProfileSubmitted || o.Accepted() {
		t.Fatalf("a self-registered profile is %q", o.ProfileState)
	}
	var ve *domain.ValidationError
	if _, err := a.ReviewProfile(ctx, officer, o.ID, false, " "); !errors.As(err, &ve) {
		t.Fatalf("returned without a reason: %v", err)
	}
	o, err = a.ReviewProfile(ctx, officer, o.ID, false, "Give the headquarters' street address, not a P.O. box.")
	if err != nil || o.ProfileState != domain.ProfileReturned || o.ProfileNote == "" {
		t.Fatalf("returned %+v %v", o, err)
	}
	o, err = a.UpdateOrganization(ctx, ngoUser, o.ID, o.Etag(), func(p *domain.Organization) error { p.Address.Street = "12 Tran Phu"; return nil })
	if err != nil || o.ProfileState != domain.ProfileSubmitted {
		t.Fatalf("corrected %+v %v", o, err)
	}
	if o, err = a.ReviewProfile(ctx, officer, o.ID, true, ""); err != nil || !o.Accepted() || o.ProfileNote != "" {
		t.Fatalf("accepted %+v %v", o, err)
	}
	var pe *domain.PreconditionError
	if _, err := a.ReviewProfile(ctx, officer, o.ID, false, "late"); !errors.As(err, &pe) {
		t.Fatalf("returned after acceptance: %v", err)
	}
	byOfficer, err := a.CreateOrganization(ctx, officer, profile("Hanoi Literacy Circle", "VN"), "", false)
	if err != nil || !byOfficer.Accepted() {
		t.Fatalf("an officer's profile %+v %v", byOfficer, err)
	}
}
