// Package demo loads the registry's demonstration directory: the UN Office at Geneva exactly as
// its published profile describes it, the NGO committees and focal points of the UN
// Non-Governmental Liaison Service, a dozen NGOs across regions and goals, and their partnerships.
// It also generates synthetic directories for benchmarks (Seed).
package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
	"github.com/un-liaison/liaison/services/registry/internal/setup"
)

// loader is who the demo records are created by; its request ids are the records' natural keys,
// so loading again returns what the first load created instead of duplicating it.
var loader = app.Actor{Subject: "demo-loader", Roles: []string{app.RoleOfficer}}

// Load records the demonstration directory in the registry's database. It is idempotent: run it
// at every start and nothing is duplicated.
func Load(ctx context.Context, db *sqldb.DB, clk clock.Clock) error {
	return load(ctx, setup.App(setup.Parts{DB: db, Clock: clk}))
}

func load(ctx context.Context, a *app.App) error {
	unog, err := UNOG()
	if err != nil {
		return err
	}
	orgIDs := map[string]string{}
	for _, o := range append([]domain.Organization{unog}, ngos...) {
		if o.StakeholderGroup == domain.StakeholderUnspecified {
			o.StakeholderGroup = domain.StakeholderNGO
		}
		created, err := a.CreateOrganization(ctx, loader, o, "demo:organization:"+o.Name, false)
		var dup *domain.DuplicateError
		switch {
		case errors.As(err, &dup):
			// Someone recorded it already (e.g. by hand): use that profile.
			orgIDs[o.Name] = dup.ExistingID
		case err != nil:
			return fmt.Errorf("demo organization %q: %w", o.Name, err)
		default:
			orgIDs[o.Name] = created.ID
		}
	}
	for _, c := range committees {
		created, err := a.CreateCommittee(ctx, loader, c, "demo:committee:"+c.Name)
		if err != nil {
			return fmt.Errorf("demo committee %q: %w", c.Name, err)
		}
		for _, member := range memberships[c.Name] {
			if _, err := a.AddCommitteeMember(ctx, loader, created.ID, orgIDs[member], ""); err != nil {
				return fmt.Errorf("demo committee %q member %q: %w", c.Name, member, err)
			}
		}
	}
	for _, f := range focalPoints {
		if _, err := a.CreateFocalPoint(ctx, loader, f, "demo:focal-point:"+f.Email); err != nil {
			return fmt.Errorf("demo focal point %q: %w", f.Name, err)
		}
	}
	for _, p := range partnerships {
		p.OrganizationID = orgIDs[p.org]
		if _, err := a.CreatePartnership(ctx, loader, p.Partnership, "demo:partnership:"+p.Title); err != nil {
			return fmt.Errorf("demo partnership %q: %w", p.Title, err)
		}
	}
	// A profile an organization registered itself, waiting for the NGO Branch to accept it before
	// it may apply for consultative status.
	if _, err := a.CreateOrganization(ctx, selfRegistered, awaitingReview, "demo:organization:"+awaitingReview.Name, false); err != nil {
		var dup *domain.DuplicateError
		if !errors.As(err, &dup) {
			return fmt.Errorf("demo organization %q: %w", awaitingReview.Name, err)
		}
	}
	return nil
}

// selfRegistered is the NGO user who registered awaitingReview.
var selfRegistered = app.Actor{Subject: "demo:ngo-lake-victoria-fishers", Roles: []string{app.RoleNGO}}

// awaitingReview is the demonstration's profile waiting for an officer.
var awaitingReview = domain.Organization{Name: "Lake Victoria Fishers Cooperative", StakeholderGroup: domain.StakeholderNGO, Country: "UG",
	SDGs: []int{14, 2}, Address: domain.Address{City: "Jinja", Country: "UG"}, FoundedOn: domain.Date{Year: 2004},
	Description: "Fishing communities around Lake Victoria managing landing sites and fish stocks together.",
	Languages:   []string{"en", "lg"}, PolicyIssues: []string{"fisheries"}}
