package domain_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

var today = time.Date(2027, 3, 10, 0, 0, 0, 0, time.UTC)

func day(m time.Month, d int) time.Time { return time.Date(2027, m, d, 0, 0, 0, 0, time.UTC) }

func person(email string) domain.Person {
	return domain.Person{FullName: "P " + email, Email: email, BirthDate: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// principals are an organization's approved head and CAO at a station.
func principals(st domain.DutyStation) []domain.Designation {
	return []domain.Designation{
		{ID: "h", Station: st, Year: 2027, Role: domain.RoleHead, Person: person("head@x.org"), State: domain.DesignationApproved, ValidUntil: day(12, 31)},
		{ID: "c", Station: st, Year: 2027, Role: domain.RoleChiefAdministrativeOfficer, Person: person("cao@x.org"), State: domain.DesignationApproved, ValidUntil: day(12, 31)},
	}
}

func temporary(st domain.DutyStation, email string, from, until time.Time) domain.Designation {
	return domain.Designation{OrganizationID: "org", Station: st, Year: 2027, Role: domain.RoleTemporary, Person: person(email),
		ValidFrom: from, ValidUntil: until, State: domain.DesignationPending}
}

func check(d domain.Designation, others []domain.Designation) error {
	if err := d.Validate(today); err != nil {
		return err
	}
	return domain.CheckDesignation(&d, others, domain.DefaultStationRules(d.Station), today)
}

func TestAnnualDesignationsRunToTheEndOfTheYear(t *testing.T) {
	d := domain.Designation{OrganizationID: "org", Station: domain.StationGeneva, Year: 2027, Role: domain.RoleHead, Person: person("head@x.org")}
	if err := d.Validate(today); err != nil {
		t.Fatal(err)
	}
	if !d.ValidFrom.Equal(today) || !d.ValidUntil.Equal(day(12, 31)) {
		t.Fatalf("validity %v to %v", d.ValidFrom, d.ValidUntil)
	}
	d.Year = 2026
	if err := d.Validate(today); domain.ReasonOf(err) != domain.ReasonPastYear {
		t.Fatalf("a past year: %v", err)
	}
	expired := domain.Designation{State: domain.DesignationApproved, ValidUntil: day(3, 9)}
	if expired.Live(today) {
		t.Fatal("a designation past its last day is live")
	}
}

func TestTemporaryPassLimits(t *testing.T) {
	ny := principals(domain.StationNewYork)
	// New York: at least a month.
	if err := check(temporary(domain.StationNewYork, "t@x.org", day(4, 1), day(4, 20)), ny); domain.ReasonOf(err) != domain.ReasonTemporaryLimit {
		t.Fatalf("20 days in New York: %v", err)
	}
	// New York: at most 9 at a time; a tenth overlapping one is refused, one after them is not.
	others := append([]domain.Designation{}, ny...)
	for i := range 9 {
		others = append(others, temporary(domain.StationNewYork, fmt.Sprintf("t%d@x.org", i), day(4, 1), day(5, 15)))
	}
	if err := check(temporary(domain.StationNewYork, "tenth@x.org", day(5, 1), day(6, 30)), others); domain.ReasonOf(err) != domain.ReasonTemporaryLimit {
		t.Fatalf("a tenth temporary pass at once: %v", err)
	}
	if err := check(temporary(domain.StationNewYork, "later@x.org", day(5, 16), day(6, 30)), others); err != nil {
		t.Fatalf("a temporary pass after the others end: %v", err)
	}
	// Geneva: at most three months.
	ge := principals(domain.StationGeneva)
	if err := check(temporary(domain.StationGeneva, "g@x.org", day(4, 1), day(6, 30)), ge); err != nil {
		t.Fatalf("three months in Geneva: %v", err)
	}
	if err := check(temporary(domain.StationGeneva, "g@x.org", day(4, 1), day(7, 15)), ge); domain.ReasonOf(err) != domain.ReasonTemporaryLimit {
		t.Fatalf("three and a half months in Geneva: %v", err)
	}
	// Before the head and the CAO, no temporary pass either.
	if err := check(temporary(domain.StationVienna, "v@x.org", day(4, 1), day(4, 30)), nil); domain.ReasonOf(err) != domain.ReasonHeadAndCAOFirst {
		t.Fatalf("temporary pass before the principals: %v", err)
	}
}

func TestMinimumAgeAndOnePassPerPerson(t *testing.T) {
	ny := principals(domain.StationNewYork)
	young := domain.Designation{OrganizationID: "org", Station: domain.StationNewYork, Year: 2027, Role: domain.RoleMainRepresentative,
		Person: domain.Person{FullName: "Young", Email: "young@x.org", BirthDate: time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)}}
	if err := check(young, ny); domain.ReasonOf(err) != domain.ReasonUnderAge {
		t.Fatalf("16 years old in New York: %v", err)
	}
	young.Person.BirthDate = time.Time{}
	if err := check(young, ny); domain.KindOf(err) != domain.KindInvalid {
		t.Fatalf("no date of birth in New York: %v", err)
	}
	young.Station = domain.StationVienna
	if err := check(young, principals(domain.StationVienna)); err != nil {
		t.Fatalf("no age rule in Vienna: %v", err)
	}
	again := domain.Designation{OrganizationID: "org", Station: domain.StationNewYork, Year: 2027, Role: domain.RoleMainRepresentative, Person: person("head@x.org")}
	if err := check(again, ny); domain.ReasonOf(err) != domain.ReasonAlreadyDesignated {
		t.Fatalf("the head again as a representative: %v", err)
	}
}

func TestStatementDeadlineAndLanguage(t *testing.T) {
	c := domain.StatementCall{Body: "CSW", Kind: domain.BodyFunctionalCommission, Session: "71", SymbolSeries: "E/CN.6/2027/NGO/", Deadline: today}
	if err := c.Validate(); err != nil || c.SymbolSeries != "E/CN.6/2027/NGO" || c.Limits != (domain.WordLimits{General: 2000, Special: 1500, Roster: 1500}) {
		t.Fatalf("call: %+v %v", c, err)
	}
	w := domain.WrittenStatement{OrganizationID: "org", Language: "zh", Title: "T", Text: "文本"}
	if err := w.Validate(&c); domain.KindOf(err) != domain.KindInvalid {
		t.Fatalf("Chinese at a call in English and French: %v", err)
	}
	w.Language = "fr"
	if err := w.Validate(&c); err != nil {
		t.Fatal(err)
	}
	st := map[string]domain.ConsultativeStatus{"org": {OrganizationID: "org", State: domain.StatusActive, Category: domain.CategoryGeneral}}
	if err := w.CheckSigners(&c, st, today.Add(time.Second)); domain.ReasonOf(err) != domain.ReasonDeadlinePassed {
		t.Fatalf("after the deadline: %v", err)
	}
}
