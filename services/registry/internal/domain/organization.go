package domain

import (
	"time"
)

// StakeholderGroup is the kind of stakeholder an organization is. The numbers match the public
// contract so that converting is a plain cast.
type StakeholderGroup int

// The stakeholder groups the directory knows.
const (
	StakeholderUnspecified StakeholderGroup = iota
	StakeholderNGO
	StakeholderInternationalOrganization
	StakeholderAcademia
	StakeholderPrivateSector
	StakeholderGovernment
	StakeholderUNEntity
)

// Known reports whether g is one of the defined groups (not unspecified).
func (g StakeholderGroup) Known() bool { return g >= StakeholderNGO && g <= StakeholderUNEntity }

// Address is a postal address of a headquarters.
type Address struct {
	Street, City, PostalCode, Country string
}

// SocialMediaAccount is a handle on one platform, e.g. Instagram @ungeneva.
type SocialMediaAccount struct {
	Platform, Handle string
}

// Organization is a profile in the directory. Invitations and notices go to what is recorded, and
// liaison officers find who does what by searching it.
type Organization struct {
	ID               string
	Name             string
	Acronym          string
	StakeholderGroup StakeholderGroup
	Address          Address
	Country          string
	Website          string
	Email            string
	Description      string
	FoundedOn        Date
	SDGs             []int
	Languages        []string
	SocialMedia      []SocialMediaAccount
	PolicyIssues     []string

	// Status mirrors the accreditation service's record; the registry never decides it.
	Status ConsultativeStatus

	// CreatedBy is the subject of the account that created the profile: an `ngo` user may change
	// the profile it created even before its token names the organization.
	CreatedBy  string
	CreateTime time.Time
	UpdateTime time.Time
	// Revision counts writes; the etag is derived from it.
	Revision int64
	// NameFlag, when set, says why an officer should look at the name (see NameFlag).
	NameFlag string
	// ProfileState is where the NGO Branch's review of the profile stands; ProfileNote says
	// why it was returned.
	ProfileState ProfileState
	ProfileNote  string
}

// ProfileState is where the NGO Branch's review of a profile stands: a substantive officer
// accepts a profile an organization registered before it may apply for consultative status
// ("a few days"; "Once you have been notified that your profile registration was accepted",
// csonet.org menu=83).
type ProfileState string

// Profile review states. Empty is a profile from before the review: accepted.
const (
	ProfileSubmitted ProfileState = "SUBMITTED"
	ProfileAccepted  ProfileState = "ACCEPTED"
	ProfileReturned  ProfileState = "RETURNED"
)

// Accepted reports whether the organization may apply for consultative status.
func (o Organization) Accepted() bool {
	return o.ProfileState == "" || o.ProfileState == ProfileAccepted
}

// Etag is the opaque version callers send back to update the profile.
func (o Organization) Etag() string { return MakeEtag(o.ID, o.Revision) }

// NormalizedName is the key for duplicate detection and the A-to-Z order.
func (o Organization) NormalizedName() string { return NormalizeName(o.Name) }

// NameSkeleton is the key for look-alike duplicates (see NameSkeleton).
func (o Organization) NameSkeleton() string { return NameSkeleton(o.Name) }

// Validate checks every rule a stored profile must satisfy. now is the injected clock's time, so
// "founded in the future" means the same in a pinned demo as in production.
func (o Organization) Validate(now time.Time) error {
	var vs violations
	checkLength(&vs, "name", o.Name, 1, 300)
	checkLength(&vs, "acronym", o.Acronym, 0, 50)
	if !o.StakeholderGroup.Known() {
		vs.add("stakeholder_group", "is required: one of the defined stakeholder groups")
	}
	switch {
	case o.Country == "":
		vs.add("country", "is required: the ISO 3166-1 alpha-2 code of the headquarters, e.g. CH")
	case !IsCountry(o.Country):
		vs.add("country", "%q is not an assigned ISO 3166-1 alpha-2 country code", o.Country)
	}
	if o.Address.Country != "" && !IsCountry(o.Address.Country) {
		vs.add("address.country", "%q is not an assigned ISO 3166-1 alpha-2 country code", o.Address.Country)
	}
	checkLength(&vs, "address.street", o.Address.Street, 0, 300)
	checkLength(&vs, "address.city", o.Address.City, 0, 100)
	checkLength(&vs, "address.postal_code", o.Address.PostalCode, 0, 20)
	checkWebsite(&vs, "website", o.Website)
	if o.Email != "" {
		checkEmail(&vs, "email", o.Email)
	}
	checkLength(&vs, "description", o.Description, 0, 10000)
	if !o.FoundedOn.IsZero() {
		switch {
		case !o.FoundedOn.partialValid():
			vs.add("founded_on", "%s is not a calendar date (month and day may be 0 when unknown)", o.FoundedOn)
		case o.FoundedOn.After(now):
			vs.add("founded_on", "%s is in the future", o.FoundedOn)
		}
	}
	checkSDGs(&vs, "sdgs", o.SDGs)
	checkLanguages(&vs, o.Languages)
	if len(o.SocialMedia) > 20 {
		vs.add("social_media", "at most 20 accounts")
	}
	for i, a := range o.SocialMedia {
		checkLength(&vs, indexed("social_media", i, "platform"), a.Platform, 1, 50)
		checkLength(&vs, indexed("social_media", i, "handle"), a.Handle, 1, 200)
	}
	checkTags(&vs, "policy_issues", o.PolicyIssues)
	return vs.err()
}

// SDGMask packs the goals into bits 1..17, so "works on any of these goals" is one bitwise test
// that an index-friendly column can answer in either database.
func SDGMask(sdgs []int) int64 {
	var m int64
	for _, g := range sdgs {
		if g >= 1 && g <= 17 {
			m |= 1 << g
		}
	}
	return m
}
