package grpcapi_test

import (
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/services/events/internal/transport/grpcapi"
)

// Every RPC of the contract must have a policy entry, so that a new RPC cannot ship open by
// accident (a missing entry is refused, which the last case checks).
func TestEveryMethodHasAPolicy(t *testing.T) {
	desc := eventsv1.EventsService_ServiceDesc
	for _, m := range desc.Methods {
		full := "/" + desc.ServiceName + "/" + m.MethodName
		if _, ok := grpcapi.Policy[full]; !ok {
			t.Errorf("%s has no policy entry", full)
		}
	}
	for _, m := range desc.Streams {
		full := "/" + desc.ServiceName + "/" + m.StreamName
		if _, ok := grpcapi.Policy[full]; !ok {
			t.Errorf("%s has no policy entry", full)
		}
	}
	if len(grpcapi.Policy) != len(desc.Methods)+len(desc.Streams) {
		t.Errorf("policy has %d entries for %d methods", len(grpcapi.Policy), len(desc.Methods)+len(desc.Streams))
	}
	if code := status.Code(grpcapi.Policy.Authorize("/liaison.events.v1.EventsService/Unknown", auth.Identity{Roles: []auth.Role{auth.RoleAdmin}}, false)); code != codes.PermissionDenied {
		t.Errorf("unknown method: %v", code)
	}
}

func TestAuthorize(t *testing.T) {
	officer := auth.Identity{Subject: "o", Roles: []auth.Role{auth.RoleOfficer}}
	ngo := auth.Identity{Subject: "n", Roles: []auth.Role{auth.RoleNGO}, Org: "org_a"}
	tests := []struct {
		name      string
		method    string
		id        auth.Identity
		anonymous bool
		want      codes.Code
	}{
		{"anonymous-reads-events", eventsv1.EventsService_ListEvents_FullMethodName, auth.Identity{}, true, codes.OK},
		{"anonymous-reads-feed", eventsv1.EventsService_GetCalendar_FullMethodName, auth.Identity{}, true, codes.OK},
		{"anonymous-write-401", eventsv1.EventsService_RegisterParticipant_FullMethodName, auth.Identity{}, true, codes.Unauthenticated},
		{"ngo-creates-event-403", eventsv1.EventsService_CreateEvent_FullMethodName, ngo, false, codes.PermissionDenied},
		{"officer-creates-event", eventsv1.EventsService_CreateEvent_FullMethodName, officer, false, codes.OK},
		{"ngo-registers", eventsv1.EventsService_RegisterParticipant_FullMethodName, ngo, false, codes.OK},
		{"officer-cannot-propose", eventsv1.EventsService_ProposeSideEvent_FullMethodName, officer, false, codes.PermissionDenied},
		{"ngo-report-403", eventsv1.EventsService_GetParticipationReport_FullMethodName, ngo, false, codes.PermissionDenied},
		{"committee-lists-registrations-403", eventsv1.EventsService_ListRegistrations_FullMethodName, auth.Identity{Roles: []auth.Role{auth.RoleCommittee}}, false, codes.PermissionDenied},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := status.Code(grpcapi.Policy.Authorize(tc.method, tc.id, tc.anonymous)); got != tc.want {
				t.Fatalf("code %v, want %v", got, tc.want)
			}
		})
	}
}
