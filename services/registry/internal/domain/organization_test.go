package domain

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)

func validOrganization() Organization {
	return Organization{
		Name:             "United Nations Office at Geneva",
		Acronym:          "UNOG",
		StakeholderGroup: StakeholderInternationalOrganization,
		Country:          "CH",
		Address:          Address{Street: "Palais des Nations", City: "Geneva", PostalCode: "1211", Country: "CH"},
		Website:          "https://www.ungeneva.org/en",
		Email:            "info@ungeneva.org",
		FoundedOn:        Date{Year: 1946},
		SDGs:             []int{16, 17},
		Languages:        []string{"en", "fr"},
		SocialMedia:      []SocialMediaAccount{{Platform: "Instagram", Handle: "@ungeneva"}},
		PolicyIssues:     []string{"multilingualism"},
	}
}

func TestOrganizationValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(o *Organization)
		field  string // empty: valid
		words  string
	}{
		{"valid profile", func(*Organization) {}, "", ""},
		{"empty name refused", func(o *Organization) { o.Name = "" }, "name", "required"},
		{"blank name refused", func(o *Organization) { o.Name = "   " }, "name", "blank"},
		{"300 characters accepted", func(o *Organization) { o.Name = strings.Repeat("é", 300) }, "", ""},
		{"301 characters refused", func(o *Organization) { o.Name = strings.Repeat("a", 301) }, "name", "at most 300"},
		{"unassigned country ZZ refused", func(o *Organization) { o.Country = "ZZ" }, "country", "not an assigned"},
		{"lower-case country refused", func(o *Organization) { o.Country = "ch" }, "country", "not an assigned"},
		{"missing country refused", func(o *Organization) { o.Country = "" }, "country", "required"},
		{"address country checked", func(o *Organization) { o.Address.Country = "XX" }, "address.country", "not an assigned"},
		{"missing stakeholder group refused", func(o *Organization) { o.StakeholderGroup = 0 }, "stakeholder_group", "required"},
		{"unknown stakeholder group refused", func(o *Organization) { o.StakeholderGroup = 42 }, "stakeholder_group", "required"},
		{"website without scheme refused", func(o *Organization) { o.Website = "www.ungeneva.org" }, "website", "http"},
		{"ftp website refused", func(o *Organization) { o.Website = "ftp://ungeneva.org" }, "website", "http"},
		{"website that is not a URL refused", func(o *Organization) { o.Website = "not a url" }, "website", "http"},
		{"http website accepted", func(o *Organization) { o.Website = "http://example.org/path?q=1" }, "", ""},
		{"SDG 18 refused", func(o *Organization) { o.SDGs = []int{1, 18} }, "sdgs", "18"},
		{"SDG 0 refused", func(o *Organization) { o.SDGs = []int{0} }, "sdgs", "1 to 17"},
		{"repeated SDG refused", func(o *Organization) { o.SDGs = []int{5, 5} }, "sdgs", "more than once"},
		{"founded tomorrow refused", func(o *Organization) { o.FoundedOn = Date{2026, 11, 25} }, "founded_on", "future"},
		{"founded today accepted", func(o *Organization) { o.FoundedOn = Date{2026, 11, 24} }, "", ""},
		{"founded this year, day unknown, accepted", func(o *Organization) { o.FoundedOn = Date{Year: 2026} }, "", ""},
		{"founded next year refused", func(o *Organization) { o.FoundedOn = Date{Year: 2027} }, "founded_on", "future"},
		{"founded next month refused", func(o *Organization) { o.FoundedOn = Date{Year: 2026, Month: 12} }, "founded_on", "future"},
		{"31 February refused", func(o *Organization) { o.FoundedOn = Date{2001, 2, 31} }, "founded_on", "calendar"},
		{"day without month refused", func(o *Organization) { o.FoundedOn = Date{2001, 0, 3} }, "founded_on", "calendar"},
		{"invalid e-mail refused", func(o *Organization) { o.Email = "info(at)ungeneva.org" }, "email", "e-mail"},
		{"e-mail with display name refused", func(o *Organization) { o.Email = "UNOG <info@ungeneva.org>" }, "email", "e-mail"},
		{"e-mail without domain dot refused", func(o *Organization) { o.Email = "info@localhost" }, "email", "e-mail"},
		{"upper-case language refused", func(o *Organization) { o.Languages = []string{"EN"} }, "languages", "ISO 639-1"},
		{"repeated policy issue refused", func(o *Organization) { o.PolicyIssues = []string{"a", "a"} }, "policy_issues", "more than once"},
		{"empty social media handle refused", func(o *Organization) { o.SocialMedia[0].Handle = "" }, "social_media[0].handle", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := validOrganization()
			tt.change(&o)
			err := o.Validate(today)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want a ValidationError on %s, got %v", tt.field, err)
			}
			for _, v := range ve.Violations {
				if v.Field == tt.field && strings.Contains(v.Description, tt.words) {
					return
				}
			}
			t.Fatalf("want a violation of %s mentioning %q, got %v", tt.field, tt.words, ve.Violations)
		})
	}
}

func TestValidateListsEveryViolation(t *testing.T) {
	o := validOrganization()
	o.Name, o.Country, o.SDGs = "", "ZZ", []int{18}
	var ve *ValidationError
	if !errors.As(o.Validate(today), &ve) || len(ve.Violations) != 3 {
		t.Fatalf("want 3 violations, got %v", ve)
	}
}

func TestCountryListHasEveryAssignedCode(t *testing.T) {
	if len(assignedCountries) != 249 {
		t.Fatalf("want the 249 assigned codes, have %d", len(assignedCountries))
	}
	for _, c := range []string{"CH", "US", "SS", "TL", "BQ"} {
		if !IsCountry(c) {
			t.Errorf("%s should be a country", c)
		}
	}
	for _, c := range []string{"ZZ", "XK", "EU", "UK", ""} {
		if IsCountry(c) {
			t.Errorf("%s should not be a country", c)
		}
	}
}

func TestSDGMaskAnswersAnyOf(t *testing.T) {
	org := SDGMask([]int{5, 16})
	if org&SDGMask([]int{1, 16}) == 0 {
		t.Fatal("16 is shared, want a match")
	}
	if org&SDGMask([]int{1, 2}) != 0 {
		t.Fatal("nothing shared, want no match")
	}
}

func TestStatusCountsForSearchOnlyWhenInForce(t *testing.T) {
	tests := []struct {
		s    ConsultativeStatus
		want Category
	}{
		{NoStatus, CategoryUnspecified},
		{ConsultativeStatus{CategorySpecial, StatusActive}, CategorySpecial},
		{ConsultativeStatus{CategoryGeneral, StatusSuspended}, CategoryGeneral},
		{ConsultativeStatus{CategoryRoster, StatusWithdrawn}, CategoryUnspecified},
	}
	for _, tt := range tests {
		if got := tt.s.SearchCategory(); got != tt.want {
			t.Errorf("%+v: got %v want %v", tt.s, got, tt.want)
		}
	}
}

func TestEtagChangesWithEveryRevision(t *testing.T) {
	a, b := MakeEtag("org_1", 1), MakeEtag("org_1", 2)
	if a == b || a == MakeEtag("org_2", 1) || a != MakeEtag("org_1", 1) {
		t.Fatalf("etags must be stable per revision and differ otherwise: %s %s", a, b)
	}
}

func TestNewIDIsPrefixedAndUnique(t *testing.T) {
	a, b := NewID("org", today), NewID("org", today)
	if a == b || !strings.HasPrefix(a, "org_") || len(a) != 4+23 {
		t.Fatalf("got %q and %q", a, b)
	}
}
