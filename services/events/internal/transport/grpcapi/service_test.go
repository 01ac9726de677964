package grpcapi_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

var meetingStart = time.Date(2021, 9, 21, 13, 0, 0, 0, time.UTC)

func meeting(edit func(*eventsv1.Event)) *eventsv1.Event {
	e := &eventsv1.Event{
		Title: "General Assembly, 76th session: general debate", Kind: eventsv1.Event_KIND_MEETING,
		StartTime: timestamppb.New(meetingStart), EndTime: timestamppb.New(meetingStart.Add(6 * time.Hour)),
		TimeZone: "America/New_York", Venue: "General Assembly Hall, UN Headquarters, New York",
		Organizers: []*eventsv1.Organizer{{Name: "United Nations General Assembly"}}, Tags: []string{"digital"},
	}
	if edit != nil {
		edit(e)
	}
	return e
}

func (h *harness) create(t *testing.T, e *eventsv1.Event) *eventsv1.Event {
	t.Helper()
	resp, err := h.client.CreateEvent(h.officer(t), &eventsv1.CreateEventRequest{Event: e})
	if err != nil {
		t.Fatalf("CreateEvent: %v", err)
	}
	return resp.GetEvent()
}

func registration(org, email string) *eventsv1.Registration {
	return &eventsv1.Registration{OrganizationId: org, Participant: &eventsv1.Participant{GivenName: "Ada", FamilyName: "Lovelace", Email: email}}
}

func wantCode(t *testing.T, err error, code codes.Code) *status.Status {
	t.Helper()
	st, _ := status.FromError(err)
	if st.Code() != code {
		t.Fatalf("code %v (%v), want %v", st.Code(), err, code)
	}
	return st
}

func reasonOf(st *status.Status) string {
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			return info.GetReason()
		}
	}
	return ""
}

func TestCreateEventAccessAndValidation(t *testing.T) {
	t.Parallel()
	h := start(t)
	_, err := h.client.CreateEvent(context.Background(), &eventsv1.CreateEventRequest{Event: meeting(nil)})
	wantCode(t, err, codes.Unauthenticated)
	_, err = h.client.CreateEvent(h.ngo(t, "org_a"), &eventsv1.CreateEventRequest{Event: meeting(nil)})
	wantCode(t, err, codes.PermissionDenied)
	_, err = h.client.CreateEvent(h.officer(t), &eventsv1.CreateEventRequest{Event: meeting(func(e *eventsv1.Event) { e.TimeZone = "EST" })})
	st := wantCode(t, err, codes.InvalidArgument)
	var fields []string
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				fields = append(fields, v.GetField())
			}
		}
	}
	if len(fields) != 1 || fields[0] != "event.time_zone" {
		t.Fatalf("violations %v", fields)
	}
	_, err = h.client.CreateEvent(h.officer(t), &eventsv1.CreateEventRequest{Event: meeting(func(e *eventsv1.Event) { e.ParentEventId = "evt_nowhere" })})
	wantCode(t, err, codes.InvalidArgument)

	// request_id: a retry returns the first event instead of a second one.
	ctx := h.officer(t)
	a, err := h.client.CreateEvent(ctx, &eventsv1.CreateEventRequest{Event: meeting(nil), RequestId: "create-1"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := h.client.CreateEvent(ctx, &eventsv1.CreateEventRequest{Event: meeting(nil), RequestId: "create-1"})
	if err != nil || b.GetEvent().GetId() != a.GetEvent().GetId() {
		t.Fatalf("retry created %s, first %s (%v)", b.GetEvent().GetId(), a.GetEvent().GetId(), err)
	}
	got, err := h.client.GetEvent(context.Background(), &eventsv1.GetEventRequest{Id: a.GetEvent().GetId()})
	if err != nil || got.GetEvent().GetEtag() == "" || got.GetEvent().GetState() != eventsv1.Event_STATE_SCHEDULED {
		t.Fatalf("anonymous read: %v %v", got, err)
	}
}

func TestUpdateAndCancelEvent(t *testing.T) {
	t.Parallel()
	h := start(t)
	e := h.create(t, meeting(nil))
	ctx := h.officer(t)
	mask := &fieldmaskpb.FieldMask{Paths: []string{"title", "quotaPerOrganization", "etag"}}
	_, err := h.client.UpdateEvent(ctx, &eventsv1.UpdateEventRequest{Event: &eventsv1.Event{Id: e.GetId(), Title: "New title", Etag: `"stale"`}, UpdateMask: mask})
	wantCode(t, err, codes.Aborted)
	up, err := h.client.UpdateEvent(ctx, &eventsv1.UpdateEventRequest{Event: &eventsv1.Event{Id: e.GetId(), Title: "New title", QuotaPerOrganization: 3, Etag: e.GetEtag()}, UpdateMask: mask})
	if err != nil || up.GetEvent().GetTitle() != "New title" || up.GetEvent().GetQuotaPerOrganization() != 3 || up.GetEvent().GetEtag() == e.GetEtag() || up.GetEvent().GetVenue() != e.GetVenue() {
		t.Fatalf("update: %v %v", up, err)
	}
	c, err := h.client.CancelEvent(ctx, &eventsv1.CancelEventRequest{Id: e.GetId(), Reason: "postponed", RequestId: "cancel-1"})
	if err != nil || c.GetEvent().GetState() != eventsv1.Event_STATE_CANCELLED {
		t.Fatalf("cancel: %v", err)
	}
	again, err := h.client.CancelEvent(ctx, &eventsv1.CancelEventRequest{Id: e.GetId(), RequestId: "cancel-1"})
	if err != nil || again.GetEvent().GetCancelReason() != "postponed" {
		t.Fatalf("retried cancel: %v", err)
	}
	_, err = h.client.CancelEvent(ctx, &eventsv1.CancelEventRequest{Id: e.GetId()})
	wantCode(t, err, codes.FailedPrecondition)
	_, err = h.client.RegisterParticipant(h.ngo(t, "org_a"), &eventsv1.RegisterParticipantRequest{EventId: e.GetId(), Registration: registration("org_a", "a@example.org")})
	wantCode(t, err, codes.FailedPrecondition)
}

func TestStatusOnlyEvent(t *testing.T) {
	t.Parallel()
	h := start(t)
	e := h.create(t, meeting(func(e *eventsv1.Event) { e.RequiresConsultativeStatus = true }))
	register := func(org, email string) (*eventsv1.RegisterParticipantResponse, error) {
		return h.client.RegisterParticipant(h.ngo(t, org), &eventsv1.RegisterParticipantRequest{EventId: e.GetId(), Registration: registration(org, email)})
	}
	_, err := register("org_none", "n@example.org")
	if st := wantCode(t, err, codes.FailedPrecondition); reasonOf(st) != "CONSULTATIVE_STATUS_REQUIRED" {
		t.Fatalf("reason %q", reasonOf(st))
	}
	h.statuses.set("org_active", accreditationv1.ConsultativeStatus_STATE_ACTIVE)
	if _, err := register("org_active", "a@example.org"); err != nil {
		t.Fatalf("active organization: %v", err)
	}
	// A suspension takes effect for the next registration.
	h.statuses.set("org_active", accreditationv1.ConsultativeStatus_STATE_SUSPENDED)
	_, err = register("org_active", "a2@example.org")
	wantCode(t, err, codes.FailedPrecondition)

	// Without status, an approved accreditation request admits the organization.
	ngoCtx := h.ngo(t, "org_none")
	req, err := h.client.RequestAccreditation(ngoCtx, &eventsv1.RequestAccreditationRequest{EventId: e.GetId(),
		AccreditationRequest: &eventsv1.AccreditationRequest{OrganizationId: "org_none", Justification: "We work on connectivity"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = h.client.RequestAccreditation(ngoCtx, &eventsv1.RequestAccreditationRequest{EventId: e.GetId(),
		AccreditationRequest: &eventsv1.AccreditationRequest{OrganizationId: "org_none", Justification: "again"}})
	wantCode(t, err, codes.AlreadyExists)
	list, err := h.client.ListAccreditationRequests(ngoCtx, &eventsv1.ListAccreditationRequestsRequest{EventId: "-"})
	if err != nil || list.GetTotalSize() != 1 {
		t.Fatalf("own requests: %v %v", list, err)
	}
	_, err = h.client.ListAccreditationRequests(ngoCtx, &eventsv1.ListAccreditationRequestsRequest{EventId: "-", OrganizationId: "org_other"})
	wantCode(t, err, codes.PermissionDenied)
	if _, err := h.client.ApproveAccreditationRequest(h.officer(t), &eventsv1.ApproveAccreditationRequestRequest{Id: req.GetAccreditationRequest().GetId(), Etag: req.GetAccreditationRequest().GetEtag()}); err != nil {
		t.Fatal(err)
	}
	if _, err := register("org_none", "n@example.org"); err != nil {
		t.Fatalf("accredited organization: %v", err)
	}

	// When the accreditation service is down, status cannot be established: UNAVAILABLE, at once.
	h.stopAcc()
	began := time.Now()
	_, err = register("org_later", "l@example.org")
	wantCode(t, err, codes.Unavailable)
	if time.Since(began) > 3*time.Second {
		t.Fatalf("took %v to fail", time.Since(began))
	}
}

func TestQuotaAndDuplicatesAndRetries(t *testing.T) {
	t.Parallel()
	h := start(t)
	e := h.create(t, meeting(func(e *eventsv1.Event) { e.QuotaPerOrganization = 2 }))
	ctx := h.ngo(t, "org_a")
	reg := func(email, requestID string) (*eventsv1.RegisterParticipantResponse, error) {
		return h.client.RegisterParticipant(ctx, &eventsv1.RegisterParticipantRequest{EventId: e.GetId(), Registration: registration("org_a", email), RequestId: requestID})
	}
	first, err := reg("1@example.org", "r1")
	if err != nil {
		t.Fatal(err)
	}
	retry, err := reg("1@example.org", "r1")
	if err != nil || retry.GetRegistration().GetId() != first.GetRegistration().GetId() {
		t.Fatalf("retry: %v", err)
	}
	_, err = reg("1@EXAMPLE.org", "")
	wantCode(t, err, codes.AlreadyExists)
	if _, err := reg("2@example.org", ""); err != nil {
		t.Fatal(err)
	}
	_, err = reg("3@example.org", "")
	if st := wantCode(t, err, codes.FailedPrecondition); reasonOf(st) != "QUOTA_EXCEEDED" {
		t.Fatalf("reason %q", reasonOf(st))
	}
	_, err = h.client.RegisterParticipant(ctx, &eventsv1.RegisterParticipantRequest{EventId: e.GetId(), Registration: registration("org_b", "b@example.org")})
	wantCode(t, err, codes.PermissionDenied)
	_, err = h.client.CancelRegistration(h.ngo(t, "org_b"), &eventsv1.CancelRegistrationRequest{EventId: e.GetId(), Id: first.GetRegistration().GetId()})
	wantCode(t, err, codes.PermissionDenied)
	_, err = h.client.RegisterParticipant(ctx, &eventsv1.RegisterParticipantRequest{EventId: "evt_nowhere", Registration: registration("org_a", "x@example.org")})
	wantCode(t, err, codes.NotFound)
}

// Over gRPC too, 40 registrations at once for 10 seats give 10 confirmed and 30 waitlisted, and
// cancelling a confirmed one gives its seat to the first person waiting.
func TestConcurrentRegistrationsAndPromotion(t *testing.T) {
	t.Parallel()
	h := start(t)
	e := h.create(t, meeting(func(e *eventsv1.Event) { e.Capacity = 10 }))
	officer := h.officer(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	states := map[eventsv1.Registration_State]int{}
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := h.client.RegisterParticipant(officer, &eventsv1.RegisterParticipantRequest{EventId: e.GetId(),
				Registration: registration(fmt.Sprintf("org_%d", i), fmt.Sprintf("p%d@example.org", i))})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			states[resp.GetRegistration().GetState()]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if states[eventsv1.Registration_STATE_CONFIRMED] != 10 || states[eventsv1.Registration_STATE_WAITLISTED] != 30 {
		t.Fatalf("states %v", states)
	}
	list, err := h.client.ListRegistrations(officer, &eventsv1.ListRegistrationsRequest{EventId: e.GetId(), PageSize: 15})
	if err != nil || list.GetTotalSize() != 40 || len(list.GetRegistrations()) != 15 || list.GetNextPageToken() == "" {
		t.Fatalf("list: %v", err)
	}
	firstWaiting := list.GetRegistrations()[10]
	if firstWaiting.GetWaitlistPosition() != 1 {
		t.Fatalf("eleventh to arrive has position %d", firstWaiting.GetWaitlistPosition())
	}
	cancelled, err := h.client.CancelRegistration(officer, &eventsv1.CancelRegistrationRequest{EventId: e.GetId(), Id: list.GetRegistrations()[0].GetId()})
	if err != nil || cancelled.GetRegistration().GetState() != eventsv1.Registration_STATE_CANCELLED {
		t.Fatalf("cancel: %v", err)
	}
	promoted, err := h.client.ListRegistrations(officer, &eventsv1.ListRegistrationsRequest{EventId: e.GetId(), State: eventsv1.Registration_STATE_CONFIRMED, PageSize: 500})
	if err != nil || promoted.GetTotalSize() != 10 || promoted.GetRegistrations()[9].GetId() != firstWaiting.GetId() {
		t.Fatalf("promotion: %v", err)
	}
	// A page token is bound to its filters.
	_, err = h.client.ListRegistrations(officer, &eventsv1.ListRegistrationsRequest{EventId: e.GetId(), State: eventsv1.Registration_STATE_WAITLISTED, PageToken: list.GetNextPageToken()})
	wantCode(t, err, codes.InvalidArgument)
	next, err := h.client.ListRegistrations(officer, &eventsv1.ListRegistrationsRequest{EventId: e.GetId(), PageSize: 15, PageToken: list.GetNextPageToken()})
	if err != nil || next.GetRegistrations()[0].GetId() == list.GetRegistrations()[14].GetId() {
		t.Fatalf("next page: %v", err)
	}
	report, err := h.client.GetParticipationReport(officer, &eventsv1.GetParticipationReportRequest{EventId: e.GetId()})
	r := report.GetParticipationReport()
	if err != nil || r.GetTotals().GetConfirmed() != 10 || r.GetTotals().GetWaitlisted() != 29 || r.GetTotals().GetCancelled() != 1 || r.GetTotals().GetOrganizations() != 10 {
		t.Fatalf("report: %v %v", report, err)
	}
	if g := r.GetByStakeholderGroup(); len(g) != 1 || g[0].GetKey() != "STAKEHOLDER_GROUP_NGO" || g[0].GetConfirmed() != 10 {
		t.Fatalf("by group %v", g)
	}
	if c := r.GetByCountry(); len(c) != 2 || c[0].GetConfirmed()+c[1].GetConfirmed() != 10 {
		t.Fatalf("by country %v", c)
	}
	if c := r.GetByStatusCategory(); len(c) != 1 || c[0].GetKey() != "NONE" {
		t.Fatalf("by status category %v", c)
	}
}

// Proposal -> approval -> the side event appears under its meeting and in the feed.
func TestSideEventProposalToCalendar(t *testing.T) {
	t.Parallel()
	h := start(t)
	m := h.create(t, meeting(nil))
	ngoCtx := h.ngo(t, "org_access")
	proposal := &eventsv1.SideEventProposal{
		OrganizationId: "org_access", Title: "Private sector responsibilities online", Description: "Human dignity online; the tech sector's duties",
		CoOrganizers:       []*eventsv1.Organizer{{Name: "OHCHR"}},
		PreferredStartTime: timestamppb.New(time.Date(2021, 9, 22, 15, 0, 0, 0, time.UTC)),
		PreferredEndTime:   timestamppb.New(time.Date(2021, 9, 22, 16, 15, 0, 0, time.UTC)),
		TimeZone:           "America/New_York",
	}
	propose := func() (*eventsv1.ProposeSideEventResponse, error) {
		return h.client.ProposeSideEvent(ngoCtx, &eventsv1.ProposeSideEventRequest{EventId: m.GetId(), SideEventProposal: proposal})
	}
	_, err := propose()
	wantCode(t, err, codes.FailedPrecondition) // no status yet
	h.statuses.set("org_access", accreditationv1.ConsultativeStatus_STATE_ACTIVE)
	p, err := propose()
	if err != nil {
		t.Fatal(err)
	}
	_, err = propose()
	wantCode(t, err, codes.AlreadyExists)
	officer := h.officer(t)
	approved, err := h.client.ApproveSideEventProposal(officer, &eventsv1.ApproveSideEventProposalRequest{Id: p.GetSideEventProposal().GetId(),
		Etag: p.GetSideEventProposal().GetEtag(), Venue: "Conference Room 11", RequestId: "approve-1"})
	if err != nil {
		t.Fatal(err)
	}
	side := approved.GetSideEvent()
	if side.GetKind() != eventsv1.Event_KIND_SIDE_EVENT || side.GetParentEventId() != m.GetId() || side.GetOrganizers()[0].GetOrganizationId() != "org_access" ||
		side.GetOrganizers()[0].GetName() != "Access Now" || side.GetOrganizers()[1].GetName() != "OHCHR" || side.GetVenue() != "Conference Room 11" {
		t.Fatalf("side event %v", side)
	}
	again, err := h.client.ApproveSideEventProposal(officer, &eventsv1.ApproveSideEventProposalRequest{Id: p.GetSideEventProposal().GetId(), RequestId: "approve-1"})
	if err != nil || again.GetSideEvent().GetId() != side.GetId() {
		t.Fatalf("retried approval: %v", err)
	}
	_, err = h.client.RejectSideEventProposal(officer, &eventsv1.RejectSideEventProposalRequest{Id: p.GetSideEventProposal().GetId(), Reason: "late"})
	wantCode(t, err, codes.FailedPrecondition)
	children, err := h.client.ListEvents(context.Background(), &eventsv1.ListEventsRequest{ParentEventId: m.GetId()})
	if err != nil || len(children.GetEvents()) != 1 || children.GetEvents()[0].GetId() != side.GetId() {
		t.Fatalf("children: %v", err)
	}
	all, err := h.client.GetCalendar(context.Background(), &eventsv1.GetCalendarRequest{Kind: []eventsv1.Event_Kind{eventsv1.Event_KIND_SIDE_EVENT}})
	if err != nil || strings.Count(string(all.GetData()), "BEGIN:VEVENT") != 1 || !strings.Contains(string(all.GetData()), "RELATED-TO;RELTYPE=PARENT:"+m.GetId()+"@") {
		t.Fatalf("feed of side events: %v\n%s", err, all.GetData())
	}
	_, err = h.client.GetCalendar(context.Background(), &eventsv1.GetCalendarRequest{From: timestamppb.New(meetingStart), To: timestamppb.New(meetingStart)})
	wantCode(t, err, codes.InvalidArgument)
	feed, err := h.client.GetEventCalendar(context.Background(), &eventsv1.GetEventCalendarRequest{Id: m.GetId(), IncludeSideEvents: true})
	if err != nil || !strings.Contains(string(feed.GetData()), "UID:"+side.GetId()+"@") || feed.GetContentType() != "text/calendar; charset=utf-8" {
		t.Fatalf("feed: %v\n%s", err, feed.GetData())
	}
}
