// Package auth defines who is calling: the identity a bearer token carries,
// how dev tokens are issued and verified, and the gRPC interceptors that put
// the caller's identity in the request context. What each identity may do is
// decided per RPC by a Policy.
package auth

import (
	"context"
	"fmt"
	"slices"
)

// Role is what a caller acts as. A token may carry several.
type Role string

// The roles of the liaison API.
const (
	RoleNGO       Role = "ngo"       // acts for one organization (Identity.Org)
	RoleOfficer   Role = "officer"   // a liaison officer of the NGO Branch
	RoleCommittee Role = "committee" // a member of the NGO Committee
	RoleSystem    Role = "system"    // another UN system calling over gRPC
	RoleAdmin     Role = "admin"     // operates the system
)

// Roles lists every role, in the order the API documents them.
var Roles = []Role{RoleNGO, RoleOfficer, RoleCommittee, RoleSystem, RoleAdmin}

// ParseRole accepts the textual form of a role.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if !slices.Contains(Roles, r) {
		return "", fmt.Errorf("unknown role %q (want one of ngo, officer, committee, system, admin)", s)
	}
	return r, nil
}

// Identity is an authenticated caller.
type Identity struct {
	Subject string
	Roles   []Role
	// Org is the organization an ngo user acts for; empty for other roles.
	Org string
}

// HasRole reports whether the caller holds role r.
func (id Identity) HasRole(r Role) bool { return slices.Contains(id.Roles, r) }

// HasAnyRole reports whether the caller holds at least one of rs.
func (id Identity) HasAnyRole(rs ...Role) bool {
	return slices.ContainsFunc(rs, id.HasRole)
}

type identityKey struct{}

// WithIdentity returns ctx carrying the caller's identity.
func WithIdentity(ctx context.Context, id Identity) context.Context {
	return context.WithValue(ctx, identityKey{}, id)
}

// FromContext returns the caller's identity; ok is false for an anonymous
// caller, who may only read public data.
func FromContext(ctx context.Context) (id Identity, ok bool) {
	id, ok = ctx.Value(identityKey{}).(Identity)
	return id, ok
}

// Caller is the caller as a service's use cases see it, with the roles as plain strings. Each
// service's actor type has these three fields, so its transport converts a Caller with a type
// conversion (app.Actor(auth.CallerFrom(ctx))) and its use cases need not import this package.
type Caller struct {
	Subject string
	Roles   []string
	Org     string
}

// Caller returns id as a Caller.
func (id Identity) Caller() Caller {
	roles := make([]string, len(id.Roles))
	for i, r := range id.Roles {
		roles[i] = string(r)
	}
	return Caller{Subject: id.Subject, Roles: roles, Org: id.Org}
}

// CallerFrom returns the caller of ctx: the zero Caller when no valid token came.
func CallerFrom(ctx context.Context) Caller {
	id, ok := FromContext(ctx)
	if !ok {
		return Caller{}
	}
	return id.Caller()
}
