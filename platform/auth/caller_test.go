package auth_test

import (
	"context"
	"slices"
	"testing"

	"github.com/un-liaison/liaison/platform/auth"
)

func TestCallerCarriesTheIdentityWithPlainRoles(t *testing.T) {
	if got := auth.CallerFrom(context.Background()); got.Subject != "" || got.Roles != nil || got.Org != "" {
		t.Errorf("an anonymous call gave %+v, want the zero Caller", got)
	}
	id := auth.Identity{Subject: "amina", Roles: []auth.Role{auth.RoleNGO, auth.RoleOfficer}, Org: "org_a"}
	got := auth.CallerFrom(auth.WithIdentity(context.Background(), id))
	if got.Subject != "amina" || got.Org != "org_a" || !slices.Equal(got.Roles, []string{"ngo", "officer"}) {
		t.Errorf("CallerFrom = %+v", got)
	}
}
