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
