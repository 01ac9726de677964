// Package protoconv converts between the registry's domain values and its public protobuf
// messages: the only place the two meet, shared by the gRPC API and the cache, which stores
// profiles protobuf-encoded.
package protoconv

import (
	"time"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/protobuf/types/known/timestamppb"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

func timestampOf(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

func dateToProto(d domain.Date) *date.Date {
	if d.IsZero() {
		return nil
	}
	return &date.Date{Year: int32(d.Year), Month: int32(d.Month), Day: int32(d.Day)}
}

func dateFromProto(d *date.Date) domain.Date {
	if d == nil {
		return domain.Date{}
	}
	return domain.Date{Year: int(d.GetYear()), Month: int(d.GetMonth()), Day: int(d.GetDay())}
}

func sdgsToProto(sdgs []int) []int32 {
	if len(sdgs) == 0 {
		return nil
	}
	out := make([]int32, len(sdgs))
	for i, g := range sdgs {
		out[i] = int32(g)
	}
	return out
}

// SDGsFromProto reads goal numbers from the wire type.
func SDGsFromProto(sdgs []int32) []int {
	if len(sdgs) == 0 {
		return nil
	}
	out := make([]int, len(sdgs))
	for i, g := range sdgs {
		out[i] = int(g)
	}
	return out
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// OrganizationToProto is the profile as the public contract shows it.
func OrganizationToProto(o domain.Organization) *registryv1.Organization {
	p := &registryv1.Organization{
		Id:               o.ID,
		Name:             o.Name,
		Acronym:          o.Acronym,
		StakeholderGroup: registryv1.StakeholderGroup(o.StakeholderGroup),
		Country:          o.Country,
		Website:          o.Website,
		Email:            o.Email,
		Description:      o.Description,
		FoundedOn:        dateToProto(o.FoundedOn),
		Sdgs:             sdgsToProto(o.SDGs),
		Languages:        nilIfEmpty(o.Languages),
		PolicyIssues:     nilIfEmpty(o.PolicyIssues),
		ConsultativeStatus: &registryv1.ConsultativeStatus{
			Category: registryv1.Category(o.Status.Category),
			State:    registryv1.ConsultativeStatus_State(o.Status.State),
		},
		CreateTime:   timestampOf(o.CreateTime),
		UpdateTime:   timestampOf(o.UpdateTime),
		Etag:         o.Etag(),
		NameReview:   o.NameFlag,
		ProfileState: profileStateToProto(o.ProfileState),
		ProfileNote:  o.ProfileNote,
	}
	if p.ConsultativeStatus.State == registryv1.ConsultativeStatus_STATE_UNSPECIFIED {
		p.ConsultativeStatus.State = registryv1.ConsultativeStatus_STATE_NONE
	}
	if o.Address != (domain.Address{}) {
		p.Address = &registryv1.Address{Street: o.Address.Street, City: o.Address.City, PostalCode: o.Address.PostalCode, Country: o.Address.Country}
	}
	for _, a := range o.SocialMedia {
		p.SocialMedia = append(p.SocialMedia, &registryv1.SocialMediaAccount{Platform: a.Platform, Handle: a.Handle})
	}
	return p
}

// OrganizationFromProto reads the writable fields of a profile; output-only fields are the
// server's to set and are ignored.
func OrganizationFromProto(p *registryv1.Organization) domain.Organization {
	o := domain.Organization{
		ID:               p.GetId(),
		Name:             p.GetName(),
		Acronym:          p.GetAcronym(),
		StakeholderGroup: domain.StakeholderGroup(p.GetStakeholderGroup()),
		Country:          p.GetCountry(),
		Website:          p.GetWebsite(),
		Email:            p.GetEmail(),
		Description:      p.GetDescription(),
		FoundedOn:        dateFromProto(p.GetFoundedOn()),
		SDGs:             SDGsFromProto(p.GetSdgs()),
		Languages:        nilIfEmpty(p.GetLanguages()),
		PolicyIssues:     nilIfEmpty(p.GetPolicyIssues()),
	}
	if a := p.GetAddress(); a != nil {
		o.Address = domain.Address{Street: a.GetStreet(), City: a.GetCity(), PostalCode: a.GetPostalCode(), Country: a.GetCountry()}
	}
	for _, a := range p.GetSocialMedia() {
		o.SocialMedia = append(o.SocialMedia, domain.SocialMediaAccount{Platform: a.GetPlatform(), Handle: a.GetHandle()})
	}
	return o
}

// CommitteeToProto is the committee as the public contract shows it.
func CommitteeToProto(c domain.NgoCommittee) *registryv1.NgoCommittee {
	return &registryv1.NgoCommittee{
		Id:          c.ID,
		Name:        c.Name,
		Kind:        registryv1.NgoCommittee_Kind(c.Kind),
		Region:      c.Region,
		Theme:       c.Theme,
		Description: c.Description,
		Website:     c.Website,
		Members:     nilIfEmpty(c.Members),
		CreateTime:  timestampOf(c.CreateTime),
		UpdateTime:  timestampOf(c.UpdateTime),
		Etag:        c.Etag(),
	}
}

// CommitteeFromProto reads the writable fields of a committee.
func CommitteeFromProto(p *registryv1.NgoCommittee) domain.NgoCommittee {
	return domain.NgoCommittee{
		Name:        p.GetName(),
		Kind:        domain.CommitteeKind(p.GetKind()),
		Region:      p.GetRegion(),
		Theme:       p.GetTheme(),
		Description: p.GetDescription(),
		Website:     p.GetWebsite(),
	}
}

// FocalPointToProto is the focal point as the public contract shows it.
func FocalPointToProto(f domain.FocalPoint) *registryv1.FocalPoint {
	return &registryv1.FocalPoint{
		Id:         f.ID,
		UnEntity:   f.UNEntity,
		Name:       f.Name,
		Title:      f.Title,
		Email:      f.Email,
		Phone:      f.Phone,
		Topics:     nilIfEmpty(f.Topics),
		CreateTime: timestampOf(f.CreateTime),
		UpdateTime: timestampOf(f.UpdateTime),
		Etag:       f.Etag(),
	}
}

// FocalPointFromProto reads the writable fields of a focal point.
func FocalPointFromProto(p *registryv1.FocalPoint) domain.FocalPoint {
	return domain.FocalPoint{
		UNEntity: p.GetUnEntity(),
		Name:     p.GetName(),
		Title:    p.GetTitle(),
		Email:    p.GetEmail(),
		Phone:    p.GetPhone(),
		Topics:   nilIfEmpty(p.GetTopics()),
	}
}

// PartnershipToProto is the partnership as the public contract shows it.
func PartnershipToProto(p domain.Partnership) *registryv1.Partnership {
	return &registryv1.Partnership{
		Id:             p.ID,
		OrganizationId: p.OrganizationID,
		UnEntity:       p.UNEntity,
		Title:          p.Title,
		Description:    p.Description,
		Sdgs:           sdgsToProto(p.SDGs),
		StartDate:      dateToProto(p.StartDate),
		EndDate:        dateToProto(p.EndDate),
		CreateTime:     timestampOf(p.CreateTime),
		UpdateTime:     timestampOf(p.UpdateTime),
		Etag:           p.Etag(),
	}
}

// PartnershipFromProto reads the writable fields of a partnership.
func PartnershipFromProto(p *registryv1.Partnership) domain.Partnership {
	return domain.Partnership{
		OrganizationID: p.GetOrganizationId(),
		UNEntity:       p.GetUnEntity(),
		Title:          p.GetTitle(),
		Description:    p.GetDescription(),
		SDGs:           SDGsFromProto(p.GetSdgs()),
		StartDate:      dateFromProto(p.GetStartDate()),
		EndDate:        dateFromProto(p.GetEndDate()),
	}
}

func profileStateToProto(s domain.ProfileState) registryv1.ProfileState {
	switch s {
	case domain.ProfileSubmitted:
		return registryv1.ProfileState_PROFILE_STATE_SUBMITTED
	case domain.ProfileAccepted:
		return registryv1.ProfileState_PROFILE_STATE_ACCEPTED
	case domain.ProfileReturned:
		return registryv1.ProfileState_PROFILE_STATE_RETURNED
	}
	return registryv1.ProfileState_PROFILE_STATE_UNSPECIFIED
}
