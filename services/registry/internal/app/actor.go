package app

import "slices"

// Roles the registry distinguishes.
const (
	RoleNGO     = "ngo"
	RoleOfficer = "officer"
	RoleAdmin   = "admin"
)

// Actor is who calls a use case, as the transport learned it from the bearer token. The zero Actor
// is an anonymous caller.
type Actor struct {
	Subject string
	Roles   []string
	// Org is the organization an `ngo` user acts for, when the token names one.
	Org string
}

// Anonymous reports whether no identity came with the call.
func (a Actor) Anonymous() bool { return a.Subject == "" }

// Has reports whether the actor holds the role.
func (a Actor) Has(role string) bool { return slices.Contains(a.Roles, role) }

// Staff reports whether the actor may change any record: liaison officers and admins.
func (a Actor) Staff() bool { return a.Has(RoleOfficer) || a.Has(RoleAdmin) }
