package grpcapi

import (
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

func TestEveryMethodHasAnAccessRule(t *testing.T) {
	desc := registryv1.RegistryService_ServiceDesc
	for _, m := range desc.Methods {
		if _, ok := Policy["/"+desc.ServiceName+"/"+m.MethodName]; !ok {
			t.Errorf("%s has no entry in Policy", m.MethodName)
		}
	}
	for _, s := range desc.Streams {
		if _, ok := Policy["/"+desc.ServiceName+"/"+s.StreamName]; !ok {
			t.Errorf("%s has no entry in Policy", s.StreamName)
		}
	}
	if len(Policy) != len(desc.Methods)+len(desc.Streams) {
		t.Errorf("Policy has %d entries for %d methods: remove stale ones", len(Policy), len(desc.Methods)+len(desc.Streams))
	}
}

func TestAuthorize(t *testing.T) {
	ngo := auth.Identity{Subject: "n", Roles: []auth.Role{auth.RoleNGO}}
	officer := auth.Identity{Subject: "o", Roles: []auth.Role{auth.RoleOfficer}}
	committee := auth.Identity{Subject: "c", Roles: []auth.Role{auth.RoleCommittee}}
	tests := []struct {
		name      string
		method    string
		id        auth.Identity
		anonymous bool
		want      codes.Code
	}{
		{"anyone reads a profile", registryv1.RegistryService_GetOrganization_FullMethodName, auth.Identity{}, true, codes.OK},
		{"anonymous create is unauthenticated", registryv1.RegistryService_CreateOrganization_FullMethodName, auth.Identity{}, true, codes.Unauthenticated},
		{"ngo creates an organization", registryv1.RegistryService_CreateOrganization_FullMethodName, ngo, false, codes.OK},
		{"ngo may not create a committee", registryv1.RegistryService_CreateNgoCommittee_FullMethodName, ngo, false, codes.PermissionDenied},
		{"committee member may not update profiles", registryv1.RegistryService_UpdateOrganization_FullMethodName, committee, false, codes.PermissionDenied},
		{"ngo may not accept its own profile", registryv1.RegistryService_AcceptOrganizationProfile_FullMethodName, ngo, false, codes.PermissionDenied},
		{"committee member may not create an organization", registryv1.RegistryService_CreateOrganization_FullMethodName, committee, false, codes.PermissionDenied},
		{"officer records a partnership", registryv1.RegistryService_CreatePartnership_FullMethodName, officer, false, codes.OK},
		{"unknown registry method refused", "/liaison.registry.v1.RegistryService/DeleteEverything", officer, false, codes.PermissionDenied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := status.Code(Policy.Authorize(tt.method, tt.id, tt.anonymous)); got != tt.want {
				t.Fatalf("got %v want %v", got, tt.want)
			}
		})
	}
}
