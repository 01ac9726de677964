package domain

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// EventKind says what sort of gathering an event is.
type EventKind int

// Event kinds, as the contract names them.
const (
	KindUnspecified EventKind = iota
	KindMeeting
	KindSideEvent
	KindHearing
	KindConference
	KindWorkshop
	KindWebinar
)

// Valid says whether k is one of the known kinds.
func (k EventKind) Valid() bool { return k >= KindMeeting && k <= KindWebinar }

// EventState says whether an event goes ahead.
type EventState int

const (
	// EventScheduled: the event takes place as announced.
	EventScheduled EventState = iota + 1
	// EventCancelled: the event was called off; it stays on the calendar, marked.
	EventCancelled
)

// Organizer is one credited organizer; OrganizationID is set when it is in the registry.
type Organizer struct {
	Name           string
	OrganizationID string
}

// Event is a gathering on the UN calendar. Times are instants plus the IANA zone the event is
// announced in, so that "09:00 ET" is stored exactly and shown as people expect.
type Event struct {
	ID                         string
	Title                      string
	Kind                       EventKind
	Start, End                 time.Time
	TimeZone                   string
	Venue                      string
	OnlineURL                  string
	Organizers                 []Organizer
	Description                string
	Tags                       []string
	Capacity                   int // 0: no limit
	QuotaPerOrganization       int // 0: no limit
	RequiresConsultativeStatus bool
	ParentEventID              string
	RegistrationOpens          time.Time // zero: open from creation
	RegistrationCloses         time.Time // zero: open until Start
	State                      EventState
	CancelReason               string
	RegistrationURL            string
	Confirmed, Waitlisted      int
	Created, Updated           time.Time
	Revision                   int64
}

// Etag is the event's version as clients see it: opaque, changed by every write.
func (e *Event) Etag() string { return etagOf("e", e.Revision) }

func etagOf(prefix string, rev int64) string { return `"` + prefix + strconv.FormatInt(rev, 36) + `"` }

var tagPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Limits from the contract, enforced here as well so that the rules hold whatever the entry point.
const (
	maxTitle       = 300
	maxDescription = 10000
	maxVenue       = 500
	maxURL         = 2048
	maxOrganizers  = 50
	maxTags        = 20
)

// Validate checks every rule an event must satisfy on its own; rules that need other records
// (the parent exists) are the use case's. Violations name fields as "event.<field>".
func (e *Event) Validate() error {
	var p Problems
	title := strings.TrimSpace(e.Title)
	switch {
	case title == "":
		p.Add("event.title", "is required")
	case utf8.RuneCountInString(e.Title) > maxTitle:
		p.Add("event.title", "must be at most %d characters", maxTitle)
	}
	if !e.Kind.Valid() {
		p.Add("event.kind", "is required and must be a known kind")
	}
	if e.Start.IsZero() {
		p.Add("event.start_time", "is required")
	}
	if e.End.IsZero() {
		p.Add("event.end_time", "is required")
	}
	if !e.Start.IsZero() && !e.End.IsZero() && !e.End.After(e.Start) {
		p.Add("event.end_time", "must be after start_time")
	}
	if err := CheckTimeZone(e.TimeZone); err != nil {
		p.Add("event.time_zone", "%s", err.Error())
	}
	if utf8.RuneCountInString(e.Venue) > maxVenue {
		p.Add("event.venue", "must be at most %d characters", maxVenue)
	}
	checkURL(&p, "event.online_url", e.OnlineURL)
	checkURL(&p, "event.registration_url", e.RegistrationURL)
	if len(e.Organizers) > maxOrganizers {
		p.Add("event.organizers", "must list at most %d organizers", maxOrganizers)
	}
	for i, o := range e.Organizers {
		if n := utf8.RuneCountInString(strings.TrimSpace(o.Name)); n == 0 || n > 300 {
			p.Add("event.organizers["+strconv.Itoa(i)+"].name", "must be 1 to 300 characters")
		}
	}
	if utf8.RuneCountInString(e.Description) > maxDescription {
		p.Add("event.description", "must be at most %d characters", maxDescription)
	}
	checkTags(&p, "event.tags", e.Tags)
	if e.Capacity < 0 {
		p.Add("event.capacity", "must not be negative")
	}
	if e.QuotaPerOrganization < 0 {
		p.Add("event.quota_per_organization", "must not be negative")
	}
	if e.ParentEventID != "" && e.ParentEventID == e.ID {
		p.Add("event.parent_event_id", "must name another event")
	}
	if e.Kind == KindSideEvent && e.ParentEventID == "" {
		p.Add("event.parent_event_id", "is required for a side event: name the meeting it is held around")
	}
	if !e.RegistrationOpens.IsZero() && !e.RegistrationCloses.IsZero() && !e.RegistrationCloses.After(e.RegistrationOpens) {
		p.Add("event.registration_closes", "must be after registration_opens")
	}
	return p.Err()
}

func checkURL(p *Problems, field, u string) {
	if u == "" {
		return
	}
	lower := strings.ToLower(u)
	if len(u) > maxURL || !(strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")) {
		p.Add(field, "must be an http:// or https:// URL of at most %d characters", maxURL)
	}
}

func checkTags(p *Problems, field string, tags []string) {
	if len(tags) > maxTags {
		p.Add(field, "must hold at most %d tags", maxTags)
	}
	seen := map[string]bool{}
	for _, t := range tags {
		if !tagPattern.MatchString(t) || len(t) > 64 {
			p.Add(field, "%q must be lower-case words joined by hyphens", t)
		}
		if seen[t] {
			p.Add(field, "%q is listed twice", t)
		}
		seen[t] = true
	}
}

// Ended says whether the event is over at now.
func (e *Event) Ended(now time.Time) bool { return !now.Before(e.End) }

// RegistrationCloseTime is when registration stops: the stated close, else the event's start.
func (e *Event) RegistrationCloseTime() time.Time {
	if !e.RegistrationCloses.IsZero() {
		return e.RegistrationCloses
	}
	return e.Start
}

// CheckRegistrationOpen refuses a registration for a cancelled event or outside the window.
func (e *Event) CheckRegistrationOpen(now time.Time) error {
	if e.State == EventCancelled {
		return Refused(ReasonEventCancelled, "event %s is cancelled and takes no registrations", e.ID)
	}
	if !e.RegistrationOpens.IsZero() && now.Before(e.RegistrationOpens) {
		return Refused(ReasonRegistrationNotOpen, "registration for event %s opens at %s", e.ID, e.RegistrationOpens.UTC().Format(time.RFC3339))
	}
	if closes := e.RegistrationCloseTime(); !now.Before(closes) {
		return Refused(ReasonRegistrationClosed, "registration for event %s closed at %s", e.ID, closes.UTC().Format(time.RFC3339))
	}
	return nil
}

// Cancel calls the event off. A second cancellation is refused so that a caller learns it
// changed nothing (a retry with the same request_id is answered before this rule).
func (e *Event) Cancel(reason string, now time.Time) error {
	if e.State == EventCancelled {
		return Refused(ReasonEventAlreadyCanceled, "event %s is already cancelled", e.ID)
	}
	e.State = EventCancelled
	e.CancelReason = reason
	e.Updated = now
	return nil
}

// CheckCapacity refuses a capacity below the seats already confirmed: confirmed people are
// never bumped by an edit.
func (e *Event) CheckCapacity() error {
	if e.Capacity > 0 && e.Capacity < e.Confirmed {
		return Refused(ReasonCapacityBelowSeats, "capacity %d is below the %d registrations already confirmed", e.Capacity, e.Confirmed)
	}
	return nil
}

// FreeSeats is how many more registrations may be confirmed now; -1 means no limit.
func (e *Event) FreeSeats() int {
	if e.Capacity == 0 {
		return -1
	}
	if n := e.Capacity - e.Confirmed; n > 0 {
		return n
	}
	return 0
}

// SeatsToPromote is how many waitlisted registrations get a seat now, e.g. after the capacity
// was raised or a confirmed registration was cancelled.
func (e *Event) SeatsToPromote() int {
	free := e.FreeSeats()
	if free < 0 || free > e.Waitlisted {
		return e.Waitlisted
	}
	return free
}

// SearchText is the lower-cased text that `query` searches: title, description, organizers'
// names and venue.
func (e *Event) SearchText() string {
	parts := []string{e.Title, e.Description, e.Venue}
	for _, o := range e.Organizers {
		parts = append(parts, o.Name)
	}
	return strings.ToLower(strings.Join(parts, "\n"))
}

// QueryWords splits a search query into the lower-cased words that must all match. NUL
// characters are dropped: no stored text can hold one (PostgreSQL refuses them), and SQLite
// would end the LIKE pattern at the first one, matching every event.
func QueryWords(q string) []string {
	return strings.Fields(strings.ToLower(strings.ReplaceAll(q, "\x00", "")))
}
