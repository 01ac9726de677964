// Package faults proves how liaison behaves when a part of it fails: each
// service, the gateway and Redis run as real processes on PostgreSQL, and the
// tests kill, stop and restart them under load. The tests carry the build tag
// "faults" so that `make test` leaves them out; `make test-faults` runs them.
package faults
