package domain

import "testing"

func TestBuildParticipationReport(t *testing.T) {
	counts := []ParticipationCount{
		{"org_a", RegistrationConfirmed, 2},
		{"org_a", RegistrationWaitlisted, 1},
		{"org_b", RegistrationConfirmed, 1},
		{"org_c", RegistrationWaitlisted, 2},
		{"org_c", RegistrationCancelled, 4},
	}
	facts := map[string]OrganizationFacts{
		"org_a": {StakeholderGroup: "STAKEHOLDER_GROUP_NGO", Country: "KE", StatusCategory: "CATEGORY_SPECIAL"},
		"org_b": {StakeholderGroup: "STAKEHOLDER_GROUP_NGO", Country: "CH", StatusCategory: "CATEGORY_GENERAL"},
	}
	r := BuildParticipationReport("evt_1", t0, counts, facts)
	if r.Confirmed != 3 || r.Waitlisted != 3 || r.Cancelled != 4 || r.Organizations != 2 {
		t.Fatalf("totals %+v", r)
	}
	if got := r.ByStakeholderGroup; len(got) != 2 || got[0] != (ParticipationRow{"STAKEHOLDER_GROUP_NGO", 3, 1, 2}) || got[1] != (ParticipationRow{"", 0, 2, 0}) {
		t.Fatalf("by group %+v", got)
	}
	if got := r.ByCountry; got[0].Key != "KE" || got[1].Key != "CH" || got[2].Key != "" {
		t.Fatalf("by country %+v", got)
	}
	if got := r.ByStatusCategory; got[0].Key != "CATEGORY_SPECIAL" || got[len(got)-1].Key != "NONE" {
		t.Fatalf("by category %+v", got)
	}
}
