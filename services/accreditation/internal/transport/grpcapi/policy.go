package grpcapi

import (
	"context"
	"slices"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// anyone marks a method open to anonymous callers.
const anyone = ""

var signedIn = []string{domain.RoleNGO, domain.RoleOfficer, domain.RoleCommittee, domain.RoleSystem, domain.RoleAdmin}

// policy says which roles may call each method at all, as the contract's
// "Who:" lines say. It is the coarse gate; whether an ngo user owns the
// application is decided by the use case, which knows the application.
var policy = map[string][]string{
	accreditationv1.AccreditationService_CreateApplication_FullMethodName:            {domain.RoleNGO, domain.RoleOfficer},
	accreditationv1.AccreditationService_GetApplication_FullMethodName:               {domain.RoleNGO, domain.RoleOfficer, domain.RoleCommittee},
	accreditationv1.AccreditationService_ListApplications_FullMethodName:             {domain.RoleNGO, domain.RoleOfficer, domain.RoleCommittee},
	accreditationv1.AccreditationService_UpdateApplication_FullMethodName:            {domain.RoleNGO},
	accreditationv1.AccreditationService_AddApplicationDocument_FullMethodName:       {domain.RoleNGO},
	accreditationv1.AccreditationService_DownloadApplicationDocument_FullMethodName:  {domain.RoleNGO, domain.RoleOfficer, domain.RoleCommittee},
	accreditationv1.AccreditationService_SubmitApplication_FullMethodName:            {domain.RoleNGO},
	accreditationv1.AccreditationService_ScreenApplication_FullMethodName:            {domain.RoleOfficer},
	accreditationv1.AccreditationService_ScheduleApplication_FullMethodName:          {domain.RoleOfficer},
	accreditationv1.AccreditationService_PoseQuestion_FullMethodName:                 {domain.RoleCommittee, domain.RoleOfficer},
	accreditationv1.AccreditationService_AnswerQuestion_FullMethodName:               {domain.RoleNGO},
	accreditationv1.AccreditationService_RecordOutcome_FullMethodName:                {domain.RoleOfficer},
	accreditationv1.AccreditationService_RecordDecision_FullMethodName:               {domain.RoleOfficer},
	accreditationv1.AccreditationService_WithdrawApplication_FullMethodName:          {domain.RoleNGO},
	accreditationv1.AccreditationService_ListApplicationEvents_FullMethodName:        {domain.RoleNGO, domain.RoleOfficer},
	accreditationv1.AccreditationService_CreateCommitteeSession_FullMethodName:       {domain.RoleOfficer},
	accreditationv1.AccreditationService_GetCommitteeSession_FullMethodName:          signedIn,
	accreditationv1.AccreditationService_ListCommitteeSessions_FullMethodName:        signedIn,
	accreditationv1.AccreditationService_ApplyNoAnswerRule_FullMethodName:            {domain.RoleOfficer},
	accreditationv1.AccreditationService_GetConsultativeStatus_FullMethodName:        {anyone},
	accreditationv1.AccreditationService_BatchGetConsultativeStatuses_FullMethodName: {anyone},
	accreditationv1.AccreditationService_WatchStatusChanges_FullMethodName:           {domain.RoleSystem, domain.RoleOfficer},
	accreditationv1.AccreditationService_SubmitQuadrennialReport_FullMethodName:      {domain.RoleNGO},
	accreditationv1.AccreditationService_ListQuadrennialReports_FullMethodName:       {anyone},
	accreditationv1.AccreditationService_EnforceReporting_FullMethodName:             {domain.RoleOfficer, domain.RoleAdmin},
	accreditationv1.AccreditationService_WithdrawStatus_FullMethodName:               {domain.RoleNGO, domain.RoleOfficer},
	accreditationv1.AccreditationService_IssueStatusCredential_FullMethodName:        {domain.RoleNGO, domain.RoleOfficer},
	accreditationv1.AccreditationService_VerifyStatusCredential_FullMethodName:       {anyone},
	accreditationv1.AccreditationService_GetCredentialStatusList_FullMethodName:      {anyone},
	accreditationv1.AccreditationService_ListCredentialKeys_FullMethodName:           {anyone},
	accreditationv1.AccreditationService_AssembleAgenda_FullMethodName:               {domain.RoleOfficer},
	accreditationv1.AccreditationService_GetAgenda_FullMethodName:                    {domain.RoleOfficer, domain.RoleCommittee},
	accreditationv1.AccreditationService_BatchRecordOutcomes_FullMethodName:          {domain.RoleOfficer},
	accreditationv1.AccreditationService_RecordEcosocDecision_FullMethodName:         {domain.RoleOfficer},
	accreditationv1.AccreditationService_ReviewQuadrennialReport_FullMethodName:      {domain.RoleOfficer},
	accreditationv1.AccreditationService_FileCommitteeRequest_FullMethodName:         {domain.RoleNGO, domain.RoleOfficer},
	accreditationv1.AccreditationService_ReviewCommitteeRequest_FullMethodName:       {domain.RoleOfficer},
	accreditationv1.AccreditationService_ListFailedNotices_FullMethodName:            {domain.RoleOfficer},
	accreditationv1.AccreditationService_RetryNotice_FullMethodName:                  {domain.RoleOfficer},
	accreditationv1.AccreditationService_GetNoticePreferences_FullMethodName:         {domain.RoleNGO, domain.RoleOfficer},
	accreditationv1.AccreditationService_UpdateNoticePreferences_FullMethodName:      {domain.RoleNGO, domain.RoleOfficer},
}

// actorFrom turns the platform's identity into the domain's actor; an
// anonymous caller is the zero Actor.
func actorFrom(ctx context.Context) domain.Actor { return domain.Actor(auth.CallerFrom(ctx)) }

// servicePrefix starts the full name of every method this policy governs.
var servicePrefix = "/" + accreditationv1.AccreditationService_ServiceDesc.ServiceName + "/"

// Authorize applies the policy table to one call. It has the shape of
// auth.Policy so the platform's interceptor can refuse a call before its
// request is even validated; the handlers apply it again, so the service is
// safe however it is served. Methods of other services on the same server
// (health checks, reflection) are not this policy's business and pass.
func Authorize(fullMethod string, id auth.Identity, anonymous bool) error {
	if !strings.HasPrefix(fullMethod, servicePrefix) {
		return nil
	}
	actor := domain.Actor{}
	if !anonymous {
		actor = domain.Actor(id.Caller())
	}
	return check(fullMethod, actor)
}

// check refuses a caller the method's policy does not admit. A method
// missing from the table is refused, so a new RPC is closed until someone
// decides who may call it.
func check(method string, actor domain.Actor) error {
	roles, ok := policy[method]
	switch {
	case !ok:
		return status.Error(codes.PermissionDenied, "no access policy for "+method)
	case slices.Contains(roles, anyone):
		return nil
	case actor.Anonymous():
		return status.Error(codes.Unauthenticated, "this call needs a bearer token")
	case !actor.HasAnyRole(roles...):
		return status.Error(codes.PermissionDenied, "your roles do not allow this call")
	}
	return nil
}

// authorize applies the policy for method and returns the caller.
func authorize(ctx context.Context, method string) (domain.Actor, error) {
	actor := actorFrom(ctx)
	return actor, check(method, actor)
}
