// Package identity holds the end-to-end tests of liaison under production identity settings:
// the whole system on the real OpenID provider (Ory Hydra, started by internal/idptest), people
// signing in to the portal through it, machines with client-credentials tokens, and the
// services' own tokens keeping the status followers connected across renewals and restarts.
package identity
