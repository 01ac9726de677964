// Package credjwt signs and checks status credentials and the status list
// in their wire format (package statuscredential), with ECDSA P-256 keys
// whose private halves are stored sealed with AES-256-GCM.
package credjwt

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
	"github.com/un-liaison/liaison/services/accreditation/statuscredential"
)

// Links are the public URIs a credential names.
type Links struct {
	// Issuer is the credential's "iss": the public base URL of liaison.
	Issuer string
	// StatusList is where the status list is served.
	StatusList string
}

// LinksFor derives the links from the public base URL.
func LinksFor(base string) Links {
	base = strings.TrimRight(base, "/")
	return Links{Issuer: base, StatusList: base + "/v1/credentialStatusList"}
}

// statusListTTL is how long a verifier may cache the status list: short,
// so that revocation reaches cached copies within minutes.
const statusListTTL = 5 * time.Minute

// Signer implements app.CredentialSigner.
type Signer struct {
	links Links
	aead  cipher.AEAD
	// open caches unsealed private keys by key id: unsealing is cheap but
	// parsing PKCS #8 on every issue is not free.
	open sync.Map
}

var _ app.CredentialSigner = (*Signer)(nil)

// New makes a Signer that seals private keys with secret (32 bytes).
func New(secret []byte, links Links) (*Signer, error) {
	if len(secret) != 32 {
		return nil, fmt.Errorf("credential key secret: %d bytes, want 32", len(secret))
	}
	block, err := aes.NewCipher(secret)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Signer{links: links, aead: aead}, nil
}

// NewKey implements app.CredentialSigner.
func (s *Signer) NewKey(id string) (string, []byte, error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return "", nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return "", nil, err
	}
	jwk, err := json.Marshal(statuscredential.Key{ID: id, Private: priv}.PublicJWK())
	if err != nil {
		return "", nil, err
	}
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", nil, err
	}
	// The key id is bound as associated data: a sealed key copied onto
	// another row does not open.
	return string(jwk), s.aead.Seal(nonce, nonce, der, []byte(id)), nil
}

func (s *Signer) private(k domain.CredentialKey) (statuscredential.Key, error) {
	if v, ok := s.open.Load(k.ID); ok {
		return v.(statuscredential.Key), nil
	}
	n := s.aead.NonceSize()
	if len(k.SealedPrivate) < n {
		return statuscredential.Key{}, errors.New("credential key " + k.ID + ": sealed key too short")
	}
	der, err := s.aead.Open(nil, k.SealedPrivate[:n], k.SealedPrivate[n:], []byte(k.ID))
	if err != nil {
		return statuscredential.Key{}, fmt.Errorf("credential key %s does not open with LIAISON_CREDENTIAL_KEY_SECRET: %w", k.ID, err)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return statuscredential.Key{}, err
	}
	priv, ok := parsed.(*ecdsa.PrivateKey)
	if !ok {
		return statuscredential.Key{}, errors.New("credential key " + k.ID + " is not an ECDSA key")
	}
	key := statuscredential.Key{ID: k.ID, Private: priv}
	s.open.Store(k.ID, key)
	return key, nil
}

// Opens implements app.CredentialSigner.
func (s *Signer) Opens(k domain.CredentialKey) bool {
	_, err := s.private(k)
	return err == nil
}

// Sign implements app.CredentialSigner.
func (s *Signer) Sign(k domain.CredentialKey, c domain.Credential) (string, error) {
	key, err := s.private(k)
	if err != nil {
		return "", err
	}
	return statuscredential.SignCredential(key, s.claims(c))
}

func (s *Signer) claims(c domain.Credential) statuscredential.Claims {
	st := c.Status
	subject := statuscredential.Subject{ID: c.OrganizationID, Name: c.OrganizationName,
		ConsultativeStatus: statuscredential.ConsultativeStatus{Category: string(st.Category), State: string(st.State),
			GrantedOn: st.GrantedOn.String(), DecisionSymbol: st.DecisionRef, NextReportDue: st.NextReportDue.String()}}
	return statuscredential.NewClaims(s.links.Issuer, subject, c.ID, c.IssueTime.Unix(), c.ExpireTime.Unix(),
		statuscredential.StatusListRef{Index: c.StatusIndex, URI: s.links.StatusList})
}

// SignStatusList implements app.CredentialSigner.
func (s *Signer) SignStatusList(k domain.CredentialKey, size uint64, revoked []uint64, now time.Time) (string, error) {
	key, err := s.private(k)
	if err != nil {
		return "", err
	}
	list, err := statuscredential.EncodeStatusList(size, revoked)
	if err != nil {
		return "", err
	}
	return statuscredential.SignStatusList(key, statuscredential.StatusListClaims{Subject: s.links.StatusList, Issuer: s.links.Issuer,
		IssuedAt: now.Unix(), Expiry: now.Add(24 * time.Hour).Unix(), TTL: int64(statusListTTL / time.Second), StatusList: list})
}

// Verify implements app.CredentialSigner. Expiry is the caller's verdict
// to give, so an expired credential is returned without error.
func (s *Signer) Verify(token string, keys []domain.CredentialKey) (domain.Credential, error) {
	set, err := KeySet(keys)
	if err != nil {
		return domain.Credential{}, err
	}
	v, err := statuscredential.VerifySignature(token, set)
	if err != nil {
		return domain.Credential{}, err
	}
	c := v.Claims
	if c.Issuer != s.links.Issuer || c.Status.StatusList.URI != s.links.StatusList {
		return domain.Credential{}, fmt.Errorf("%w: issued by %q, not this service", statuscredential.ErrInvalid, c.Issuer)
	}
	cs := c.VC.CredentialSubject.ConsultativeStatus
	granted, _ := domain.ParseDate(cs.GrantedOn)
	due, _ := domain.ParseDate(cs.NextReportDue)
	return domain.Credential{ID: c.ID, OrganizationID: c.Subject, OrganizationName: c.VC.CredentialSubject.Name,
		Status: domain.Status{OrganizationID: c.Subject, Category: domain.Category(cs.Category), State: domain.StatusState(cs.State),
			GrantedOn: granted, DecisionRef: cs.DecisionSymbol, NextReportDue: due},
		IssueTime: time.Unix(c.IssuedAt, 0).UTC(), ExpireTime: time.Unix(c.Expiry, 0).UTC(), KeyID: v.KeyID,
		StatusIndex: c.Status.StatusList.Index}, nil
}

// KeySet is the JWKS of the given keys' public halves.
func KeySet(keys []domain.CredentialKey) (jose.JSONWebKeySet, error) {
	set := jose.JSONWebKeySet{Keys: make([]jose.JSONWebKey, 0, len(keys))}
	for _, k := range keys {
		var jwk jose.JSONWebKey
		if err := jwk.UnmarshalJSON([]byte(k.PublicJWK)); err != nil {
			return set, fmt.Errorf("credential key %s: %w", k.ID, err)
		}
		set.Keys = append(set.Keys, jwk)
	}
	return set, nil
}
