package domain

import (
	"errors"
	"strings"
	"time"

	// Bundled so that zone rules are the same on every machine, whatever tzdata the host has.
	_ "time/tzdata"
)

// CheckTimeZone accepts only IANA zone names of the Area/Location form (and "UTC"): an
// abbreviation such as "ET", "AST" or "CEST" names several offsets around the world and would put
// an event at the wrong instant.
func CheckTimeZone(name string) error {
	if name == "" {
		return errors.New("is required")
	}
	if name != "UTC" && !strings.Contains(name, "/") {
		return errors.New("must be an IANA zone such as America/New_York, not an abbreviation")
	}
	if _, err := time.LoadLocation(name); err != nil || name == "Local" {
		return errors.New("is not a known IANA time zone")
	}
	return nil
}

// Location returns the zone of an event already validated; UTC if it cannot be loaded.
func Location(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}
