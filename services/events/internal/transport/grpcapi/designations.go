package grpcapi

import (
	"context"
	"time"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/platform/grpcserver"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

func dateToProto(t time.Time) *date.Date {
	if t.IsZero() {
		return nil
	}
	return &date.Date{Year: int32(t.Year()), Month: int32(t.Month()), Day: int32(t.Day())}
}

// dateFromProto reads a full date; a partial or impossible one is the zero time, which the
// domain's validation reports where the field is required.
func dateFromProto(d *date.Date) time.Time {
	if d == nil || d.GetYear() == 0 || d.GetMonth() == 0 || d.GetDay() == 0 {
		return time.Time{}
	}
	t := time.Date(int(d.GetYear()), time.Month(d.GetMonth()), int(d.GetDay()), 0, 0, 0, 0, time.UTC)
	if t.Day() != int(d.GetDay()) {
		return time.Time{}
	}
	return t
}

func designationToProto(d *domain.Designation) *eventsv1.Designation {
	return &eventsv1.Designation{
		Id:             d.ID,
		OrganizationId: d.OrganizationID,
		DutyStation:    eventsv1.DutyStation(d.Station),
		Year:           int32(d.Year),
		Role:           eventsv1.Designation_Role(d.Role),
		Person: &eventsv1.DesignatedPerson{
			FullName:  d.Person.FullName,
			Title:     d.Person.Title,
			Email:     d.Person.Email,
			PhotoRef:  d.Person.PhotoRef,
			BirthDate: dateToProto(d.Person.BirthDate),
		},
		ValidFrom:  dateToProto(d.ValidFrom),
		ValidUntil: dateToProto(d.ValidUntil),
		State:      eventsv1.Designation_State(d.State),
		Reason:     d.Reason,
		CreateTime: ts(d.Created),
		UpdateTime: ts(d.Updated),
		Etag:       d.Etag(),
	}
}

func designationFromProto(p *eventsv1.Designation) domain.Designation {
	pp := p.GetPerson()
	return domain.Designation{
		OrganizationID: p.GetOrganizationId(),
		Station:        domain.DutyStation(p.GetDutyStation()),
		Year:           int(p.GetYear()),
		Role:           domain.DesignationRole(p.GetRole()),
		Person: domain.Person{
			FullName:  pp.GetFullName(),
			Title:     pp.GetTitle(),
			Email:     pp.GetEmail(),
			PhotoRef:  pp.GetPhotoRef(),
			BirthDate: dateFromProto(pp.GetBirthDate()),
		},
		ValidFrom:  dateFromProto(p.GetValidFrom()),
		ValidUntil: dateFromProto(p.GetValidUntil()),
	}
}

// CreateDesignation records a designation.
func (s *Server) CreateDesignation(ctx context.Context, req *eventsv1.CreateDesignationRequest) (*eventsv1.CreateDesignationResponse, error) {
	d, err := s.app.CreateDesignation(ctx, actorOf(ctx), designationFromProto(req.GetDesignation()), req.GetRequestId())
	return reply(ctx, s, &eventsv1.CreateDesignationResponse{Designation: designationToProto(&d)}, err)
}

// GetDesignation reads one designation.
func (s *Server) GetDesignation(ctx context.Context, req *eventsv1.GetDesignationRequest) (*eventsv1.GetDesignationResponse, error) {
	d, err := s.app.GetDesignation(ctx, actorOf(ctx), req.GetId())
	return reply(ctx, s, &eventsv1.GetDesignationResponse{Designation: designationToProto(&d)}, err)
}

// ListDesignations lists designations.
func (s *Server) ListDesignations(ctx context.Context, req *eventsv1.ListDesignationsRequest) (*eventsv1.ListDesignationsResponse, error) {
	a := actorOf(ctx)
	f := app.DesignationFilter{
		Station:        domain.DutyStation(req.GetDutyStation()),
		OnDate:         dateFromProto(req.GetOnDate()),
		OrganizationID: req.GetOrganizationId(),
		State:          domain.DesignationState(req.GetState()),
		Year:           int(req.GetYear()),
	}
	if req.GetOnDate() != nil && f.OnDate.IsZero() {
		return nil, s.toStatus(ctx, domain.Invalid("on_date", "must be a full date"))
	}
	page, err := s.app.ListDesignations(ctx, a, f, int(req.GetPageSize()), req.GetPageToken())
	return reply(ctx, s, &eventsv1.ListDesignationsResponse{Designations: toProtos(page.Items, designationToProto),
		NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}, err)
}

// ApproveDesignation approves a pending designation.
func (s *Server) ApproveDesignation(ctx context.Context, req *eventsv1.ApproveDesignationRequest) (*eventsv1.ApproveDesignationResponse, error) {
	d, err := s.app.DecideDesignation(ctx, actorOf(ctx), req.GetId(), req.GetEtag(), "", req.GetRequestId(), true)
	return reply(ctx, s, &eventsv1.ApproveDesignationResponse{Designation: designationToProto(&d)}, err)
}

// ReturnDesignation returns a pending designation.
func (s *Server) ReturnDesignation(ctx context.Context, req *eventsv1.ReturnDesignationRequest) (*eventsv1.ReturnDesignationResponse, error) {
	d, err := s.app.DecideDesignation(ctx, actorOf(ctx), req.GetId(), req.GetEtag(), req.GetReason(), req.GetRequestId(), false)
	return reply(ctx, s, &eventsv1.ReturnDesignationResponse{Designation: designationToProto(&d)}, err)
}

// WatchDesignationChanges streams designation changes after the cursor.
func (s *Server) WatchDesignationChanges(req *eventsv1.WatchDesignationChangesRequest, stream grpc.ServerStreamingServer[eventsv1.WatchDesignationChangesResponse]) error {
	return s.toStatus(stream.Context(), grpcserver.Follow(stream.Context(), s.stopping, func(ctx context.Context) error {
		return s.app.WatchDesignationChanges(ctx, actorOf(ctx), req.GetAfterSequence(), func(c domain.DesignationChange) error {
			return stream.Send(&eventsv1.WatchDesignationChangesResponse{DesignationChange: &eventsv1.DesignationChange{
				Sequence:    c.Sequence,
				Kind:        eventsv1.DesignationChange_Kind(c.Kind),
				Designation: designationToProto(&c.Designation),
				ChangeTime:  ts(c.Time),
			}})
		})
	}))
}
