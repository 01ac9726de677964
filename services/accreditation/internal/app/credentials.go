package app

import (
	"context"
	"errors"
	"net/url"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// CredentialSigner makes signing keys and signs and checks status
// credentials and the status list, in their wire format.
type CredentialSigner interface {
	// NewKey makes a key pair: its public JWK and its private key sealed
	// for storage.
	NewKey(id string) (publicJWK string, sealed []byte, err error)
	// Opens reports whether a stored key's private half can be unsealed
	// (it cannot after the sealing secret changed).
	Opens(key domain.CredentialKey) bool
	// Sign signs a credential with key.
	Sign(key domain.CredentialKey, c domain.Credential) (string, error)
	// SignStatusList signs the status list: size entries, the given
	// indices revoked.
	SignStatusList(key domain.CredentialKey, size uint64, revoked []uint64, now time.Time) (string, error)
	// Verify checks token's signature against keys and returns what it
	// states, expired or not; an error says why it is not genuine.
	Verify(token string, keys []domain.CredentialKey) (domain.Credential, error)
}

// CredentialLinks are the public URIs a credential is shown with.
type CredentialLinks struct {
	// StatusList is where the status list is served.
	StatusList string
	// VerificationPage is the public page that checks a credential given
	// as its "credential" query parameter.
	VerificationPage string
}

// IssuedCredential is a credential and its signed form.
type IssuedCredential struct {
	Credential domain.Credential
	JWT        string
	Links      CredentialLinks
}

// VerificationURI is the page that checks this credential: what its QR code
// opens.
func (c IssuedCredential) VerificationURI() string {
	if c.Links.VerificationPage == "" {
		return ""
	}
	return c.Links.VerificationPage + "?credential=" + url.QueryEscape(c.JWT)
}

// Verification is what VerifyStatusCredential concludes.
type Verification struct {
	Verdict domain.Verdict
	Reason  string
	// Credential is what the token states; zero for VerdictInvalid.
	Credential domain.Credential
	// Current is the status of record now; zero for VerdictInvalid.
	Current domain.Status
}

var errNoSigner = &domain.UnavailableError{Message: "status credentials are not configured on this server"}

// IssueStatusCredential signs a credential attesting the organization's
// ACTIVE status. The credential is on record, with its status-list index,
// before the caller sees it, so a suspension can revoke it.
func (s *Service) IssueStatusCredential(ctx context.Context, actor domain.Actor, org, requestID string) (IssuedCredential, error) {
	if s.signer == nil {
		return IssuedCredential{}, errNoSigner
	}
	if org == "" {
		return IssuedCredential{}, domain.Invalid("organization_id", "is required")
	}
	if err := mayActForOrganization(actor, org, "ask for the organization's status credential", true); err != nil {
		return IssuedCredential{}, err
	}
	var o domain.Organization
	prepare := func(ctx context.Context) (err error) {
		o, err = s.dir.Organization(ctx, org)
		return err
	}
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "IssueStatusCredential"}
	return idempotent(ctx, s, key, prepare, func(tx Tx) (IssuedCredential, error) {
		now := s.clock.Now()
		st, err := tx.Status(ctx, org)
		if err != nil {
			return IssuedCredential{}, err
		}
		if st.State != domain.StatusActive {
			// Refused before a key or an index is spent on it.
			_, err := s.credPolicy.NewCredential("", o, st, domain.CredentialKey{}, 0, actor.Subject, now)
			return IssuedCredential{}, err
		}
		k, err := s.signingKey(ctx, tx, now)
		if err != nil {
			return IssuedCredential{}, err
		}
		idx, err := tx.NextStatusIndex(ctx)
		if err != nil {
			return IssuedCredential{}, err
		}
		c, err := s.credPolicy.NewCredential(NewID("cred", now), o, st, k, idx, actor.Subject, now)
		if err != nil {
			return IssuedCredential{}, err
		}
		if err := tx.InsertCredential(ctx, c); err != nil {
			return IssuedCredential{}, err
		}
		jwt, err := s.signer.Sign(k, c)
		if err != nil {
			return IssuedCredential{}, err
		}
		return IssuedCredential{Credential: c, JWT: jwt, Links: s.credLinks}, nil
	})
}

// currentKey is the newest stored key that signs at now and opens.
func (s *Service) currentKey(keys []domain.CredentialKey, now time.Time) (domain.CredentialKey, bool) {
	for _, k := range keys {
		if !k.Signs(now) {
			continue
		}
		if s.signer.Opens(k) {
			return k, true
		}
		s.log.Warn("a credential signing key does not open with LIAISON_CREDENTIAL_KEY_SECRET; making a new one", "key_id", k.ID)
	}
	return domain.CredentialKey{}, false
}

// signingKey is the key that signs at now, made when there is none (the
// first issue, the current key reached its rotation, or the sealing secret
// changed). Keys whose last credential has expired are deleted on the way.
func (s *Service) signingKey(ctx context.Context, tx Tx, now time.Time) (domain.CredentialKey, error) {
	keys, err := tx.CredentialKeys(ctx)
	if err != nil {
		return domain.CredentialKey{}, err
	}
	if k, ok := s.currentKey(keys, now); ok {
		return k, nil
	}
	if err := tx.DeleteCredentialKeysExpiredBy(ctx, now); err != nil {
		return domain.CredentialKey{}, err
	}
	id := NewID("key", now)
	jwk, sealed, err := s.signer.NewKey(id)
	if err != nil {
		return domain.CredentialKey{}, err
	}
	k := s.credPolicy.NewCredentialKey(id, "ES256", jwk, sealed, now)
	return k, tx.InsertCredentialKey(ctx, k)
}

// VerifyStatusCredential checks a credential as anyone may: its signature
// against the published keys, then the record of it and the status now.
func (s *Service) VerifyStatusCredential(ctx context.Context, token string) (Verification, error) {
	if s.signer == nil {
		return Verification{}, errNoSigner
	}
	if token == "" {
		return Verification{}, domain.Invalid("jwt", "is required")
	}
	keys, err := s.CredentialKeys(ctx)
	if err != nil {
		return Verification{}, err
	}
	c, err := s.signer.Verify(token, keys)
	if err != nil {
		return Verification{Verdict: domain.VerdictInvalid, Reason: err.Error()}, nil
	}
	var record *domain.Credential
	switch r, err := s.store.Credential(ctx, c.ID); {
	case err == nil:
		record = &r
	case !errors.As(err, new(*domain.NotFoundError)):
		return Verification{}, err
	}
	current, err := s.statuses.Status(ctx, c.OrganizationID)
	if err != nil {
		return Verification{}, err
	}
	v, reason := c.Judge(record, current, s.clock.Now())
	if v == domain.VerdictInvalid {
		return Verification{Verdict: v, Reason: reason}, nil
	}
	return Verification{Verdict: v, Reason: reason, Credential: c, Current: current}, nil
}

// CredentialKeys are the keys verifiers must hold now: every key whose
// credentials may still be valid, newest first.
func (s *Service) CredentialKeys(ctx context.Context) ([]domain.CredentialKey, error) {
	all, err := s.store.CredentialKeys(ctx)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	out := make([]domain.CredentialKey, 0, len(all))
	for _, k := range all {
		if k.Published(now) {
			k.SealedPrivate = nil
			out = append(out, k)
		}
	}
	return out, nil
}

// CredentialStatusList signs the current status list: one bit for every
// credential ever issued, set for the revoked ones.
func (s *Service) CredentialStatusList(ctx context.Context) (string, error) {
	if s.signer == nil {
		return "", errNoSigner
	}
	now := s.clock.Now()
	keys, err := s.store.CredentialKeys(ctx)
	if err != nil {
		return "", err
	}
	// A write transaction only when a key has to be made: the list is read far more often.
	k, ok := s.currentKey(keys, now)
	if !ok {
		err = s.store.InTx(ctx, func(tx Tx) error {
			var err error
			k, err = s.signingKey(ctx, tx, now)
			return err
		})
		if err != nil {
			return "", err
		}
	}
	size, revoked, err := s.store.StatusListEntries(ctx)
	if err != nil {
		return "", err
	}
	return s.signer.SignStatusList(k, size, revoked, now)
}
