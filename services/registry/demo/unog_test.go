package demo

import (
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

func TestUNOGIsAsTheSeedDescribesIt(t *testing.T) {
	o, err := UNOG()
	if err != nil {
		t.Fatal(err)
	}
	if o.Name != "United Nations Office at Geneva" || o.Acronym != "UNOG" ||
		o.StakeholderGroup != domain.StakeholderInternationalOrganization ||
		o.Website != "https://www.ungeneva.org/en/organizations/united-nations-office-geneva" ||
		o.Address != (domain.Address{Street: "Palais des Nations", City: "Geneva", PostalCode: "1211", Country: "CH"}) {
		t.Fatalf("%+v", o)
	}
	if len(o.SocialMedia) != 6 || o.SocialMedia[0] != (domain.SocialMediaAccount{Platform: "Facebook", Handle: "@UN.Geneva"}) ||
		o.SocialMedia[5] != (domain.SocialMediaAccount{Platform: "YouTube", Handle: "@UN Geneva"}) {
		t.Fatalf("social media %+v", o.SocialMedia)
	}
	if !strings.Contains(o.Description, "SDG Mapping, for instance, showcases who does what in Geneva") ||
		strings.Contains(o.Description, "Acronym:") || strings.Contains(o.Description, "@ungeneva") {
		t.Fatalf("description: %q", o.Description[:200])
	}
	if err := o.Validate(time.Now()); err != nil {
		t.Fatal(err)
	}
}
