package sqlstore

import (
	"testing"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/registry/migrations"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

var backends = []struct {
	name    string
	dialect sqldb.Dialect
}{{"sqlite", sqldb.SQLite}, {"postgres", sqldb.Postgres}}

// openStore gives each subtest its own empty, migrated database of the dialect.
func openStore(d sqldb.Dialect) func(t *testing.T) *Store {
	return func(t *testing.T) *Store {
		return New(sqltest.Open(t, d, sqldb.Options{Service: "registry", Migrations: migrations.FS}))
	}
}

func TestStoreContract(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { contract(t, openStore(b.dialect)) })
	}
}
