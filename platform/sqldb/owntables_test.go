package sqldb_test

import (
	"context"
	"database/sql"
	"testing"
	"testing/fstest"
	"time"

	"github.com/un-liaison/liaison/platform/audit"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/requestlog"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
)

// oldRequestLog is the migration 0001_request_log.sql every service had before the platform
// created its tables itself.
var oldRequestLog = map[sqldb.Dialect]string{
	sqldb.SQLite: `CREATE TABLE request_log (caller TEXT NOT NULL, request_id TEXT NOT NULL, method TEXT NOT NULL,
		response BLOB NOT NULL, create_time TIMESTAMP NOT NULL, PRIMARY KEY (caller, request_id, method))`,
	sqldb.Postgres: `CREATE TABLE request_log (caller TEXT NOT NULL, request_id TEXT NOT NULL, method TEXT NOT NULL,
		response BYTEA NOT NULL, create_time TIMESTAMPTZ NOT NULL, PRIMARY KEY (caller, request_id, method))`,
}

// A database whose service ran 0001_request_log.sql (and whose audit log the audit package made
// at start) upgrades to files without 0001: nothing is refused, the answers it recorded are still
// found, and the rest of its migrations go on from where they were.
func TestADatabaseMadeWithTheOldRequestLogMigrationUpgrades(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, sqldb.Options{Service: "upgrade"}, func(t *testing.T, open func() *sqldb.DB) {
		db := open()
		ctx := context.Background()
		// Put the database back as the old release left it: no platform tables, 0001 applied
		// from the service's files and recorded, an answer in its request log.
		old := fstest.MapFS{
			"sqlite/0001_request_log.sql":   {Data: []byte(oldRequestLog[sqldb.SQLite])},
			"postgres/0001_request_log.sql": {Data: []byte(oldRequestLog[sqldb.Postgres])},
			"sqlite/0002_notes.sql":         {Data: []byte("CREATE TABLE notes (id INTEGER)")},
			"postgres/0002_notes.sql":       {Data: []byte("CREATE TABLE notes (id INTEGER)")},
		}
		for _, stmt := range []string{"DROP TABLE request_log", "DROP TABLE audit_log"} {
			if _, err := db.ExecContext(ctx, stmt); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.InTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, oldRequestLog[db.Dialect()]); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, db.Rebind("INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'request_log', ?)"), time.Now().UTC())
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if done, err := sqldb.Migrate(ctx, db, old); err != nil || len(done) != 1 || done[0].Version != 2 {
			t.Fatalf("the old release's files: applied %v, %v; want 0002 only", done, err)
		}
		key := requestlog.Key{Caller: "ngo-1", RequestID: "r-1", Method: "/svc/Create"}
		if err := db.InTx(ctx, func(tx *sql.Tx) error {
			return requestlog.Record(ctx, tx, db.Dialect(), key, []byte("first answer"), time.Now())
		}); err != nil {
			t.Fatal(err)
		}

		// The new release: 0001 is gone, a new migration follows.
		upgraded := fstest.MapFS{
			"sqlite/0002_notes.sql":   old["sqlite/0002_notes.sql"],
			"postgres/0002_notes.sql": old["postgres/0002_notes.sql"],
			"sqlite/0003_more.sql":    {Data: []byte("ALTER TABLE notes ADD COLUMN body TEXT")},
			"postgres/0003_more.sql":  {Data: []byte("ALTER TABLE notes ADD COLUMN body TEXT")},
		}
		done, err := sqldb.Migrate(ctx, db, upgraded)
		if err != nil || len(done) != 1 || done[0].Version != 3 {
			t.Fatalf("upgrading: applied %v, %v; want 0003 only", done, err)
		}
		got, found, err := requestlog.Lookup(ctx, db, db.Dialect(), key)
		if err != nil || !found || string(got) != "first answer" {
			t.Fatalf("the old answer after the upgrade: %q found=%v err=%v", got, found, err)
		}
		if err := audit.NewStore(db).Record(ctx, audit.Entry{At: time.Now(), Method: "/svc/Create", Subject: "olga", Outcome: "OK"}); err != nil {
			t.Fatalf("the audit log after the upgrade: %v", err)
		}
	})
}
