package domain

import "slices"

// Roles a caller may hold in its token.
const (
	RoleNGO       = "ngo"
	RoleOfficer   = "officer"
	RoleCommittee = "committee"
	RoleSystem    = "system"
	RoleAdmin     = "admin"
)

// Actor is who takes a step, as recorded in the history: the token's
// subject and roles, and for an ngo user the organization it acts for.
type Actor struct {
	Subject string
	Roles   []string
	Org     string
}

// HasRole reports whether the actor holds role.
func (a Actor) HasRole(role string) bool { return slices.Contains(a.Roles, role) }

// HasAnyRole reports whether the actor holds at least one of roles.
func (a Actor) HasAnyRole(roles ...string) bool {
	return slices.ContainsFunc(roles, a.HasRole)
}

// Anonymous reports whether no one signed in.
func (a Actor) Anonymous() bool { return a.Subject == "" && len(a.Roles) == 0 }

// ActsFor reports whether the actor is an ngo user of organization org.
func (a Actor) ActsFor(org string) bool { return a.HasRole(RoleNGO) && a.Org != "" && a.Org == org }

// JobActor is the actor recorded for steps taken by a scheduled job, so the
// history never shows a person for something no person did.
func JobActor(job string) Actor { return Actor{Subject: "system:" + job, Roles: []string{RoleSystem}} }
