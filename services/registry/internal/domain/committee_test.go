package domain

import (
	"errors"
	"testing"
)

func fieldsOf(err error) []string {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []string
	for _, v := range ve.Violations {
		out = append(out, v.Field)
	}
	return out
}

func TestCommitteeValidate(t *testing.T) {
	tests := []struct {
		name string
		c    NgoCommittee
		want []string
	}{
		{"regional with region", NgoCommittee{Name: "NGO Committee for Africa", Kind: CommitteeRegional, Region: "Africa"}, nil},
		{"thematic with theme", NgoCommittee{Name: "NGO Committee on the Status of Women", Kind: CommitteeThematic, Theme: "Status of women"}, nil},
		{"regional without region", NgoCommittee{Name: "X", Kind: CommitteeRegional}, []string{"region"}},
		{"thematic without theme", NgoCommittee{Name: "X", Kind: CommitteeThematic}, []string{"theme"}},
		{"no kind, no name", NgoCommittee{}, []string{"name", "kind"}},
		{"bad website", NgoCommittee{Name: "X", Kind: CommitteeThematic, Theme: "t", Website: "ngocsw.org"}, []string{"website"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fieldsOf(tt.c.Validate())
			if len(got) != len(tt.want) {
				t.Fatalf("got %v want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v want %v", got, tt.want)
				}
			}
		})
	}
}

func TestAddMemberIsIdempotent(t *testing.T) {
	c := NgoCommittee{Members: []string{"org_a"}}
	if !c.AddMember("org_b", today) || c.AddMember("org_b", today) || len(c.Members) != 2 {
		t.Fatalf("members %v", c.Members)
	}
}

func TestFocalPointValidate(t *testing.T) {
	ok := FocalPoint{UNEntity: "UNICEF", Name: "Amina Diallo", Email: "adiallo@unicef.org", Phone: "+1 212 326 7000"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(*FocalPoint)
		field  string
	}{
		{"no entity", func(f *FocalPoint) { f.UNEntity = "" }, "un_entity"},
		{"no name", func(f *FocalPoint) { f.Name = "" }, "name"},
		{"no e-mail", func(f *FocalPoint) { f.Email = "" }, "email"},
		{"bad e-mail", func(f *FocalPoint) { f.Email = "amina" }, "email"},
		{"national phone", func(f *FocalPoint) { f.Phone = "022 917 12 34" }, "phone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ok
			tt.change(&f)
			if got := fieldsOf(f.Validate()); len(got) != 1 || got[0] != tt.field {
				t.Fatalf("got %v want [%s]", got, tt.field)
			}
		})
	}
}

func TestPartnershipValidate(t *testing.T) {
	ok := Partnership{OrganizationID: "org_1", UNEntity: "UNDP", Title: "Safe water for schools", SDGs: []int{6}, StartDate: Date{2024, 3, 1}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(*Partnership)
		field  string
	}{
		{"no organization", func(p *Partnership) { p.OrganizationID = "" }, "organization_id"},
		{"no title", func(p *Partnership) { p.Title = "" }, "title"},
		{"no start", func(p *Partnership) { p.StartDate = Date{} }, "start_date"},
		{"partial start", func(p *Partnership) { p.StartDate = Date{Year: 2024} }, "start_date"},
		{"end before start", func(p *Partnership) { p.EndDate = Date{2024, 2, 28} }, "end_date"},
		{"SDG 18", func(p *Partnership) { p.SDGs = []int{18} }, "sdgs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.change(&p)
			if got := fieldsOf(p.Validate()); len(got) != 1 || got[0] != tt.field {
				t.Fatalf("got %v want [%s]", got, tt.field)
			}
		})
	}
	same := ok
	same.EndDate = ok.StartDate
	if err := same.Validate(); err != nil {
		t.Fatalf("ending on the start day is fine: %v", err)
	}
}
