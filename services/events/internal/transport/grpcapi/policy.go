package grpcapi

import (
	"context"
	"slices"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/services/events/internal/app"
)

const (
	anyone  = "" // no token needed
	officer = string(auth.RoleOfficer)
	ngo     = string(auth.RoleNGO)
	system  = string(auth.RoleSystem)
)

// Policy says which roles may call each RPC, as the contract's "Who:" lines say; anyone
// (the empty role) lets anonymous callers in. Finer rules (an ngo user acts only for their own
// organization) are the use cases'. policy_test.go fails if an RPC of the contract is missing.
var Policy = map[string][]string{
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

// Authorize applies Policy; it has auth.Policy's shape so that the platform's interceptor can
// run it too. An RPC missing from the table is refused, never let through.
func Authorize(fullMethod string, id auth.Identity, anonymous bool) error {
	roles, ok := Policy[fullMethod]
	if !ok {
		return status.Error(codes.PermissionDenied, "this method is not open to anyone")
	}
	if slices.Contains(roles, anyone) {
		return nil
	}
	if anonymous {
		return status.Error(codes.Unauthenticated, "sign in: this method needs a bearer token")
	}
	for _, r := range roles {
		if id.HasRole(auth.Role(r)) {
			return nil
		}
	}
	return status.Errorf(codes.PermissionDenied, "this method is for the roles %v", roles)
}

// actor checks the policy for fullMethod and returns the caller as the use cases know them. It
// runs at the top of every handler, so the rules hold however the server is assembled.
func actor(ctx context.Context, fullMethod string) (app.Actor, error) {
	id, ok := auth.FromContext(ctx)
	if err := Authorize(fullMethod, id, !ok); err != nil {
		return app.Actor{}, err
	}
	if !ok {
		return app.Actor{}, nil
	}
	return app.Actor(id.Caller()), nil
}
