package domain

import "time"

// Partnership is a joint initiative, project or campaign between an organization and a UN entity,
// with the goals it serves and when it runs.
type Partnership struct {
	ID             string
	OrganizationID string
	UNEntity       string
	Title          string
	Description    string
	SDGs           []int
	StartDate      Date
	// EndDate is zero for an open-ended partnership.
	EndDate    Date
	CreateTime time.Time
	UpdateTime time.Time
	Revision   int64
}

// Etag is the partnership's opaque version.
func (p Partnership) Etag() string { return MakeEtag(p.ID, p.Revision) }

// Validate checks the partnership's own rules; that the organization exists is the use case's job,
// since it needs the directory.
func (p Partnership) Validate() error {
	var vs violations
	if p.OrganizationID == "" {
		vs.add("organization_id", "is required")
	}
	checkLength(&vs, "un_entity", p.UNEntity, 1, 100)
	checkLength(&vs, "title", p.Title, 1, 300)
	checkLength(&vs, "description", p.Description, 0, 10000)
	checkSDGs(&vs, "sdgs", p.SDGs)
	switch {
	case p.StartDate.IsZero():
		vs.add("start_date", "is required")
	case !p.StartDate.Full():
		vs.add("start_date", "%s is not a full calendar date", p.StartDate)
	}
	if !p.EndDate.IsZero() {
		switch {
		case !p.EndDate.Full():
			vs.add("end_date", "%s is not a full calendar date", p.EndDate)
		case p.StartDate.Full() && p.EndDate.Before(p.StartDate):
			vs.add("end_date", "%s is before start_date %s", p.EndDate, p.StartDate)
		}
	}
	return vs.err()
}
