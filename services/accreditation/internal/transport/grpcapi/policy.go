package grpcapi

import (
	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

// Policy says which roles may call each method at all, as the contract's "Who:" lines say. It is
// the coarse gate; whether an ngo user owns the application is decided by the use case, which
// knows the application.
var Policy = auth.Table{
	accreditationv1.AccreditationService_CreateApplication_FullMethodName:            {auth.RoleNGO, auth.RoleOfficer},
	accreditationv1.AccreditationService_GetApplication_FullMethodName:               {auth.RoleNGO, auth.RoleOfficer, auth.RoleCommittee},
	accreditationv1.AccreditationService_ListApplications_FullMethodName:             {auth.RoleNGO, auth.RoleOfficer, auth.RoleCommittee},
	accreditationv1.AccreditationService_UpdateApplication_FullMethodName:            {auth.RoleNGO},
	accreditationv1.AccreditationService_AddApplicationDocument_FullMethodName:       {auth.RoleNGO},
	accreditationv1.AccreditationService_DownloadApplicationDocument_FullMethodName:  {auth.RoleNGO, auth.RoleOfficer, auth.RoleCommittee},
	accreditationv1.AccreditationService_SubmitApplication_FullMethodName:            {auth.RoleNGO},
	accreditationv1.AccreditationService_ScreenApplication_FullMethodName:            {auth.RoleOfficer},
	accreditationv1.AccreditationService_ScheduleApplication_FullMethodName:          {auth.RoleOfficer},
	accreditationv1.AccreditationService_PoseQuestion_FullMethodName:                 {auth.RoleCommittee, auth.RoleOfficer},
	accreditationv1.AccreditationService_AnswerQuestion_FullMethodName:               {auth.RoleNGO},
	accreditationv1.AccreditationService_RecordOutcome_FullMethodName:                {auth.RoleOfficer},
	accreditationv1.AccreditationService_RecordDecision_FullMethodName:               {auth.RoleOfficer},
	accreditationv1.AccreditationService_WithdrawApplication_FullMethodName:          {auth.RoleNGO},
	accreditationv1.AccreditationService_ListApplicationEvents_FullMethodName:        {auth.RoleNGO, auth.RoleOfficer},
	accreditationv1.AccreditationService_CreateCommitteeSession_FullMethodName:       {auth.RoleOfficer},
	accreditationv1.AccreditationService_GetCommitteeSession_FullMethodName:          auth.Roles,
	accreditationv1.AccreditationService_ListCommitteeSessions_FullMethodName:        auth.Roles,
	accreditationv1.AccreditationService_ApplyNoAnswerRule_FullMethodName:            {auth.RoleOfficer},
	accreditationv1.AccreditationService_GetConsultativeStatus_FullMethodName:        {auth.Anyone},
	accreditationv1.AccreditationService_BatchGetConsultativeStatuses_FullMethodName: {auth.Anyone},
	accreditationv1.AccreditationService_WatchStatusChanges_FullMethodName:           {auth.RoleSystem, auth.RoleOfficer},
	accreditationv1.AccreditationService_SubmitQuadrennialReport_FullMethodName:      {auth.RoleNGO},
	accreditationv1.AccreditationService_ListQuadrennialReports_FullMethodName:       {auth.Anyone},
	accreditationv1.AccreditationService_EnforceReporting_FullMethodName:             {auth.RoleOfficer, auth.RoleAdmin},
	accreditationv1.AccreditationService_WithdrawStatus_FullMethodName:               {auth.RoleNGO, auth.RoleOfficer},
	accreditationv1.AccreditationService_IssueStatusCredential_FullMethodName:        {auth.RoleNGO, auth.RoleOfficer},
	accreditationv1.AccreditationService_VerifyStatusCredential_FullMethodName:       {auth.Anyone},
	accreditationv1.AccreditationService_GetCredentialStatusList_FullMethodName:      {auth.Anyone},
	accreditationv1.AccreditationService_ListCredentialKeys_FullMethodName:           {auth.Anyone},
	accreditationv1.AccreditationService_AssembleAgenda_FullMethodName:               {auth.RoleOfficer},
	accreditationv1.AccreditationService_GetAgenda_FullMethodName:                    {auth.RoleOfficer, auth.RoleCommittee},
	accreditationv1.AccreditationService_BatchRecordOutcomes_FullMethodName:          {auth.RoleOfficer},
	accreditationv1.AccreditationService_RecordEcosocDecision_FullMethodName:         {auth.RoleOfficer},
	accreditationv1.AccreditationService_ReviewQuadrennialReport_FullMethodName:      {auth.RoleOfficer},
	accreditationv1.AccreditationService_FileCommitteeRequest_FullMethodName:         {auth.RoleNGO, auth.RoleOfficer},
	accreditationv1.AccreditationService_ReviewCommitteeRequest_FullMethodName:       {auth.RoleOfficer},
	accreditationv1.AccreditationService_ListFailedNotices_FullMethodName:            {auth.RoleOfficer},
	accreditationv1.AccreditationService_RetryNotice_FullMethodName:                  {auth.RoleOfficer},
	accreditationv1.AccreditationService_GetNoticePreferences_FullMethodName:         {auth.RoleNGO, auth.RoleOfficer},
	accreditationv1.AccreditationService_UpdateNoticePreferences_FullMethodName:      {auth.RoleNGO, auth.RoleOfficer},
}
