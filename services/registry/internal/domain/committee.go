package domain

import (
	"slices"
	"time"
)

// CommitteeKind tells whether an NGO committee gathers NGOs of one region or of one theme.
type CommitteeKind int

// The kinds, numbered as in the public contract.
const (
	CommitteeKindUnspecified CommitteeKind = iota
	CommitteeRegional
	CommitteeThematic
)

// NgoCommittee is a regional or thematic platform where NGOs coordinate and advocate together
// towards the UN. It is not the ECOSOC Committee on NGOs, which reviews applications.
type NgoCommittee struct {
	ID          string
	Name        string
	Kind        CommitteeKind
	Region      string
	Theme       string
	Description string
	Website     string
	// Members are organization ids in the order they joined.
	Members    []string
	CreateTime time.Time
	UpdateTime time.Time
	Revision   int64
}

// Etag is the opaque version callers send back with AddCommitteeMember.
func (c NgoCommittee) Etag() string { return MakeEtag(c.ID, c.Revision) }

// Validate checks the rules every stored committee satisfies: a regional committee names its
// region, a thematic one its theme.
func (c NgoCommittee) Validate() error {
	var vs violations
	checkLength(&vs, "name", c.Name, 1, 300)
	switch c.Kind {
	case CommitteeRegional:
		if c.Region == "" {
			vs.add("region", "is required for a regional committee")
		}
	case CommitteeThematic:
		if c.Theme == "" {
			vs.add("theme", "is required for a thematic committee")
		}
	default:
		vs.add("kind", "is required: regional or thematic")
	}
	checkLength(&vs, "region", c.Region, 0, 100)
	checkLength(&vs, "theme", c.Theme, 0, 100)
	checkLength(&vs, "description", c.Description, 0, 10000)
	checkWebsite(&vs, "website", c.Website)
	return vs.err()
}

// HasMember reports whether the organization already belongs to the committee.
func (c NgoCommittee) HasMember(orgID string) bool { return slices.Contains(c.Members, orgID) }

// AddMember adds the organization at the end of the member list. It reports false, and changes
// nothing, when the organization is already a member, so a retried call is harmless.
func (c *NgoCommittee) AddMember(orgID string, now time.Time) bool {
	if c.HasMember(orgID) {
		return false
	}
	c.Members = append(c.Members, orgID)
	c.UpdateTime = now
	return true
}
