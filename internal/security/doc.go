// Package security replays, against the whole system running in one process, each attack
// that once worked on liaison (SECURITY.md lists them), and fuzzes the gRPC and REST surfaces
// as every role. A test here fails when its attack works again. It has no code of its own to
// ship.
package security
