package domain

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ProposalState is where a side-event proposal is in its review.
type ProposalState int

const (
	// ProposalProposed: waiting for an officer's decision.
	ProposalProposed ProposalState = iota + 1
	// ProposalApproved: the side event is on the calendar.
	ProposalApproved
	// ProposalRejected: declined, with a reason.
	ProposalRejected
)

// SideEventProposal is an NGO's offer to hold a side event around a meeting.
type SideEventProposal struct {
	ID               string
	EventID          string // the meeting
	OrganizationID   string
	OrganizationName string // credited first on approval; the id when the name is unknown
	Title            string
	Description      string
	CoOrganizers     []Organizer
	PreferredStart   time.Time
	PreferredEnd     time.Time
	TimeZone         string
	OnlineURL        string
	RegistrationURL  string
	State            ProposalState
	RejectionReason  string
	SideEventID      string
	Created, Updated time.Time
	Revision         int64
	// Arrival is the store-assigned arrival order ("oldest first" follows it).
	Arrival int64
}

// Etag is the proposal's version as clients see it.
func (p *SideEventProposal) Etag() string { return etagOf("p", p.Revision) }

// Validate checks the proposal's own fields.
func (p *SideEventProposal) Validate() error {
	var pr Problems
	const f = "side_event_proposal."
	if strings.TrimSpace(p.OrganizationID) == "" {
		pr.Add(f+"organization_id", "is required")
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(p.Title)); n == 0 || n > 300 {
		pr.Add(f+"title", "must be 1 to 300 characters")
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(p.Description)); n == 0 || n > 5000 {
		pr.Add(f+"description", "must be 1 to 5,000 characters")
	}
	if len(p.CoOrganizers) > 20 {
		pr.Add(f+"co_organizers", "must list at most 20 organizers")
	}
	for i, o := range p.CoOrganizers {
		if n := utf8.RuneCountInString(strings.TrimSpace(o.Name)); n == 0 || n > 300 {
			pr.Add(f+"co_organizers["+strconv.Itoa(i)+"].name", "must be 1 to 300 characters")
		}
	}
	if p.PreferredStart.IsZero() {
		pr.Add(f+"preferred_start_time", "is required")
	}
	if p.PreferredEnd.IsZero() {
		pr.Add(f+"preferred_end_time", "is required")
	} else if !p.PreferredEnd.After(p.PreferredStart) {
		pr.Add(f+"preferred_end_time", "must be after preferred_start_time")
	}
	if err := CheckTimeZone(p.TimeZone); err != nil {
		pr.Add(f+"time_zone", "%s", err.Error())
	}
	checkURL(&pr, f+"online_url", p.OnlineURL)
	checkURL(&pr, f+"registration_url", p.RegistrationURL)
	return pr.Err()
}

// CheckCanHostSideEvent refuses proposals for events that cannot have side events now: a
// cancelled or finished event, or a side event itself (side events do not nest).
func CheckCanHostSideEvent(meeting *Event, now time.Time) error {
	switch {
	case meeting.Kind == KindSideEvent:
		return Refused(ReasonNotAMeeting, "event %s is itself a side event; propose around its meeting %s", meeting.ID, meeting.ParentEventID)
	case meeting.State == EventCancelled:
		return Refused(ReasonEventCancelled, "event %s is cancelled", meeting.ID)
	case meeting.Ended(now):
		return Refused(ReasonEventEnded, "event %s has ended", meeting.ID)
	}
	return nil
}

// CheckMayPropose refuses an organization that does not hold ACTIVE status.
func CheckMayPropose(s ConsultativeStatus) error {
	if !s.Active() {
		return Refused(ReasonStatusRequired, "only organizations in consultative status may propose side events; organization %s has status %s", s.OrganizationID, s.State)
	}
	return nil
}

// ApprovalChoice is what the officer may set on approval; zero values keep the proposal's.
type ApprovalChoice struct {
	Start, End time.Time
	Venue      string
}

// Approve accepts the proposal and returns the side event to put on the calendar under the
// meeting (its ID is left for the caller to assign). The proposal records the side event's id
// once the caller has set it via Approved.
func (p *SideEventProposal) Approve(meeting *Event, c ApprovalChoice, now time.Time) (Event, error) {
	if p.State != ProposalProposed {
		return Event{}, Refused(ReasonProposalDecided, "proposal %s has already been decided", p.ID)
	}
	if meeting.State == EventCancelled {
		return Event{}, Refused(ReasonEventCancelled, "meeting %s has been cancelled", meeting.ID)
	}
	start, end := p.PreferredStart, p.PreferredEnd
	if !c.Start.IsZero() {
		start, end = c.Start, c.End
	}
	proposer := p.OrganizationName
	if proposer == "" {
		proposer = p.OrganizationID
	}
	organizers := append([]Organizer{{Name: proposer, OrganizationID: p.OrganizationID}}, p.CoOrganizers...)
	ev := Event{
		Title:           p.Title,
		Kind:            KindSideEvent,
		Start:           start,
		End:             end,
		TimeZone:        p.TimeZone,
		Venue:           c.Venue,
		OnlineURL:       p.OnlineURL,
		Organizers:      organizers,
		Description:     p.Description,
		ParentEventID:   meeting.ID,
		RegistrationURL: p.RegistrationURL,
		State:           EventScheduled,
		Created:         now,
		Updated:         now,
		Revision:        1,
	}
	return ev, nil
}

// Approved records the approval once the side event exists.
func (p *SideEventProposal) Approved(sideEventID string, now time.Time) {
	p.State = ProposalApproved
	p.SideEventID = sideEventID
	p.Updated = now
}

// Reject declines the proposal with a reason for the proposer.
func (p *SideEventProposal) Reject(reason string, now time.Time) error {
	if strings.TrimSpace(reason) == "" {
		return Invalid("reason", "is required: say why the proposal is declined")
	}
	if p.State != ProposalProposed {
		return Refused(ReasonProposalDecided, "proposal %s has already been decided", p.ID)
	}
	p.State = ProposalRejected
	p.RejectionReason = reason
	p.Updated = now
	return nil
}
