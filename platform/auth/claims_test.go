package auth_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/auth/authtest"
)

// Which claims carry roles and organization is configuration: nested claims, space-separated
// strings and machine scopes all map to liaison's roles, and a role liaison does not know is
// dropped rather than trusted.
func TestConfiguredClaimsMapToRoles(t *testing.T) {
	t.Parallel()
	p := authtest.NewProvider(t, idpIssuer)
	p.AddKey(t, "k", jwt.SigningMethodES256)
	nested, err := auth.NewClaimMapping("ext.groups", "ext.ngo", map[string]string{"liaison.system": "system"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		mapping auth.ClaimMapping
		claims  map[string]any
		roles   []auth.Role
		org     string
	}{
		{"defaults", auth.ClaimMapping{}, map[string]any{"roles": []string{"ngo", "auditor"}, "org": "org-7"}, []auth.Role{auth.RoleNGO}, "org-7"},
		{"nested", nested, map[string]any{"ext": map[string]any{"groups": []string{"officer"}, "ngo": "org-9"}}, []auth.Role{auth.RoleOfficer}, "org-9"},
		{"space-separated", nested, map[string]any{"ext": map[string]any{"groups": "committee admin"}}, []auth.Role{auth.RoleCommittee, auth.RoleAdmin}, ""},
		{"scp-list", nested, map[string]any{"scp": []string{"openid", "liaison.system"}}, []auth.Role{auth.RoleSystem}, ""},
		{"scope-string", nested, map[string]any{"scope": "liaison.system profile"}, []auth.Role{auth.RoleSystem}, ""},
		{"nothing-known", nested, map[string]any{"scp": []string{"profile"}, "roles": []string{"officer"}}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := jwksVerifier(t, p, pinned, auth.JWKSOptions{Claims: tt.mapping})
			id, err := v.Verify(context.Background(), p.TokenWith(t, "k", "caller", "liaison", pinned, time.Hour, tt.claims))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(id.Roles, tt.roles) || id.Org != tt.org || id.Subject != "caller" {
				t.Errorf("identity = %+v, want roles %v org %q", id, tt.roles, tt.org)
			}
		})
	}
	if _, err := auth.NewClaimMapping("roles", "org", map[string]string{"badges": "superuser"}); err == nil {
		t.Error("a scope granting an unknown role was accepted")
	}
}

// A valid token that grants no liaison role is refused with PERMISSION_DENIED and a reason,
// whatever the policy would have said.
func TestTokenWithoutARoleIsRefusedWithAReason(t *testing.T) {
	t.Parallel()
	p := authtest.NewProvider(t, idpIssuer)
	p.AddKey(t, "k", jwt.SigningMethodES256)
	v := jwksVerifier(t, p, pinned, auth.JWKSOptions{})
	conn, _ := serve(t, v)
	tok := p.TokenWith(t, "k", "stranger", "liaison", pinned, time.Hour, map[string]any{"roles": []string{"auditor"}})
	err := echo(conn, "Bearer "+tok)
	if status.Code(err) != codes.PermissionDenied || !contains(status.Convert(err).Message(), "no liaison role") {
		t.Fatalf("a token with no role: %v, want PERMISSION_DENIED saying it grants no role", err)
	}
}
