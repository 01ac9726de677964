package domain

import (
	"fmt"
	"time"
)

// Credential is a status credential: a signed statement of an
// organization's ACTIVE status at one moment, valid for a few days, with
// one bit in the status list that says whether it has been revoked since.
type Credential struct {
	ID               string
	OrganizationID   string
	OrganizationName string
	// Status is the status of record it states.
	Status      Status
	IssueTime   time.Time
	ExpireTime  time.Time
	KeyID       string
	StatusIndex uint64
	IssuedBy    string
	RevokeTime  time.Time // zero while not revoked
}

// CredentialPolicy is how long credentials and signing keys last.
type CredentialPolicy struct {
	// Validity is how long a credential is valid: short, so that a holder
	// who never looks at the status list still learns of a suspension soon.
	Validity time.Duration
	// Rotation is how long one key signs before a new one takes over.
	Rotation time.Duration
}

// DefaultCredentialPolicy is three-day credentials and monthly keys.
var DefaultCredentialPolicy = CredentialPolicy{Validity: 72 * time.Hour, Rotation: 30 * 24 * time.Hour}

// CredentialKey is one signing key. It signs until RetireTime and stays
// published until ExpireTime, when the last credential it may have signed
// expires.
type CredentialKey struct {
	ID        string
	Algorithm string
	// PublicJWK is the public key as a JSON Web Key.
	PublicJWK string
	// SealedPrivate is the private key, encrypted at rest.
	SealedPrivate []byte
	CreateTime    time.Time
	RetireTime    time.Time
	ExpireTime    time.Time
}

// NewCredentialKey dates a fresh key made at now.
func (p CredentialPolicy) NewCredentialKey(id, alg, jwk string, sealed []byte, now time.Time) CredentialKey {
	retire := now.Add(p.Rotation)
	return CredentialKey{ID: id, Algorithm: alg, PublicJWK: jwk, SealedPrivate: sealed, CreateTime: now,
		RetireTime: retire, ExpireTime: retire.Add(p.Validity)}
}

// Signs reports whether the key is the one to sign with at now.
func (k CredentialKey) Signs(now time.Time) bool { return now.Before(k.RetireTime) }

// Published reports whether verifiers must still be able to use the key.
func (k CredentialKey) Published(now time.Time) bool { return now.Before(k.ExpireTime) }

// NewCredential attests st for org at now, signed with key. Only an ACTIVE
// status is attested. The credential expires after the policy's validity,
// or when its key stops being published, whichever is first.
func (p CredentialPolicy) NewCredential(id string, org Organization, st Status, key CredentialKey, index uint64, by string, now time.Time) (Credential, error) {
	if st.State != StatusActive {
		return Credential{}, &PreconditionError{Reason: "NO_ACTIVE_STATUS",
			Message: fmt.Sprintf("only an ACTIVE status is attested; the organization's status is %s", st.stateOrNone()),
			Violations: []Violation{{Type: "STATUS_STATE", Subject: string(st.stateOrNone()),
				Description: "a status credential needs ACTIVE consultative status"}}}
	}
	exp := now.Add(p.Validity)
	if key.ExpireTime.Before(exp) {
		exp = key.ExpireTime
	}
	return Credential{ID: id, OrganizationID: org.ID, OrganizationName: org.Name, Status: st, IssueTime: now,
		ExpireTime: exp, KeyID: key.ID, StatusIndex: index, IssuedBy: by}, nil
}

// RevokesCredentials reports whether a change ends what live credentials
// state: the status is no longer ACTIVE.
func (c Change) RevokesCredentials() bool {
	return c.PreviousState == StatusActive && c.Status.State != StatusActive
}

// Verdict is what a verification concludes about a credential.
type Verdict string

// Verdicts.
const (
	VerdictValid         Verdict = "VALID"
	VerdictExpired       Verdict = "EXPIRED"
	VerdictStatusChanged Verdict = "STATUS_CHANGED"
	VerdictRevoked       Verdict = "REVOKED"
	VerdictInvalid       Verdict = "INVALID"
)

// Judge decides about a genuine credential (its signature holds) given the
// record of it (nil when none is on record) and the status of record now.
func (c Credential) Judge(record *Credential, current Status, now time.Time) (Verdict, string) {
	switch {
	case record == nil || record.OrganizationID != c.OrganizationID || record.KeyID != c.KeyID:
		return VerdictInvalid, "no such credential was issued"
	case !record.RevokeTime.IsZero():
		return VerdictRevoked, "revoked on " + record.RevokeTime.UTC().Format(time.RFC3339) + "; the status is now " + string(current.stateOrNone())
	case !now.Before(c.ExpireTime):
		return VerdictExpired, "valid until " + c.ExpireTime.UTC().Format(time.RFC3339)
	case current.State != c.Status.State || current.Category != c.Status.Category || current.DecisionRef != c.Status.DecisionRef:
		return VerdictStatusChanged, fmt.Sprintf("the status of record is now %s %s", current.Category, current.stateOrNone())
	}
	return VerdictValid, "signed by the United Nations and in force"
}
