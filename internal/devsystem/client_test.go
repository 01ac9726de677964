package devsystem_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/un-liaison/liaison/gen/openapi/liaisonclient"
	"github.com/un-liaison/liaison/platform/auth"
)

// bearer signs every request of a generated client with tok.
func bearer(tok string) liaisonclient.ClientOption {
	return liaisonclient.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+tok)
		return nil
	})
}

// A client generated from /openapi.json by oapi-codegen, used as an NGO tool would use it:
// an officer lists the organization, the organization applies for consultative status and
// registers a delegate for a meeting. Its typed answers must decode, with the fields the
// document promises filled in.
func TestTheGeneratedClientWalksTheMainJourney(t *testing.T) {
	sys := startSystem(t)
	base := "http://" + sys.HTTPAddr
	ctx := context.Background()
	run := fmt.Sprint(time.Now().UnixNano())

	officer, err := liaisonclient.NewClientWithResponses(base, bearer(token(t, sys, "", auth.RoleOfficer)))
	if err != nil {
		t.Fatal(err)
	}
	founded := liaisonclient.GoogleTypeDateInput{Year: ptr(int32(2009)), Month: ptr(int32(9)), Day: ptr(int32(1))}
	created, err := officer.RegistryServiceCreateOrganizationWithResponse(ctx, &liaisonclient.RegistryServiceCreateOrganizationParams{},
		liaisonclient.RegistryServiceCreateOrganizationJSONRequestBody{
			Name: "Delegates for Accessible Hearings " + run, Country: "SN", FoundedOn: &founded,
			StakeholderGroup: liaisonclient.STAKEHOLDERGROUPNGO,
		})
	if err != nil {
		t.Fatal(err)
	}
	if created.JSON200 == nil {
		t.Fatalf("create organization = %d: %s", created.StatusCode(), created.Body)
	}
	org := created.JSON200
	if org.Id == "" || org.Etag == "" || org.Country != "SN" || org.Sdgs == nil {
		t.Errorf("the created organization is missing what the document promises: %+v", org)
	}

	ngo, err := liaisonclient.NewClientWithResponses(base, bearer(token(t, sys, org.Id, auth.RoleNGO)))
	if err != nil {
		t.Fatal(err)
	}
	applied, err := ngo.AccreditationServiceCreateApplicationWithResponse(ctx, &liaisonclient.AccreditationServiceCreateApplicationParams{},
		liaisonclient.AccreditationServiceCreateApplicationJSONRequestBody{
			OrganizationId: org.Id, RequestedCategory: liaisonclient.LiaisonAccreditationV1CategoryCATEGORYSPECIAL,
		})
	if err != nil {
		t.Fatal(err)
	}
	if applied.JSON200 == nil {
		t.Fatalf("apply = %d: %s", applied.StatusCode(), applied.Body)
	}
	if a := applied.JSON200; a.State != liaisonclient.LiaisonAccreditationV1ApplicationStateSTATEDRAFT || a.OrganizationId != org.Id {
		t.Errorf("the application is %s for %s, want a DRAFT for %s", a.State, a.OrganizationId, org.Id)
	}
	again, err := ngo.AccreditationServiceCreateApplicationWithResponse(ctx, &liaisonclient.AccreditationServiceCreateApplicationParams{},
		liaisonclient.AccreditationServiceCreateApplicationJSONRequestBody{OrganizationId: org.Id, RequestedCategory: liaisonclient.LiaisonAccreditationV1CategoryCATEGORYSPECIAL})
	if err != nil {
		t.Fatal(err)
	}
	if again.JSON409 == nil || again.JSON409.Message == "" {
		t.Errorf("a second application = %d, want a typed 409 with a message: %s", again.StatusCode(), again.Body)
	}

	start := time.Now().Add(21 * 24 * time.Hour).UTC().Truncate(time.Hour)
	event, err := officer.EventsServiceCreateEventWithResponse(ctx, &liaisonclient.EventsServiceCreateEventParams{},
		liaisonclient.EventsServiceCreateEventJSONRequestBody{
			Title: "Hearing on accessible records " + run, Kind: liaisonclient.LiaisonEventsV1EventKindKINDHEARING, TimeZone: "UTC",
			StartTime: start, EndTime: start.Add(2 * time.Hour), Capacity: ptr(int32(20)),
		})
	if err != nil {
		t.Fatal(err)
	}
	if event.JSON200 == nil {
		t.Fatalf("create event = %d: %s", event.StatusCode(), event.Body)
	}
	registered, err := ngo.EventsServiceRegisterParticipantWithResponse(ctx, event.JSON200.Id, &liaisonclient.EventsServiceRegisterParticipantParams{},
		liaisonclient.EventsServiceRegisterParticipantJSONRequestBody{
			OrganizationId: org.Id,
			Participant:    liaisonclient.LiaisonEventsV1ParticipantInput{GivenName: "Awa", FamilyName: "Diallo", Email: "a.diallo@hearings.example.org"},
		})
	if err != nil {
		t.Fatal(err)
	}
	if registered.JSON200 == nil {
		t.Fatalf("register = %d: %s", registered.StatusCode(), registered.Body)
	}
	if r := registered.JSON200; r.Id == "" || r.EventId != event.JSON200.Id || r.Participant.Email != "a.diallo@hearings.example.org" {
		t.Errorf("the registration = %+v", r)
	}
}

func ptr[T any](v T) *T { return &v }
