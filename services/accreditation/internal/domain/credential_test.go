package domain

import (
	"testing"
	"time"
)

func TestCredentialRules(t *testing.T) {
	now := time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)
	p := CredentialPolicy{Validity: 72 * time.Hour, Rotation: 30 * 24 * time.Hour}
	key := p.NewCredentialKey("key_1", "ES256", "{}", nil, now)
	if !key.Signs(now) || key.Signs(key.RetireTime) || !key.Published(key.RetireTime) || key.Published(key.ExpireTime) {
		t.Fatalf("key dates %+v", key)
	}
	active := Status{OrganizationID: "org_a", Category: CategorySpecial, State: StatusActive, DecisionRef: "E/2019/232"}
	for _, st := range []Status{NoStatus("org_a"), {OrganizationID: "org_a", State: StatusSuspended}, {OrganizationID: "org_a", State: StatusWithdrawn}} {
		if _, err := p.NewCredential("c", Organization{ID: "org_a"}, st, key, 0, "alice", now); err == nil {
			t.Fatalf("attested %s", st.State)
		}
	}
	c, err := p.NewCredential("c", Organization{ID: "org_a", Name: "Alpha"}, active, key, 3, "alice", now)
	if err != nil || !c.ExpireTime.Equal(now.Add(72*time.Hour)) {
		t.Fatalf("%+v %v", c, err)
	}
	// After the validity setting grows, a credential still ends with its key's publication.
	longer := CredentialPolicy{Validity: 200 * time.Hour, Rotation: p.Rotation}
	late, _ := longer.NewCredential("c", Organization{ID: "org_a"}, active, key, 4, "alice", key.RetireTime.Add(-time.Hour))
	if !late.ExpireTime.Equal(key.ExpireTime) {
		t.Fatalf("expires %v, its key is unpublished at %v", late.ExpireTime, key.ExpireTime)
	}

	record := c
	for _, tc := range []struct {
		name    string
		record  *Credential
		current Status
		at      time.Time
		want    Verdict
	}{
		{"in force", &record, active, now, VerdictValid},
		{"not on record", nil, active, now, VerdictInvalid},
		{"expired", &record, active, c.ExpireTime, VerdictExpired},
		{"reclassified", &record, Status{Category: CategoryGeneral, State: StatusActive, DecisionRef: "E/2027/9"}, now, VerdictStatusChanged},
		{"revoked", &Credential{OrganizationID: "org_a", RevokeTime: now}, Status{State: StatusSuspended}, now, VerdictRevoked},
	} {
		if tc.name == "revoked" {
			tc.record.KeyID = c.KeyID
		}
		if got, _ := c.Judge(tc.record, tc.current, tc.at); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if !(Change{PreviousState: StatusActive, Status: Status{State: StatusSuspended}}).RevokesCredentials() ||
		(Change{PreviousState: StatusActive, Status: Status{State: StatusActive}}).RevokesCredentials() {
		t.Fatal("RevokesCredentials")
	}
}
