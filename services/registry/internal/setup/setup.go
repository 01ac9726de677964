// Package setup assembles the registry from its parts: the SQL store, the cache in front of it,
// and the use cases. The platform runner, the demo and the tests build it the same way.
package setup

import (
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/registry/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/registry/internal/app"
)

// Parts are what the registry is built from.
type Parts struct {
	DB    *sqldb.DB
	Clock app.Clock
	// Decorate wraps the store, e.g. with a read-through cache; nil leaves it bare.
	Decorate func(app.Store) app.Store
}

// App builds the use cases over the SQL store.
func App(p Parts) *app.App {
	var store app.Store = sqlstore.New(p.DB)
	if p.Decorate != nil {
		store = p.Decorate(store)
	}
	return app.New(store, p.Clock)
}
