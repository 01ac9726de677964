package grpcapi

import (
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

// TestEveryMethodHasAPolicy fails when an RPC is added to the contract
// without deciding who may call it.
func TestEveryMethodHasAPolicy(t *testing.T) {
	t.Parallel()
	desc := accreditationv1.AccreditationService_ServiceDesc
	var names []string
	for _, m := range desc.Methods {
		names = append(names, m.MethodName)
	}
	for _, s := range desc.Streams {
		names = append(names, s.StreamName)
	}
	for _, n := range names {
		full := "/" + desc.ServiceName + "/" + n
		roles, ok := Policy[full]
		if !ok || len(roles) == 0 {
			t.Errorf("%s has no access policy", full)
		}
	}
	if len(Policy) != len(names) {
		t.Errorf("the policy names %d methods, the service has %d", len(Policy), len(names))
	}
}

func TestAuthorize(t *testing.T) {
	t.Parallel()
	if err := Policy.Authorize(accreditationv1.AccreditationService_SubmitApplication_FullMethodName, auth.Identity{}, true); status.Code(err) != codes.Unauthenticated {
		t.Fatalf("anonymous submit: %v", err)
	}
	if err := Policy.Authorize("/"+accreditationv1.AccreditationService_ServiceDesc.ServiceName+"/NotInTheTable", auth.Identity{Subject: "x", Roles: []auth.Role{auth.RoleAdmin}}, false); status.Code(err) != codes.PermissionDenied {
		t.Fatalf("a method without a policy: %v", err)
	}
}
