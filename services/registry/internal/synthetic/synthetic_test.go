package synthetic

import (
	"testing"
	"time"
)

func TestOrganizationsAreValidUniqueAndRepeatable(t *testing.T) {
	now := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	a, b := Organizations(1, 2000, now), Organizations(1, 2000, now)
	names := map[string]bool{}
	for i, o := range a {
		if err := o.Validate(now); err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		if names[o.NormalizedName()] {
			t.Fatalf("%q twice", o.Name)
		}
		names[o.NormalizedName()] = true
		if o.Name != b[i].Name || o.Country != b[i].Country {
			t.Fatal("the same seed must give the same directory")
		}
		if o.UpdateTime.Before(o.CreateTime) || o.UpdateTime.After(now) {
			t.Fatalf("times out of order: %v %v", o.CreateTime, o.UpdateTime)
		}
	}
}
