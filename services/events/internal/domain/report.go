package domain

import (
	"sort"
	"time"
)

// OrganizationFacts are the registry's and accreditation's facts a participation report groups
// by. Empty strings mean "not known"; the report keeps them as their own row rather than
// guessing.
type OrganizationFacts struct {
	Name             string // as registered, to credit the organization on the calendar
	StakeholderGroup string // registry enum name, e.g. STAKEHOLDER_GROUP_NGO
	Country          string // ISO 3166-1 alpha-2 of headquarters
	StatusCategory   string // CATEGORY_GENERAL|SPECIAL|ROSTER when status is active, else NONE
}

// ParticipationCount is how many registrations an organization has in one state.
type ParticipationCount struct {
	OrganizationID string
	State          RegistrationState
	Count          int
}

// ParticipationRow counts one group of organizations.
type ParticipationRow struct {
	Key                                  string
	Confirmed, Waitlisted, Organizations int
}

// ParticipationReport is the monitoring view of civil society's participation in an event.
type ParticipationReport struct {
	EventID                                         string
	Computed                                        time.Time
	Confirmed, Waitlisted, Cancelled, Organizations int
	ByStakeholderGroup, ByCountry, ByStatusCategory []ParticipationRow
}

// BuildParticipationReport groups live registrations by the organizations' facts; cancelled
// registrations count only in the totals.
func BuildParticipationReport(eventID string, now time.Time, counts []ParticipationCount, facts map[string]OrganizationFacts) ParticipationReport {
	r := ParticipationReport{EventID: eventID, Computed: now}
	confirmedOrgs := map[string]bool{}
	type acc struct {
		row  ParticipationRow
		orgs map[string]bool
	}
	groups := [3]map[string]*acc{{}, {}, {}}
	for _, c := range counts {
		switch c.State {
		case RegistrationCancelled:
			r.Cancelled += c.Count
			continue
		case RegistrationConfirmed:
			r.Confirmed += c.Count
			confirmedOrgs[c.OrganizationID] = true
		case RegistrationWaitlisted:
			r.Waitlisted += c.Count
		}
		f := facts[c.OrganizationID]
		cat := f.StatusCategory
		if cat == "" {
			cat = "NONE"
		}
		for i, key := range []string{f.StakeholderGroup, f.Country, cat} {
			a := groups[i][key]
			if a == nil {
				a = &acc{row: ParticipationRow{Key: key}, orgs: map[string]bool{}}
				groups[i][key] = a
			}
			if c.State == RegistrationConfirmed {
				a.row.Confirmed += c.Count
				a.orgs[c.OrganizationID] = true
			} else {
				a.row.Waitlisted += c.Count
			}
		}
	}
	r.Organizations = len(confirmedOrgs)
	rows := func(m map[string]*acc) []ParticipationRow {
		out := make([]ParticipationRow, 0, len(m))
		for _, a := range m {
			a.row.Organizations = len(a.orgs)
			out = append(out, a.row)
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Confirmed != out[j].Confirmed {
				return out[i].Confirmed > out[j].Confirmed
			}
			return out[i].Key < out[j].Key
		})
		return out
	}
	r.ByStakeholderGroup, r.ByCountry, r.ByStatusCategory = rows(groups[0]), rows(groups[1]), rows(groups[2])
	return r
}
