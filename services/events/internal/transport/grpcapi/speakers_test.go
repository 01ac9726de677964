package grpcapi_test

import (
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// Organizations in General or Special status ask to speak under an agenda item; Roster and
// suspended ones are refused; the secretariat draws up the list and each organization sees
// its place.
func TestRequestsToSpeakAndTheListOfSpeakers(t *testing.T) {
	h := start(t)
	ev := h.create(t, meeting(nil))
	for _, org := range []string{"org_g", "org_s", "org_r"} {
		h.statuses.set(org, accreditationv1.ConsultativeStatus_STATE_ACTIVE)
	}
	h.statuses.setCategory("org_g", accreditationv1.Category_CATEGORY_GENERAL)
	h.statuses.setCategory("org_r", accreditationv1.Category_CATEGORY_ROSTER)
	h.statuses.set("org_susp", accreditationv1.ConsultativeStatus_STATE_SUSPENDED)
	ask := func(org string) (*eventsv1.SpeakerRequest, error) {
		resp, err := h.client.RequestToSpeak(h.ngo(t, org), &eventsv1.RequestToSpeakRequest{EventId: ev.GetId(), SpeakerRequest: &eventsv1.SpeakerRequest{
			AgendaItem: "Item 3", OrganizationId: org, SpeakerName: "Speaker for " + org}})
		return resp.GetSpeakerRequest(), err
	}
	g, err := ask("org_g")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ask("org_s")
	if err != nil {
		t.Fatal(err)
	}
	for org, reason := range map[string]string{"org_r": "CATEGORY_NOT_ADMITTED", "org_susp": "CONSULTATIVE_STATUS_REQUIRED", "org_g": "SPEAKER_REQUEST_EXISTS"} {
		_, err := ask(org)
		if r, _ := errorInfo(err); status.Code(err) != codes.FailedPrecondition || r != reason {
			t.Errorf("%s: %v, want %s", org, err, reason)
		}
	}
	if _, err := h.client.ArrangeSpeakers(h.ngo(t, "org_g"), &eventsv1.ArrangeSpeakersRequest{EventId: ev.GetId(), AgendaItem: "Item 3"}); status.Code(err) != codes.PermissionDenied {
		t.Fatalf("ngo drawing up the list: %v", err)
	}
	if _, err := h.client.ArrangeSpeakers(h.officer(t), &eventsv1.ArrangeSpeakersRequest{EventId: ev.GetId(), AgendaItem: "Item 3",
		SpeakerRequestIds: []string{"spk_none"}}); status.Code(err) != codes.InvalidArgument {
		t.Fatalf("unknown request on the list: %v", err)
	}
	list, err := h.client.ArrangeSpeakers(h.officer(t), &eventsv1.ArrangeSpeakersRequest{EventId: ev.GetId(), AgendaItem: "Item 3",
		SpeakerRequestIds: []string{s.GetId()}})
	if err != nil {
		t.Fatal(err)
	}
	got := list.GetSpeakerRequests()
	if len(got) != 2 || got[0].GetId() != s.GetId() || got[0].GetPosition() != 1 || got[0].GetState() != eventsv1.SpeakerRequest_STATE_LISTED ||
		got[1].GetId() != g.GetId() || got[1].GetState() != eventsv1.SpeakerRequest_STATE_NOT_LISTED {
		t.Fatalf("list of speakers: %v", got)
	}
	// Redrawn: the General organization first, then the Special one.
	if _, err := h.client.ArrangeSpeakers(h.officer(t), &eventsv1.ArrangeSpeakersRequest{EventId: ev.GetId(), AgendaItem: "Item 3",
		SpeakerRequestIds: []string{g.GetId(), s.GetId()}}); err != nil {
		t.Fatal(err)
	}
	mine, err := h.client.ListSpeakerRequests(h.ngo(t, "org_s"), &eventsv1.ListSpeakerRequestsRequest{EventId: ev.GetId()})
	if err != nil || len(mine.GetSpeakerRequests()) != 1 || mine.GetSpeakerRequests()[0].GetPosition() != 2 {
		t.Fatalf("the Special organization's place: %v %v", mine, err)
	}
}
