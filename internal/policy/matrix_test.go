package policy_test

import (
	"slices"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/accreditation"
	"github.com/un-liaison/liaison/services/events"
	"github.com/un-liaison/liaison/services/registry"
)

// Who may call what, written from the "Who:" lines of the contracts and api.md's "who" column,
// independently of the services' own tables. "owner" in the API (an ngo user of the organization
// concerned) is the ngo role here: ownership itself is checked by the use cases, not the policy.
const anyone = "anyone"

var (
	ngo       = string(auth.RoleNGO)
	officer   = string(auth.RoleOfficer)
	committee = string(auth.RoleCommittee)
	system    = string(auth.RoleSystem)
	admin     = string(auth.RoleAdmin)
	signedIn  = []string{ngo, officer, committee, system, admin}
)

var expected = map[string][]string{
	// Registry.
	registryv1.RegistryService_CreateOrganization_FullMethodName:        {officer, admin, ngo},
	registryv1.RegistryService_GetOrganization_FullMethodName:           {anyone},
	registryv1.RegistryService_UpdateOrganization_FullMethodName:        {officer, admin, ngo},
	registryv1.RegistryService_AcceptOrganizationProfile_FullMethodName: {officer},
	registryv1.RegistryService_ReturnOrganizationProfile_FullMethodName: {officer},
	registryv1.RegistryService_ListOrganizations_FullMethodName:         {anyone},
	registryv1.RegistryService_BatchGetOrganizations_FullMethodName:     {anyone},
	registryv1.RegistryService_CreateNgoCommittee_FullMethodName:        {officer, admin},
	registryv1.RegistryService_GetNgoCommittee_FullMethodName:           {anyone},
	registryv1.RegistryService_ListNgoCommittees_FullMethodName:         {anyone},
	registryv1.RegistryService_AddCommitteeMember_FullMethodName:        {officer, admin},
	registryv1.RegistryService_CreateFocalPoint_FullMethodName:          {officer, admin},
	registryv1.RegistryService_ListFocalPoints_FullMethodName:           {anyone},
	registryv1.RegistryService_CreatePartnership_FullMethodName:         {officer, admin},
	registryv1.RegistryService_ListPartnerships_FullMethodName:          {anyone},

	// Accreditation.
	accreditationv1.AccreditationService_CreateApplication_FullMethodName:            {ngo, officer},
	accreditationv1.AccreditationService_GetApplication_FullMethodName:               {ngo, officer, committee},
	accreditationv1.AccreditationService_ListApplications_FullMethodName:             {ngo, officer, committee},
	accreditationv1.AccreditationService_UpdateApplication_FullMethodName:            {ngo},
	accreditationv1.AccreditationService_AddApplicationDocument_FullMethodName:       {ngo},
	accreditationv1.AccreditationService_DownloadApplicationDocument_FullMethodName:  {ngo, officer, committee},
	accreditationv1.AccreditationService_SubmitApplication_FullMethodName:            {ngo},
	accreditationv1.AccreditationService_ScreenApplication_FullMethodName:            {officer},
	accreditationv1.AccreditationService_ScheduleApplication_FullMethodName:          {officer},
	accreditationv1.AccreditationService_PoseQuestion_FullMethodName:                 {committee, officer},
	accreditationv1.AccreditationService_AnswerQuestion_FullMethodName:               {ngo},
	accreditationv1.AccreditationService_RecordOutcome_FullMethodName:                {officer},
	accreditationv1.AccreditationService_RecordDecision_FullMethodName:               {officer},
	accreditationv1.AccreditationService_WithdrawApplication_FullMethodName:          {ngo},
	accreditationv1.AccreditationService_ListApplicationEvents_FullMethodName:        {ngo, officer},
	accreditationv1.AccreditationService_CreateCommitteeSession_FullMethodName:       {officer},
	accreditationv1.AccreditationService_GetCommitteeSession_FullMethodName:          signedIn,
	accreditationv1.AccreditationService_ListCommitteeSessions_FullMethodName:        signedIn,
	accreditationv1.AccreditationService_ApplyNoAnswerRule_FullMethodName:            {officer},
	accreditationv1.AccreditationService_GetConsultativeStatus_FullMethodName:        {anyone},
	accreditationv1.AccreditationService_BatchGetConsultativeStatuses_FullMethodName: {anyone},
	accreditationv1.AccreditationService_WatchStatusChanges_FullMethodName:           {system, officer},
	accreditationv1.AccreditationService_SubmitQuadrennialReport_FullMethodName:      {ngo},
	accreditationv1.AccreditationService_ListQuadrennialReports_FullMethodName:       {anyone},
	accreditationv1.AccreditationService_EnforceReporting_FullMethodName:             {officer, admin},
	accreditationv1.AccreditationService_WithdrawStatus_FullMethodName:               {ngo, officer},
	accreditationv1.AccreditationService_IssueStatusCredential_FullMethodName:        {ngo, officer},
	accreditationv1.AccreditationService_VerifyStatusCredential_FullMethodName:       {anyone},
	accreditationv1.AccreditationService_GetCredentialStatusList_FullMethodName:      {anyone},
	accreditationv1.AccreditationService_ListCredentialKeys_FullMethodName:           {anyone},
	accreditationv1.AccreditationService_AssembleAgenda_FullMethodName:               {officer},
	accreditationv1.AccreditationService_GetAgenda_FullMethodName:                    {officer, committee},
	accreditationv1.AccreditationService_BatchRecordOutcomes_FullMethodName:          {officer},
	accreditationv1.AccreditationService_RecordEcosocDecision_FullMethodName:         {officer},
	accreditationv1.AccreditationService_ReviewQuadrennialReport_FullMethodName:      {officer},
	accreditationv1.AccreditationService_FileCommitteeRequest_FullMethodName:         {ngo, officer},
	accreditationv1.AccreditationService_ReviewCommitteeRequest_FullMethodName:       {officer},
	accreditationv1.AccreditationService_ListFailedNotices_FullMethodName:            {officer},
	accreditationv1.AccreditationService_RetryNotice_FullMethodName:                  {officer},
	accreditationv1.AccreditationService_GetNoticePreferences_FullMethodName:         {ngo, officer},
	accreditationv1.AccreditationService_UpdateNoticePreferences_FullMethodName:      {ngo, officer},

	// Events.
	eventsv1.EventsService_CreateEvent_FullMethodName:                 {officer},
	eventsv1.EventsService_GetEvent_FullMethodName:                    {anyone},
	eventsv1.EventsService_ListEvents_FullMethodName:                  {anyone},
	eventsv1.EventsService_UpdateEvent_FullMethodName:                 {officer},
	eventsv1.EventsService_CancelEvent_FullMethodName:                 {officer},
	eventsv1.EventsService_ProposeSideEvent_FullMethodName:            {ngo},
	eventsv1.EventsService_ListSideEventProposals_FullMethodName:      {officer, ngo},
	eventsv1.EventsService_ApproveSideEventProposal_FullMethodName:    {officer},
	eventsv1.EventsService_RejectSideEventProposal_FullMethodName:     {officer},
	eventsv1.EventsService_RegisterParticipant_FullMethodName:         {ngo, officer},
	eventsv1.EventsService_CancelRegistration_FullMethodName:          {ngo, officer},
	eventsv1.EventsService_ListRegistrations_FullMethodName:           {officer, ngo},
	eventsv1.EventsService_RequestAccreditation_FullMethodName:        {ngo},
	eventsv1.EventsService_ListAccreditationRequests_FullMethodName:   {officer, ngo},
	eventsv1.EventsService_ApproveAccreditationRequest_FullMethodName: {officer},
	eventsv1.EventsService_RejectAccreditationRequest_FullMethodName:  {officer},
	eventsv1.EventsService_GetParticipationReport_FullMethodName:      {officer},
	eventsv1.EventsService_GetCalendar_FullMethodName:                 {anyone},
	eventsv1.EventsService_GetEventCalendar_FullMethodName:            {anyone},
	eventsv1.EventsService_CreateDesignation_FullMethodName:           {ngo, officer},
	eventsv1.EventsService_GetDesignation_FullMethodName:              {system, officer, ngo},
	eventsv1.EventsService_ListDesignations_FullMethodName:            {system, officer, ngo},
	eventsv1.EventsService_ApproveDesignation_FullMethodName:          {officer},
	eventsv1.EventsService_ReturnDesignation_FullMethodName:           {officer},
	eventsv1.EventsService_WatchDesignationChanges_FullMethodName:     {system, officer},
	eventsv1.EventsService_CreateStatementCall_FullMethodName:         {officer},
	eventsv1.EventsService_ListStatementCalls_FullMethodName:          {anyone},
	eventsv1.EventsService_SubmitWrittenStatement_FullMethodName:      {ngo, officer},
	eventsv1.EventsService_GetWrittenStatement_FullMethodName:         {anyone},
	eventsv1.EventsService_ListWrittenStatements_FullMethodName:       {anyone},
	eventsv1.EventsService_AcceptWrittenStatement_FullMethodName:      {officer},
	eventsv1.EventsService_ReturnWrittenStatement_FullMethodName:      {officer},
	eventsv1.EventsService_RequestToSpeak_FullMethodName:              {ngo, officer},
	eventsv1.EventsService_ListSpeakerRequests_FullMethodName:         {officer, ngo},
	eventsv1.EventsService_ArrangeSpeakers_FullMethodName:             {officer},
}

// served pairs each service's contract with the policy its Spec gives the platform.
var served = []struct {
	spec service.Spec
	desc grpc.ServiceDesc
}{
	{registry.Spec, registryv1.RegistryService_ServiceDesc},
	{accreditation.Spec, accreditationv1.AccreditationService_ServiceDesc},
	{events.Spec, eventsv1.EventsService_ServiceDesc},
}

// methods lists the full names of every unary and streaming RPC of desc.
func methods(desc grpc.ServiceDesc) []string {
	var out []string
	for _, m := range desc.Methods {
		out = append(out, "/"+desc.ServiceName+"/"+m.MethodName)
	}
	for _, s := range desc.Streams {
		out = append(out, "/"+desc.ServiceName+"/"+s.StreamName)
	}
	return out
}

// caller is one column of the matrix: anonymous, or a token holding exactly one role.
type caller struct {
	name      string
	id        auth.Identity
	anonymous bool
}

func callers() []caller {
	out := []caller{{name: "anonymous", anonymous: true}}
	for _, r := range auth.Roles {
		id := auth.Identity{Subject: "matrix-" + string(r), Roles: []auth.Role{r}}
		if r == auth.RoleNGO {
			id.Org = "org-matrix"
		}
		out = append(out, caller{name: string(r), id: id})
	}
	return out
}

// TestEveryRPCHasTheExpectedAccessForEveryRole fails when an RPC is added without a decision
// here, when a service's policy admits a role the contract does not, or refuses one it admits.
// A refused anonymous caller must be told to sign in (UNAUTHENTICATED → 401), a refused signed-in
// caller that the role is wrong (PERMISSION_DENIED → 403).
func TestEveryRPCHasTheExpectedAccessForEveryRole(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, s := range served {
		if s.spec.Policy == nil {
			t.Errorf("%s: the Spec has no Policy; every RPC would be open", s.spec.Name)
			continue
		}
		for _, method := range methods(s.desc) {
			seen[method] = true
			allowed, ok := expected[method]
			if !ok {
				t.Errorf("%s: no expected access in this matrix; decide who may call it and add it here", method)
				continue
			}
			for _, c := range callers() {
				want := codes.PermissionDenied
				switch {
				case slices.Contains(allowed, anyone), !c.anonymous && slices.Contains(allowed, c.name):
					want = codes.OK
				case c.anonymous:
					want = codes.Unauthenticated
				}
				got := status.Code(s.spec.Policy(method, c.id, c.anonymous))
				if got != want {
					t.Errorf("%s as %s: %v, want %v", method, c.name, got, want)
				}
			}
		}
	}
	for method := range expected {
		if !seen[method] {
			t.Errorf("%s is in the matrix but no longer in any contract", method)
		}
	}
}

// A method a service has never heard of is refused, whatever the caller: the policies are closed
// by default, so a forgotten table entry can never open an RPC.
func TestUnknownMethodsOfEachServiceAreRefused(t *testing.T) {
	t.Parallel()
	for _, s := range served {
		method := "/" + s.desc.ServiceName + "/NotInTheContract"
		for _, c := range callers() {
			if c.anonymous {
				continue
			}
			if err := s.spec.Policy(method, c.id, false); status.Code(err) != codes.PermissionDenied {
				t.Errorf("%s as %s: %v, want PERMISSION_DENIED", method, c.name, err)
			}
		}
	}
}
