package domain

import (
	"testing"
	"time"
)

// BenchmarkAdmit is the admission decision every registration makes inside its event's batch:
// a status-only meeting with seats left, for an active organization under its quota.
func BenchmarkAdmit(b *testing.B) {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	e := &Event{
		ID: "evt_csocd", Start: now.Add(60 * 24 * time.Hour), End: now.Add(61 * 24 * time.Hour),
		Capacity: 2000, Confirmed: 1200, QuotaPerOrganization: 5, RequiresConsultativeStatus: true,
		RegistrationOpens: now.Add(-time.Hour), RegistrationCloses: now.Add(30 * 24 * time.Hour),
	}
	a := Admission{Event: e, Now: now, OrganizationLive: 2,
		Status: ConsultativeStatus{OrganizationID: "org_a", State: StatusActive, Category: CategorySpecial}}
	b.ReportAllocs()
	for b.Loop() {
		if st, err := Admit(a); err != nil || st != RegistrationConfirmed {
			b.Fatal(st, err)
		}
	}
}
