package auth

import (
	"fmt"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

// ClaimMapping says where a token carries what liaison needs to know about its caller. Providers
// differ: one puts roles in "roles", another in "groups" or inside an object ("ext.roles"), and
// a machine client's token often has scopes only.
type ClaimMapping struct {
	// Roles names the claim holding the caller's roles, a list or a space-separated string;
	// a dotted name reaches into an object.
	Roles string
	// Org names the claim holding the organization an NGO user acts for.
	Org string
	// ScopeRoles grants a role for each scope the token was issued with (claim "scp" as a
	// list, or "scope" as a space-separated string).
	ScopeRoles map[string]Role
}

// DefaultClaims is the mapping of liaison's own dev tokens.
var DefaultClaims = ClaimMapping{Roles: "roles", Org: "org"}

// NewClaimMapping checks a configured mapping: every scope must grant a role liaison knows.
func NewClaimMapping(roles, org string, scopeRoles map[string]string) (ClaimMapping, error) {
	m := ClaimMapping{Roles: roles, Org: org, ScopeRoles: map[string]Role{}}
	if m.Roles == "" {
		m.Roles = DefaultClaims.Roles
	}
	if m.Org == "" {
		m.Org = DefaultClaims.Org
	}
	for scope, name := range scopeRoles {
		r, err := ParseRole(name)
		if err != nil {
			return ClaimMapping{}, fmt.Errorf("auth: scope %q: %w", scope, err)
		}
		m.ScopeRoles[scope] = r
	}
	return m, nil
}

// identity reads the caller out of verified claims. Roles liaison does not know carry no rights
// and are dropped; a token left with no role at all still yields an identity, which the
// interceptor then refuses with a reason instead of letting a policy guess.
func (m ClaimMapping) identity(c jwt.MapClaims) (Identity, error) {
	sub, _ := c["sub"].(string)
	if sub == "" {
		return Identity{}, fmt.Errorf("%w: no subject", ErrInvalidToken)
	}
	id := Identity{Subject: sub}
	if org, ok := lookup(c, m.Org).(string); ok {
		id.Org = org
	}
	add := func(name string) {
		r, err := ParseRole(name)
		if err == nil && !id.HasRole(r) {
			id.Roles = append(id.Roles, r)
		}
	}
	for _, name := range claimStrings(lookup(c, m.Roles)) {
		add(name)
	}
	if len(m.ScopeRoles) > 0 {
		scopes := claimStrings(c["scp"])
		scopes = append(scopes, claimStrings(c["scope"])...)
		for _, s := range scopes {
			if r, ok := m.ScopeRoles[s]; ok {
				add(string(r))
			}
		}
	}
	return id, nil
}

// lookup follows a dotted claim name through nested objects.
func lookup(c map[string]any, name string) any {
	var v any = c
	for part := range strings.SplitSeq(name, ".") {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[part]
	}
	return v
}

// strings_ reads a claim that is a list of strings or one space-separated string.
func claimStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return strings.Fields(v)
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
