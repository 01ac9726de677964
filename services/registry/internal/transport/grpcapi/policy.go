package grpcapi

import (
	"context"
	"slices"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

// anyone marks a method that anonymous callers may use.
const anyone = ""

var staff = []string{string(auth.RoleOfficer), string(auth.RoleAdmin)}

// Policy lists, per RPC, the roles allowed to call it ("" admits anyone, even without a token).
// It is the first gate; the use cases then apply the finer rules (an ngo user changes only its own
// organization). Every RPC must have an entry: a test walks the service description.
var Policy = map[string][]string{
	registryv1.RegistryService_CreateOrganization_FullMethodName:        append(slices.Clone(staff), string(auth.RoleNGO)),
	registryv1.RegistryService_GetOrganization_FullMethodName:           {anyone},
	registryv1.RegistryService_UpdateOrganization_FullMethodName:        append(slices.Clone(staff), string(auth.RoleNGO)),
	registryv1.RegistryService_AcceptOrganizationProfile_FullMethodName: {string(auth.RoleOfficer)},
	registryv1.RegistryService_ReturnOrganizationProfile_FullMethodName: {string(auth.RoleOfficer)},
	registryv1.RegistryService_ListOrganizations_FullMethodName:         {anyone},
	registryv1.RegistryService_BatchGetOrganizations_FullMethodName:     {anyone},
	registryv1.RegistryService_CreateNgoCommittee_FullMethodName:        staff,
	registryv1.RegistryService_GetNgoCommittee_FullMethodName:           {anyone},
	registryv1.RegistryService_ListNgoCommittees_FullMethodName:         {anyone},
	registryv1.RegistryService_AddCommitteeMember_FullMethodName:        staff,
	registryv1.RegistryService_CreateFocalPoint_FullMethodName:          staff,
	registryv1.RegistryService_ListFocalPoints_FullMethodName:           {anyone},
	registryv1.RegistryService_CreatePartnership_FullMethodName:         staff,
	registryv1.RegistryService_ListPartnerships_FullMethodName:          {anyone},
}

// servicePrefix starts the full name of every registry RPC.
var servicePrefix = "/" + registryv1.RegistryService_ServiceDesc.ServiceName + "/"

// Authorize applies Policy to one call. It has the shape of auth.Policy so the platform's
// interceptor can run it before request validation; handlers run it too, so the rules hold however
// the server is wired. A registry method missing from Policy is refused; the platform's own
// services on the same server (health, reflection) are not the registry's to police.
func Authorize(fullMethod string, id auth.Identity, anonymous bool) error {
	if !strings.HasPrefix(fullMethod, servicePrefix) {
		return nil
	}
	roles, ok := Policy[fullMethod]
	switch {
	case !ok:
		return status.Error(codes.PermissionDenied, "this method has no access rule")
	case slices.Contains(roles, anyone):
		return nil
	case anonymous:
		return status.Error(codes.Unauthenticated, "sign in: this method needs a bearer token")
	}
	for _, r := range id.Roles {
		if slices.Contains(roles, string(r)) {
			return nil
		}
	}
	return status.Errorf(codes.PermissionDenied, "this method is for %v", roles)
}

// authorize applies Policy to the caller in ctx.
func authorize(ctx context.Context, fullMethod string) error {
	id, ok := auth.FromContext(ctx)
	return Authorize(fullMethod, id, !ok)
}
