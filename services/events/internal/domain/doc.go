// Package domain holds the events service's own vocabulary and rules: events on the UN calendar,
// the registration of participants with quotas and a first-come waiting list, side-event proposals
// and accreditation requests. It does no I/O and knows nothing of protobuf or SQL, so every rule can
// be tested as a plain function.
package domain
