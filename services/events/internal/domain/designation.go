package domain

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// DutyStation is a UN duty station whose badge office issues grounds passes; a pass from one
// does not open another's gates.
type DutyStation int

// Duty stations (the contract's enum values).
const (
	StationNewYork DutyStation = iota + 1
	StationGeneva
	StationVienna
)

// Stations lists every duty station, in the contract's order.
var Stations = []DutyStation{StationNewYork, StationGeneva, StationVienna}

func (s DutyStation) String() string {
	switch s {
	case StationNewYork:
		return "New York"
	case StationGeneva:
		return "Geneva"
	case StationVienna:
		return "Vienna"
	}
	return "unknown station"
}

// DesignationRole is the pass a designation is for.
type DesignationRole int

// Roles of a designation (the contract's enum values).
const (
	RoleHead DesignationRole = iota + 1
	RoleChiefAdministrativeOfficer
	RoleMainRepresentative
	RoleAdditionalRepresentative
	RoleTemporary
)

func (r DesignationRole) String() string {
	switch r {
	case RoleHead:
		return "head of the organization"
	case RoleChiefAdministrativeOfficer:
		return "chief administrative officer"
	case RoleMainRepresentative:
		return "main representative"
	case RoleAdditionalRepresentative:
		return "additional representative"
	case RoleTemporary:
		return "temporary pass"
	}
	return "unknown role"
}

// principal says whether the role is one of the two that come first and are shared by every
// station (head and chief administrative officer).
func (r DesignationRole) principal() bool {
	return r == RoleHead || r == RoleChiefAdministrativeOfficer
}

// DesignationState is where a designation stands.
type DesignationState int

// Designation states (the contract's enum values).
const (
	DesignationPending DesignationState = iota + 1
	DesignationApproved
	DesignationReturned
	DesignationVoided
)

// DesignationChangeKind says what a change of the stream did.
type DesignationChangeKind int

// Change kinds (the contract's enum values).
const (
	ChangeSubmitted DesignationChangeKind = iota + 1
	ChangeIssued
	ChangeReturned
	ChangeVoided
)

// Person is who a designation names.
type Person struct {
	FullName, Title, Email, PhotoRef string
	BirthDate                        time.Time // a date (UTC midnight); zero when not given
}

// Designation is one person designated for a grounds pass at one station for one year.
type Designation struct {
	ID             string
	OrganizationID string
	Station        DutyStation
	Year           int
	Role           DesignationRole
	Person         Person
	// ValidFrom and ValidUntil are dates (UTC midnight), both days included.
	ValidFrom, ValidUntil time.Time
	State                 DesignationState
	Reason                string
	Created, Updated      time.Time
	Revision              int64
	// Arrival is the store-assigned arrival order.
	Arrival int64
}

// DesignationChange is one entry of the designation change stream: the designation as it stood
// after the change.
type DesignationChange struct {
	Sequence    uint64
	Kind        DesignationChangeKind
	Designation Designation
	Time        time.Time
}

// Etag is the designation's version as clients see it.
func (d *Designation) Etag() string { return etagOf("d", d.Revision) }

// Live says whether the designation holds (or may come to hold) a pass on day: pending or
// approved, and not past its last day.
func (d *Designation) Live(day time.Time) bool {
	return (d.State == DesignationPending || d.State == DesignationApproved) && !Day(day).After(d.ValidUntil)
}

// StationRules are one duty station's rules for grounds passes. The defaults are today's
// practice (see DefaultStationRules); each is a setting.
type StationRules struct {
	// AnnualQuota counts every annual pass: head, chief administrative officer, main and
	// additional representatives.
	AnnualQuota int
	// MainRepresentatives and AdditionalRepresentatives cap those roles within the quota.
	MainRepresentatives, AdditionalRepresentatives int
	// TemporaryAtOnce caps the temporary passes valid on any one day; 0 means no cap.
	TemporaryAtOnce int
	// TemporaryMinDays and TemporaryMaxDays bound a temporary pass's length in days (both days
	// counted); 0 means no bound.
	TemporaryMinDays, TemporaryMaxDays int
	// MinimumAge is the youngest a designated person may be on the first day of validity; 0
	// means no minimum (and no date of birth is needed).
	MinimumAge int
}

// DefaultStationRules returns today's practice at a station: 7 annual passes (head, CAO, one
// main and up to four additional representatives) everywhere; in New York at most 9 temporary
// passes at a time, each at least a month long, and a minimum age of 18; in Geneva temporary
// passes of at most three months (renewable once, by a new designation).
func DefaultStationRules(s DutyStation) StationRules {
	r := StationRules{AnnualQuota: 7, MainRepresentatives: 1, AdditionalRepresentatives: 4}
	switch s {
	case StationNewYork:
		r.TemporaryAtOnce, r.TemporaryMinDays, r.MinimumAge = 9, 30, 18
	case StationGeneva:
		r.TemporaryMaxDays = 92
	}
	return r
}

// Day truncates t to its UTC date.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Reason codes of designation refusals.
const (
	ReasonHeadAndCAOFirst       = "HEAD_AND_CAO_FIRST"
	ReasonHeadAndCAODiffer      = "HEAD_AND_CAO_DIFFER"
	ReasonTemporaryLimit        = "TEMPORARY_LIMIT"
	ReasonAlreadyDesignated     = "ALREADY_DESIGNATED"
	ReasonUnderAge              = "UNDER_AGE"
	ReasonDesignationDecided    = "DESIGNATION_DECIDED"
	ReasonHeadOrCAONotApproved  = "HEAD_OR_CAO_NOT_APPROVED"
	ReasonPastYear              = "YEAR_PASSED"
	ReasonDesignationsSuspended = "DESIGNATIONS_VOIDED_FOR_STATUS"
)

// Validate checks the designation's own fields and sets the validity of annual roles.
func (d *Designation) Validate(today time.Time) error {
	var p Problems
	if strings.TrimSpace(d.OrganizationID) == "" {
		p.Add("designation.organization_id", "is required")
	}
	if d.Station < StationNewYork || d.Station > StationVienna {
		p.Add("designation.duty_station", "must be New York, Geneva or Vienna")
	}
	if d.Role < RoleHead || d.Role > RoleTemporary {
		p.Add("designation.role", "is required")
	}
	if d.Year < 2000 || d.Year > 2100 {
		p.Add("designation.year", "must be a year between 2000 and 2100")
	}
	d.Person.FullName = strings.TrimSpace(d.Person.FullName)
	if d.Person.FullName == "" {
		p.Add("designation.person.full_name", "is required")
	}
	if a, err := mail.ParseAddress(d.Person.Email); err != nil || a.Address != d.Person.Email {
		p.Add("designation.person.email", "must be an e-mail address")
	}
	if d.Role == RoleTemporary {
		if d.ValidFrom.IsZero() || d.ValidUntil.IsZero() {
			p.Add("designation.valid_from", "a temporary pass needs valid_from and valid_until")
		} else if d.ValidUntil.Before(d.ValidFrom) {
			p.Add("designation.valid_until", "must not be before valid_from")
		} else if d.ValidFrom.Year() != d.Year || d.ValidUntil.Year() != d.Year {
			p.Add("designation.valid_until", "a temporary pass lies within its year")
		}
	} else if d.Year >= 2000 {
		d.ValidFrom = time.Date(d.Year, time.January, 1, 0, 0, 0, 0, time.UTC)
		if t := Day(today); t.After(d.ValidFrom) {
			d.ValidFrom = t
		}
		d.ValidUntil = time.Date(d.Year, time.December, 31, 0, 0, 0, 0, time.UTC)
	}
	if err := p.Err(); err != nil {
		return err
	}
	if d.ValidUntil.Before(Day(today)) {
		return Refused(ReasonPastYear, "designations for %d are closed: the year has passed", d.Year)
	}
	return nil
}

// CheckDesignation applies a station's rules to a new designation d, given the organization's
// live designations for d's year at every station (others), read under the organization's
// lock so that concurrent designations see each other.
func CheckDesignation(d *Designation, others []Designation, rules StationRules, today time.Time) error {
	if rules.MinimumAge > 0 {
		if d.Person.BirthDate.IsZero() {
			return Invalid("designation.person.birth_date", "is required at %s (minimum age %d)", d.Station, rules.MinimumAge)
		}
		if d.Person.BirthDate.AddDate(rules.MinimumAge, 0, 0).After(d.ValidFrom) {
			return Refused(ReasonUnderAge, "%s must be at least %d on %s to hold a pass at %s",
				d.Person.FullName, rules.MinimumAge, d.ValidFrom.Format(time.DateOnly), d.Station)
		}
	}
	email := strings.ToLower(d.Person.Email)
	var head, cao, main, additional, annual int
	for i := range others {
		o := &others[i]
		if !o.Live(today) || o.Year != d.Year {
			continue
		}
		if o.Role == d.Role && d.Role.principal() && o.Station != d.Station && strings.ToLower(o.Person.Email) != email {
			return Refused(ReasonHeadAndCAODiffer, "the %s must be the same person at every station: %s is designated at %s",
				d.Role, o.Person.Email, o.Station)
		}
		if o.Station != d.Station {
			continue
		}
		if o.Role != RoleTemporary && d.Role != RoleTemporary && strings.ToLower(o.Person.Email) == email {
			return Refused(ReasonAlreadyDesignated, "%s already holds an annual designation at %s for %d", d.Person.Email, d.Station, d.Year)
		}
		switch o.Role {
		case RoleHead:
			head++
		case RoleChiefAdministrativeOfficer:
			cao++
		case RoleMainRepresentative:
			main++
		case RoleAdditionalRepresentative:
			additional++
		}
		if o.Role != RoleTemporary {
			annual++
		}
	}
	switch d.Role {
	case RoleHead, RoleChiefAdministrativeOfficer:
		if (d.Role == RoleHead && head > 0) || (d.Role == RoleChiefAdministrativeOfficer && cao > 0) {
			return Refused(ReasonAlreadyDesignated, "the organization already designated its %s at %s for %d", d.Role, d.Station, d.Year)
		}
	default:
		if head == 0 || cao == 0 {
			return Refused(ReasonHeadAndCAOFirst, "designate the head of the organization and the chief administrative officer at %s first", d.Station)
		}
	}
	switch d.Role {
	case RoleMainRepresentative:
		if main >= rules.MainRepresentatives {
			return Refused(ReasonQuotaExceeded, "the organization has its %d main representative(s) at %s for %d", rules.MainRepresentatives, d.Station, d.Year)
		}
	case RoleAdditionalRepresentative:
		if additional >= rules.AdditionalRepresentatives {
			return Refused(ReasonQuotaExceeded, "the organization has its %d additional representatives at %s for %d", rules.AdditionalRepresentatives, d.Station, d.Year)
		}
	case RoleTemporary:
		return checkTemporary(d, others, rules, today)
	}
	if annual >= rules.AnnualQuota {
		return Refused(ReasonQuotaExceeded, "the organization has used its %d annual passes at %s for %d", rules.AnnualQuota, d.Station, d.Year)
	}
	return nil
}

func checkTemporary(d *Designation, others []Designation, rules StationRules, today time.Time) error {
	days := int(d.ValidUntil.Sub(d.ValidFrom).Hours()/24) + 1
	if rules.TemporaryMinDays > 0 && days < rules.TemporaryMinDays {
		return Refused(ReasonTemporaryLimit, "a temporary pass at %s lasts at least %d days; this one lasts %d", d.Station, rules.TemporaryMinDays, days)
	}
	if rules.TemporaryMaxDays > 0 && days > rules.TemporaryMaxDays {
		return Refused(ReasonTemporaryLimit, "a temporary pass at %s lasts at most %d days; this one lasts %d", d.Station, rules.TemporaryMaxDays, days)
	}
	if rules.TemporaryAtOnce <= 0 {
		return nil
	}
	// The most passes valid on one day of d's period: the count can only rise on a day some
	// pass starts, so those days (and d's first) are enough to look at.
	days2 := []time.Time{d.ValidFrom}
	var overlapping []*Designation
	for i := range others {
		o := &others[i]
		if o.Role == RoleTemporary && o.Station == d.Station && o.Live(today) && !o.ValidFrom.After(d.ValidUntil) && !o.ValidUntil.Before(d.ValidFrom) {
			overlapping = append(overlapping, o)
			if o.ValidFrom.After(d.ValidFrom) {
				days2 = append(days2, o.ValidFrom)
			}
		}
	}
	for _, day := range days2 {
		n := 0
		for _, o := range overlapping {
			if !o.ValidFrom.After(day) && !o.ValidUntil.Before(day) {
				n++
			}
		}
		if n >= rules.TemporaryAtOnce {
			return Refused(ReasonTemporaryLimit, "the organization has %d temporary passes at %s on %s, the most allowed at a time",
				n, d.Station, day.Format(time.DateOnly))
		}
	}
	return nil
}

// Approve issues a pending designation. A representative or temporary pass needs the head or
// the chief administrative officer approved at the station first (others: the organization's
// designations for the year).
func (d *Designation) Approve(others []Designation, now time.Time) error {
	if d.State != DesignationPending {
		return Refused(ReasonDesignationDecided, "the designation is no longer pending")
	}
	if !d.Role.principal() {
		ok := false
		for i := range others {
			o := &others[i]
			if o.Station == d.Station && o.Year == d.Year && o.Role.principal() && o.State == DesignationApproved {
				ok = true
				break
			}
		}
		if !ok {
			return Refused(ReasonHeadOrCAONotApproved, "approve the head of the organization or the chief administrative officer at %s first", d.Station)
		}
	}
	d.State, d.Updated = DesignationApproved, now
	d.Revision++
	return nil
}

// Return sends a pending designation back with a reason.
func (d *Designation) Return(reason string, now time.Time) error {
	if strings.TrimSpace(reason) == "" {
		return Invalid("reason", "is required")
	}
	if d.State != DesignationPending {
		return Refused(ReasonDesignationDecided, "the designation is no longer pending")
	}
	d.State, d.Reason, d.Updated = DesignationReturned, reason, now
	d.Revision++
	return nil
}

// VoidReason is the reason recorded on designations voided for a change of status.
func VoidReason(st StatusState) string {
	return fmt.Sprintf("the organization's consultative status is %s", strings.ToLower(st.String()))
}

// ParseStationRules reads station rule overrides written as comma-separated
// "station.rule=value" pairs, e.g. "geneva.temporary_max_days=92,new_york.minimum_age=18".
// Stations: new_york, geneva, vienna. Rules: annual_quota, main_representatives,
// additional_representatives, temporary_at_once, temporary_min_days, temporary_max_days,
// minimum_age (0 turns a limit off). What is not named keeps DefaultStationRules.
func ParseStationRules(spec string) (map[DutyStation]StationRules, error) {
	out := map[DutyStation]StationRules{}
	for _, s := range Stations {
		out[s] = DefaultStationRules(s)
	}
	names := map[string]DutyStation{"new_york": StationNewYork, "geneva": StationGeneva, "vienna": StationVienna}
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		key, value, ok := strings.Cut(item, "=")
		station, rule, ok2 := strings.Cut(strings.TrimSpace(key), ".")
		st, known := names[station]
		var n int
		if _, err := fmt.Sscanf(strings.TrimSpace(value), "%d", &n); !ok || !ok2 || !known || err != nil || n < 0 {
			return nil, fmt.Errorf("%q: want station.rule=number, station one of new_york, geneva, vienna", item)
		}
		r := out[st]
		switch rule {
		case "annual_quota":
			r.AnnualQuota = n
		case "main_representatives":
			r.MainRepresentatives = n
		case "additional_representatives":
			r.AdditionalRepresentatives = n
		case "temporary_at_once":
			r.TemporaryAtOnce = n
		case "temporary_min_days":
			r.TemporaryMinDays = n
		case "temporary_max_days":
			r.TemporaryMaxDays = n
		case "minimum_age":
			r.MinimumAge = n
		default:
			return nil, fmt.Errorf("%q: unknown rule %q", item, rule)
		}
		out[st] = r
	}
	return out, nil
}
