package grpcapi

import (
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

var staff = []auth.Role{auth.RoleOfficer, auth.RoleAdmin}

// Policy lists, per RPC, the roles allowed to call it. The use cases then apply the finer rules
// (an ngo user changes only its own organization). Every RPC must have an entry: a test walks the
// service description.
var Policy = auth.Table{
	registryv1.RegistryService_CreateOrganization_FullMethodName:        {auth.RoleOfficer, auth.RoleAdmin, auth.RoleNGO},
	registryv1.RegistryService_GetOrganization_FullMethodName:           {auth.Anyone},
	registryv1.RegistryService_UpdateOrganization_FullMethodName:        {auth.RoleOfficer, auth.RoleAdmin, auth.RoleNGO},
	registryv1.RegistryService_AcceptOrganizationProfile_FullMethodName: {auth.RoleOfficer},
	registryv1.RegistryService_ReturnOrganizationProfile_FullMethodName: {auth.RoleOfficer},
	registryv1.RegistryService_ListOrganizations_FullMethodName:         {auth.Anyone},
	registryv1.RegistryService_BatchGetOrganizations_FullMethodName:     {auth.Anyone},
	registryv1.RegistryService_CreateNgoCommittee_FullMethodName:        staff,
	registryv1.RegistryService_GetNgoCommittee_FullMethodName:           {auth.Anyone},
	registryv1.RegistryService_ListNgoCommittees_FullMethodName:         {auth.Anyone},
	registryv1.RegistryService_AddCommitteeMember_FullMethodName:        staff,
	registryv1.RegistryService_CreateFocalPoint_FullMethodName:          staff,
	registryv1.RegistryService_ListFocalPoints_FullMethodName:           {auth.Anyone},
	registryv1.RegistryService_CreatePartnership_FullMethodName:         staff,
	registryv1.RegistryService_ListPartnerships_FullMethodName:          {auth.Anyone},
}
