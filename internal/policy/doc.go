// Package policy holds the access-matrix test for the whole system: every
// RPC of every service against every role, checked through the policy each
// service hands the platform. It has no code of its own to ship.
package policy
