package app

import (
	"context"
	"errors"
	"slices"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// Roles the events service acts on.
const (
	RoleOfficer = "officer"
	RoleNGO     = "ngo"
)

// Actor is who calls a use case: the transport builds it from the verified token.
type Actor struct {
	Subject string
	Roles   []string
	Org     string // the organization an ngo user acts for
}

// Anonymous says whether the caller sent no token.
func (a Actor) Anonymous() bool { return a.Subject == "" && len(a.Roles) == 0 }

// Has says whether the actor holds role.
func (a Actor) Has(role string) bool { return slices.Contains(a.Roles, role) }

// Officer says whether the actor is a liaison officer (who may act for any organization).
func (a Actor) Officer() bool { return a.Has(RoleOfficer) }

// caller is the identity idempotency keys are scoped to.
func (a Actor) caller() string {
	if a.Subject == "" {
		return "anonymous"
	}
	return a.Subject
}

// mayActFor allows officers for any organization and ngo users for their own.
func (a Actor) mayActFor(org string) error {
	if a.Officer() || (a.Has(RoleNGO) && a.Org != "" && a.Org == org) {
		return nil
	}
	return domain.Forbidden("you may act only for your own organization")
}

// errNoOrganizationYet is scope's answer for an ngo user whose token names no organization (a
// self-registering user before its profile exists): it has nothing to list, and is told so with
// an empty page, as the accreditation service does for applications.
var errNoOrganizationYet = errors.New("the ngo user acts for no organization yet")

// scopeOwned narrows f to what a may list and checks that f's event exists. empty means the list
// is empty whatever the store holds: an ngo user who acts for no organization yet owns nothing.
func (s *Service) scopeOwned(ctx context.Context, a Actor, f *OwnedFilter) (empty bool, err error) {
	org, err := a.scope(f.OrganizationID)
	if errors.Is(err, errNoOrganizationYet) {
		return true, s.checkEventExists(ctx, f.EventID)
	}
	if err != nil {
		return true, err
	}
	f.OrganizationID = org
	return false, s.checkEventExists(ctx, f.EventID)
}

// scope narrows a list filter to what the actor may see: everything for officers, their own
// organization for ngo users (asking for another one is refused).
func (a Actor) scope(requested string) (string, error) {
	if a.Officer() {
		return requested, nil
	}
	if !a.Has(RoleNGO) {
		return "", domain.Forbidden("only officers and ngo users may list these")
	}
	if a.Org == "" {
		return "", errNoOrganizationYet
	}
	if requested != "" && requested != a.Org {
		return "", domain.Forbidden("you may list only your own organization's")
	}
	return a.Org, nil
}
