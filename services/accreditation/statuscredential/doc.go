// Package statuscredential is the wire format of liaison's status
// credentials and of their status list, and their offline verification: a
// W3C Verifiable Credential (data model 1.1) carried as a JWT (vc-jwt),
// signed ES256, and an IETF OAuth Token Status List (a JWT whose claim is a
// zlib-compressed bit array, one bit per credential).
//
// It needs nothing from the running system: given the published keys (a
// JWKS) a verifier checks a credential, and given the status list also
// whether it was revoked. The accreditation service signs with it, and
// `liaison verify` checks with it.
package statuscredential
