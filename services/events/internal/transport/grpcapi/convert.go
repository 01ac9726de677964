package grpcapi

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// The domain's enums are numbered as the contract's, so converting is a cast; the converters
// keep that knowledge in one place (and convert_test.go proves the names line up).

// toProtos converts a page of domain values with conv, in order.
func toProtos[T, P any](items []T, conv func(*T) P) []P {
	out := make([]P, len(items))
	for i := range items {
		out[i] = conv(&items[i])
	}
	return out
}

func ts(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

func fromTS(t *timestamppb.Timestamp) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.AsTime().UTC()
}

func organizersToProto(os []domain.Organizer) []*eventsv1.Organizer {
	out := make([]*eventsv1.Organizer, len(os))
	for i, o := range os {
		out[i] = &eventsv1.Organizer{Name: o.Name, OrganizationId: o.OrganizationID}
	}
	return out
}

func organizersFromProto(os []*eventsv1.Organizer) []domain.Organizer {
	if len(os) == 0 {
		return nil
	}
	out := make([]domain.Organizer, len(os))
	for i, o := range os {
		out[i] = domain.Organizer{Name: o.GetName(), OrganizationID: o.GetOrganizationId()}
	}
	return out
}

func eventToProto(e *domain.Event) *eventsv1.Event {
	return &eventsv1.Event{
		Id:                         e.ID,
		Title:                      e.Title,
		Kind:                       eventsv1.Event_Kind(e.Kind),
		StartTime:                  ts(e.Start),
		EndTime:                    ts(e.End),
		TimeZone:                   e.TimeZone,
		Venue:                      e.Venue,
		OnlineUrl:                  e.OnlineURL,
		Organizers:                 organizersToProto(e.Organizers),
		Description:                e.Description,
		Tags:                       e.Tags,
		Capacity:                   int32(e.Capacity),
		QuotaPerOrganization:       int32(e.QuotaPerOrganization),
		RequiresConsultativeStatus: e.RequiresConsultativeStatus,
		ParentEventId:              e.ParentEventID,
		RegistrationOpens:          ts(e.RegistrationOpens),
		RegistrationCloses:         ts(e.RegistrationCloses),
		State:                      eventsv1.Event_State(e.State),
		CancelReason:               e.CancelReason,
		RegistrationUrl:            e.RegistrationURL,
		ConfirmedCount:             int32(e.Confirmed),
		WaitlistedCount:            int32(e.Waitlisted),
		CreateTime:                 ts(e.Created),
		UpdateTime:                 ts(e.Updated),
		Etag:                       e.Etag(),
	}
}

// eventFromProto takes the fields a caller may set; output-only ones are left for the use case.
func eventFromProto(p *eventsv1.Event) domain.Event {
	return domain.Event{
		ID:                         p.GetId(),
		Title:                      p.GetTitle(),
		Kind:                       domain.EventKind(p.GetKind()),
		Start:                      fromTS(p.GetStartTime()),
		End:                        fromTS(p.GetEndTime()),
		TimeZone:                   p.GetTimeZone(),
		Venue:                      p.GetVenue(),
		OnlineURL:                  p.GetOnlineUrl(),
		Organizers:                 organizersFromProto(p.GetOrganizers()),
		Description:                p.GetDescription(),
		Tags:                       p.GetTags(),
		Capacity:                   int(p.GetCapacity()),
		QuotaPerOrganization:       int(p.GetQuotaPerOrganization()),
		RequiresConsultativeStatus: p.GetRequiresConsultativeStatus(),
		ParentEventID:              p.GetParentEventId(),
		RegistrationOpens:          fromTS(p.GetRegistrationOpens()),
		RegistrationCloses:         fromTS(p.GetRegistrationCloses()),
		RegistrationURL:            p.GetRegistrationUrl(),
	}
}

func registrationToProto(r *domain.Registration) *eventsv1.Registration {
	return &eventsv1.Registration{
		Id:             r.ID,
		EventId:        r.EventID,
		OrganizationId: r.OrganizationID,
		Participant: &eventsv1.Participant{
			GivenName:  r.Participant.GivenName,
			FamilyName: r.Participant.FamilyName,
			Email:      r.Participant.Email,
			JobTitle:   r.Participant.JobTitle,
		},
		State:            eventsv1.Registration_State(r.State),
		WaitlistPosition: int32(r.WaitlistPosition),
		CreateTime:       ts(r.Created),
		UpdateTime:       ts(r.Updated),
		Etag:             r.Etag(),
		StatusNote:       r.StatusNote,
	}
}

func registrationFromProto(p *eventsv1.Registration) domain.Registration {
	pp := p.GetParticipant()
	return domain.Registration{
		OrganizationID: p.GetOrganizationId(),
		Participant: domain.Participant{
			GivenName:  pp.GetGivenName(),
			FamilyName: pp.GetFamilyName(),
			Email:      pp.GetEmail(),
			JobTitle:   pp.GetJobTitle(),
		},
	}
}

func proposalToProto(p *domain.SideEventProposal) *eventsv1.SideEventProposal {
	return &eventsv1.SideEventProposal{
		Id:                 p.ID,
		EventId:            p.EventID,
		OrganizationId:     p.OrganizationID,
		Title:              p.Title,
		Description:        p.Description,
		CoOrganizers:       organizersToProto(p.CoOrganizers),
		PreferredStartTime: ts(p.PreferredStart),
		PreferredEndTime:   ts(p.PreferredEnd),
		TimeZone:           p.TimeZone,
		OnlineUrl:          p.OnlineURL,
		RegistrationUrl:    p.RegistrationURL,
		State:              eventsv1.SideEventProposal_State(p.State),
		RejectionReason:    p.RejectionReason,
		SideEventId:        p.SideEventID,
		CreateTime:         ts(p.Created),
		UpdateTime:         ts(p.Updated),
		Etag:               p.Etag(),
	}
}

func proposalFromProto(p *eventsv1.SideEventProposal) domain.SideEventProposal {
	return domain.SideEventProposal{
		OrganizationID:  p.GetOrganizationId(),
		Title:           p.GetTitle(),
		Description:     p.GetDescription(),
		CoOrganizers:    organizersFromProto(p.GetCoOrganizers()),
		PreferredStart:  fromTS(p.GetPreferredStartTime()),
		PreferredEnd:    fromTS(p.GetPreferredEndTime()),
		TimeZone:        p.GetTimeZone(),
		OnlineURL:       p.GetOnlineUrl(),
		RegistrationURL: p.GetRegistrationUrl(),
	}
}

func accreditationToProto(r *domain.AccreditationRequest) *eventsv1.AccreditationRequest {
	return &eventsv1.AccreditationRequest{
		Id:             r.ID,
		EventId:        r.EventID,
		OrganizationId: r.OrganizationID,
		Justification:  r.Justification,
		State:          eventsv1.AccreditationRequest_State(r.State),
		Reason:         r.Reason,
		CreateTime:     ts(r.Created),
		UpdateTime:     ts(r.Updated),
		Etag:           r.Etag(),
	}
}

func accreditationFromProto(p *eventsv1.AccreditationRequest) domain.AccreditationRequest {
	return domain.AccreditationRequest{OrganizationID: p.GetOrganizationId(), Justification: p.GetJustification()}
}

func rowsToProto(rows []domain.ParticipationRow) []*eventsv1.ParticipationRow {
	out := make([]*eventsv1.ParticipationRow, len(rows))
	for i, r := range rows {
		out[i] = &eventsv1.ParticipationRow{Key: r.Key, Confirmed: int32(r.Confirmed), Waitlisted: int32(r.Waitlisted), Organizations: int32(r.Organizations)}
	}
	return out
}

func reportToProto(r *domain.ParticipationReport) *eventsv1.ParticipationReport {
	return &eventsv1.ParticipationReport{
		EventId:     r.EventID,
		ComputeTime: ts(r.Computed),
		Totals: &eventsv1.ParticipationTotals{
			Confirmed: int32(r.Confirmed), Waitlisted: int32(r.Waitlisted), Cancelled: int32(r.Cancelled), Organizations: int32(r.Organizations),
		},
		ByStakeholderGroup: rowsToProto(r.ByStakeholderGroup),
		ByCountry:          rowsToProto(r.ByCountry),
		ByStatusCategory:   rowsToProto(r.ByStatusCategory),
	}
}
