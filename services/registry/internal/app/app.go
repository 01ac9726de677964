// Package app holds the registry's use cases: who may do what to the directory, in which order the
// checks run, and how pages and retries behave. Storage is reached through the small ports declared
// here, so the same rules run over SQLite, PostgreSQL, a cache, or an in-memory fake in tests.
package app

import (
	"time"

	"github.com/un-liaison/liaison/platform/pagetoken"
)

// Clock is the one source of "now"; a pinned clock makes demos and tests repeatable.
type Clock interface{ Now() time.Time }

// Store is everything the use cases need from storage.
type Store interface {
	Organizations
	Committees
	FocalPoints
	Partnerships
	RequestLog
	StatusMirror
}

// App runs the registry's use cases.
type App struct {
	store  Store
	clock  Clock
	tokens pagetoken.Codec
}

// New builds the use cases over a store.
func New(store Store, clock Clock) *App {
	return &App{store: store, clock: clock, tokens: pagetoken.ForService("registry")}
}

// now is the injected clock's time at the precision both databases keep, so what a write returns
// is exactly what a later read returns.
func (a *App) now() time.Time { return a.clock.Now().UTC().Truncate(time.Microsecond) }
