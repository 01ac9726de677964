package grpcapi

import (
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

// Policy says which roles may call each RPC, as the contract's "Who:" lines say. Finer rules (an
// ngo user acts only for their own organization) are the use cases'. policy_test.go fails if an
// RPC of the contract is missing.
var Policy = auth.Table{
	eventsv1.EventsService_CreateEvent_FullMethodName:                 {auth.RoleOfficer},
	eventsv1.EventsService_GetEvent_FullMethodName:                    {auth.Anyone},
	eventsv1.EventsService_ListEvents_FullMethodName:                  {auth.Anyone},
	eventsv1.EventsService_UpdateEvent_FullMethodName:                 {auth.RoleOfficer},
	eventsv1.EventsService_CancelEvent_FullMethodName:                 {auth.RoleOfficer},
	eventsv1.EventsService_ProposeSideEvent_FullMethodName:            {auth.RoleNGO},
	eventsv1.EventsService_ListSideEventProposals_FullMethodName:      {auth.RoleOfficer, auth.RoleNGO},
	eventsv1.EventsService_ApproveSideEventProposal_FullMethodName:    {auth.RoleOfficer},
	eventsv1.EventsService_RejectSideEventProposal_FullMethodName:     {auth.RoleOfficer},
	eventsv1.EventsService_RegisterParticipant_FullMethodName:         {auth.RoleNGO, auth.RoleOfficer},
	eventsv1.EventsService_CancelRegistration_FullMethodName:          {auth.RoleNGO, auth.RoleOfficer},
	eventsv1.EventsService_ListRegistrations_FullMethodName:           {auth.RoleOfficer, auth.RoleNGO},
	eventsv1.EventsService_RequestAccreditation_FullMethodName:        {auth.RoleNGO},
	eventsv1.EventsService_ListAccreditationRequests_FullMethodName:   {auth.RoleOfficer, auth.RoleNGO},
	eventsv1.EventsService_ApproveAccreditationRequest_FullMethodName: {auth.RoleOfficer},
	eventsv1.EventsService_RejectAccreditationRequest_FullMethodName:  {auth.RoleOfficer},
	eventsv1.EventsService_GetParticipationReport_FullMethodName:      {auth.RoleOfficer},
	eventsv1.EventsService_GetCalendar_FullMethodName:                 {auth.Anyone},
	eventsv1.EventsService_GetEventCalendar_FullMethodName:            {auth.Anyone},
	eventsv1.EventsService_CreateDesignation_FullMethodName:           {auth.RoleNGO, auth.RoleOfficer},
	eventsv1.EventsService_GetDesignation_FullMethodName:              {auth.RoleSystem, auth.RoleOfficer, auth.RoleNGO},
	eventsv1.EventsService_ListDesignations_FullMethodName:            {auth.RoleSystem, auth.RoleOfficer, auth.RoleNGO},
	eventsv1.EventsService_ApproveDesignation_FullMethodName:          {auth.RoleOfficer},
	eventsv1.EventsService_ReturnDesignation_FullMethodName:           {auth.RoleOfficer},
	eventsv1.EventsService_WatchDesignationChanges_FullMethodName:     {auth.RoleSystem, auth.RoleOfficer},
	eventsv1.EventsService_CreateStatementCall_FullMethodName:         {auth.RoleOfficer},
	eventsv1.EventsService_ListStatementCalls_FullMethodName:          {auth.Anyone},
	eventsv1.EventsService_SubmitWrittenStatement_FullMethodName:      {auth.RoleNGO, auth.RoleOfficer},
	eventsv1.EventsService_GetWrittenStatement_FullMethodName:         {auth.Anyone},
	eventsv1.EventsService_ListWrittenStatements_FullMethodName:       {auth.Anyone},
	eventsv1.EventsService_AcceptWrittenStatement_FullMethodName:      {auth.RoleOfficer},
	eventsv1.EventsService_ReturnWrittenStatement_FullMethodName:      {auth.RoleOfficer},
	eventsv1.EventsService_RequestToSpeak_FullMethodName:              {auth.RoleNGO, auth.RoleOfficer},
	eventsv1.EventsService_ListSpeakerRequests_FullMethodName:         {auth.RoleOfficer, auth.RoleNGO},
	eventsv1.EventsService_ArrangeSpeakers_FullMethodName:             {auth.RoleOfficer},
}
