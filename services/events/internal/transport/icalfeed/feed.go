// Package icalfeed writes events as RFC 5545 iCalendar, for subscribing from Outlook, Google
// Calendar and Apple Calendar. It relies on github.com/arran4/golang-ical for the format's
// escaping and line folding rather than writing the text by hand.
package icalfeed

import (
	"strings"

	ics "github.com/arran4/golang-ical"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// uidDomain makes UIDs globally unique, as RFC 5545 asks, and stable: the same event has the
// same UID in every feed and in its own file, so subscribing to both never duplicates it.
const uidDomain = "events.liaison.un.org"

// UID is an event's iCalendar UID.
func UID(eventID string) string { return eventID + "@" + uidDomain }

// ContentType is what feeds are served as.
const ContentType = "text/calendar; charset=utf-8"

// Feed renders events as one VCALENDAR named name.
//
// Times are written as UTC instants (DTSTART:20210919T130000Z). That form means the same
// moment in every client and needs no VTIMEZONE, whose hand-built rules are where feeds most
// often go wrong; each client then shows the time in its user's own zone. The zone the event is
// announced in is kept in the description, so the announced local time is not lost.
//
// DTSTAMP is the event's last change rather than the time of the request, so a feed that did
// not change reads byte for byte the same; SEQUENCE follows the event's revision so clients
// replace their copy when it changes, including when it is cancelled (STATUS:CANCELLED).
func Feed(name string, events []domain.Event) []byte {
	cal := ics.NewCalendarFor("United Nations NGO liaison//events")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetName(name)
	cal.SetXWRCalName(name)
	for i := range events {
		addEvent(cal, &events[i])
	}
	// RFC 5545 lines end in CRLF; the library writes bare LF unless told.
	return []byte(cal.Serialize(ics.WithNewLine("\r\n")))
}

func addEvent(cal *ics.Calendar, e *domain.Event) {
	v := cal.AddEvent(UID(e.ID))
	v.SetDtStampTime(e.Updated)
	v.SetCreatedTime(e.Created)
	v.SetModifiedAt(e.Updated)
	v.SetSequence(int(e.Revision - 1))
	v.SetStartAt(e.Start)
	v.SetEndAt(e.End)
	v.SetSummary(e.Title)
	if e.State == domain.EventCancelled {
		v.SetStatus(ics.ObjectStatusCancelled)
	} else {
		v.SetStatus(ics.ObjectStatusConfirmed)
	}
	v.SetDescription(description(e))
	if loc := location(e); loc != "" {
		v.SetLocation(loc)
	}
	if u := firstNonEmpty(e.OnlineURL, e.RegistrationURL); u != "" {
		v.SetURL(u)
	}
	// One CATEGORIES line per tag: the library escapes commas in a value, which would turn a
	// joined list into a single category.
	for _, t := range e.Tags {
		v.AddCategory(t)
	}
	if e.ParentEventID != "" {
		v.AddProperty(ics.ComponentPropertyRelatedTo, UID(e.ParentEventID), &ics.KeyValues{Key: string(ics.ParameterReltype), Value: []string{"PARENT"}})
	}
}

func description(e *domain.Event) string {
	var b strings.Builder
	b.WriteString(e.Description)
	add := func(label, value string) {
		if value == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(label + value)
	}
	if e.State == domain.EventCancelled {
		add("Cancelled: ", firstNonEmpty(e.CancelReason, "the event will not take place"))
	}
	names := make([]string, len(e.Organizers))
	for i, o := range e.Organizers {
		names[i] = o.Name
	}
	add("Organized by: ", strings.Join(names, "; "))
	add("Announced time: ", announced(e))
	add("Join online: ", e.OnlineURL)
	add("Register: ", e.RegistrationURL)
	return b.String()
}

func location(e *domain.Event) string {
	if e.Venue != "" {
		return e.Venue
	}
	if e.OnlineURL != "" {
		return "Online"
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// announced is the event's time as announced, in its own zone, so that "09:00 ET" survives the
// feed's UTC instants for readers.
func announced(e *domain.Event) string {
	loc := domain.Location(e.TimeZone)
	start, end := e.Start.In(loc), e.End.In(loc)
	const day, clock = "Mon 2 January 2006", "15:04"
	if start.Format("2006-01-02") == end.Format("2006-01-02") {
		return start.Format(day+", "+clock) + "–" + end.Format(clock) + " (" + e.TimeZone + ")"
	}
	if start.Format(clock) == "00:00" && end.Format(clock) == "00:00" {
		return start.Format(day) + " to " + end.AddDate(0, 0, -1).Format(day) + ", whole days (" + e.TimeZone + ")"
	}
	return start.Format(day+", "+clock) + " to " + end.Format(day+", "+clock) + " (" + e.TimeZone + ")"
}
