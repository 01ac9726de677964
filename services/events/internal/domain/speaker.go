package domain

import (
	"strings"
	"time"
)

// SpeakerState is where a request to speak stands.
type SpeakerState int

// Speaker request states (the contract's enum values).
const (
	SpeakerRequested SpeakerState = iota + 1
	SpeakerListed
	SpeakerNotListed
)

// ReasonSpeakerRequestExists: the organization already asked to speak under the item.
const ReasonSpeakerRequestExists = "SPEAKER_REQUEST_EXISTS"

// SpeakerRequest is an organization's request to make an oral statement at a meeting under one
// agenda item.
type SpeakerRequest struct {
	ID, EventID, AgendaItem, OrganizationID string
	SpeakerName, SpeakerTitle               string
	State                                   SpeakerState
	Position                                int
	Created, Updated                        time.Time
	Revision                                int64
	Arrival                                 int64
}

// Validate checks the request's own fields.
func (r *SpeakerRequest) Validate() error {
	var p Problems
	r.AgendaItem, r.SpeakerName = strings.TrimSpace(r.AgendaItem), strings.TrimSpace(r.SpeakerName)
	if r.AgendaItem == "" {
		p.Add("speaker_request.agenda_item", "is required")
	}
	if strings.TrimSpace(r.OrganizationID) == "" {
		p.Add("speaker_request.organization_id", "is required")
	}
	if r.SpeakerName == "" {
		p.Add("speaker_request.speaker_name", "is required")
	}
	return p.Err()
}

// CheckMayRequestToSpeak applies the rights of the categories (press release NGO/969): General
// and Special organizations may make oral statements, Roster organizations only attend; the
// meeting must still be ahead or under way.
func CheckMayRequestToSpeak(e *Event, s ConsultativeStatus, now time.Time) error {
	switch {
	case e.State == EventCancelled:
		return Refused(ReasonEventCancelled, "event %s is cancelled", e.ID)
	case e.Ended(now):
		return Refused(ReasonEventEnded, "event %s has ended", e.ID)
	case !s.Active():
		return Refused(ReasonStatusRequired, "organization %s does not hold active consultative status (it is %s)", s.OrganizationID, s.State)
	case s.Category == CategoryRoster:
		return Refused(ReasonCategoryNotAdmitted, "organizations on the Roster may attend but not make oral statements")
	}
	return nil
}

// ArrangeSpeakers draws up the list for one item: the requests named in order get places 1..n,
// the item's others are not listed. Every id must be one of the item's requests.
func ArrangeSpeakers(item []SpeakerRequest, order []string, now time.Time) error {
	place := map[string]int{}
	for i, id := range order {
		place[id] = i + 1
	}
	found := 0
	for i := range item {
		r := &item[i]
		pos, ok := place[r.ID]
		state := SpeakerNotListed
		if ok {
			state = SpeakerListed
			found++
		}
		if r.State != state || r.Position != pos {
			r.State, r.Position, r.Updated = state, pos, now
			r.Revision++
		}
	}
	if found != len(place) {
		return Invalid("speaker_request_ids", "names a request that is not under this agenda item of this meeting")
	}
	return nil
}
