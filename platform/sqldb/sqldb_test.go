package sqldb_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
)

var migrations = os.DirFS("testdata/migrations")

func ctx(t *testing.T) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestContract(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, sqldb.Options{Service: "registry", Migrations: migrations}, func(t *testing.T, open func() *sqldb.DB) {
		t.Run("migrations-recorded-in-order", func(t *testing.T) {
			t.Parallel()
			db := open()
			rows, err := db.QueryContext(ctx(t), "SELECT version, name FROM schema_migrations ORDER BY version")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var got []string
			for rows.Next() {
				var v int
				var name string
				if err := rows.Scan(&v, &name); err != nil {
					t.Fatal(err)
				}
				got = append(got, name)
			}
			if strings.Join(got, ",") != "create_counters,create_notes" {
				t.Fatalf("recorded %v", got)
			}
		})

		t.Run("commit-on-success", func(t *testing.T) {
			t.Parallel()
			db := open()
			err := db.InTx(ctx(t), func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx(t), "UPDATE counters SET value = value + 1 WHERE name = $1", "applications")
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if v := counter(t, db); v != 1 {
				t.Fatalf("counter = %d, want 1", v)
			}
		})

		t.Run("rollback-on-error", func(t *testing.T) {
			t.Parallel()
			db := open()
			refused := errors.New("rule not met")
			err := db.InTx(ctx(t), func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(ctx(t), "UPDATE counters SET value = 99"); err != nil {
					return err
				}
				return refused
			})
			if !errors.Is(err, refused) {
				t.Fatalf("InTx error = %v, want the callback's", err)
			}
			if v := counter(t, db); v != 0 {
				t.Fatalf("counter = %d after rollback, want 0", v)
			}
		})

		t.Run("rollback-on-panic", func(t *testing.T) {
			t.Parallel()
			db := open()
			func() {
				defer func() {
					if recover() == nil {
						t.Fatal("panic swallowed")
					}
				}()
				_ = db.InTx(ctx(t), func(tx *sql.Tx) error {
					if _, err := tx.ExecContext(ctx(t), "UPDATE counters SET value = 99"); err != nil {
						return err
					}
					panic("bug in a repository")
				})
			}()
			if v := counter(t, db); v != 0 {
				t.Fatalf("counter = %d after panic, want 0", v)
			}
			// The connection went back to the pool usable.
			if err := db.InTx(ctx(t), func(*sql.Tx) error { return nil }); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("foreign-keys-enforced", func(t *testing.T) {
			t.Parallel()
			db := open()
			_, err := db.ExecContext(ctx(t), "INSERT INTO notes (counter, body, create_time) VALUES ($1, $2, $3)",
				"no-such-counter", "x", time.Now())
			if err == nil {
				t.Fatal("a note referencing a missing counter was accepted")
			}
		})

		t.Run("instants-round-trip-in-order", func(t *testing.T) {
			t.Parallel()
			db := open()
			base := time.Date(2025, 5, 19, 9, 0, 0, 0, time.UTC)
			// Inserted out of order, with and without fractions, to prove
			// ORDER BY create_time sorts by time on both dialects.
			for i, at := range []time.Time{base.Add(1500 * time.Millisecond), base, base.Add(time.Second), base.Add(250 * time.Microsecond)} {
				if _, err := db.ExecContext(ctx(t), "INSERT INTO notes (counter, body, create_time) VALUES ('applications', $1, $2)",
					string(rune('a'+i)), at); err != nil {
					t.Fatal(err)
				}
			}
			rows, err := db.QueryContext(ctx(t), "SELECT body, create_time FROM notes ORDER BY create_time")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var bodies string
			var prev time.Time
			for rows.Next() {
				var body string
				var at time.Time
				if err := rows.Scan(&body, &at); err != nil {
					t.Fatal(err)
				}
				if at.Before(prev) {
					t.Errorf("%v sorted after %v", at, prev)
				}
				prev = at
				bodies += body
			}
			if bodies != "bdca" {
				t.Fatalf("order = %q, want bdca", bodies)
			}
		})
	})
}

func counter(t *testing.T, db *sqldb.DB) int64 {
	t.Helper()
	var v int64
	if err := db.QueryRowContext(ctx(t), "SELECT value FROM counters WHERE name = 'applications'").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSQLiteFileAndSettings(t *testing.T) {
	t.Parallel()
	dir := sqltest.SQLite(t)
	db, err := sqldb.Open(ctx(t), sqldb.Options{Service: "events", DataDir: filepath.Join(dir, "data"), Migrations: migrations})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Dialect() != sqldb.SQLite {
		t.Fatalf("dialect = %v", db.Dialect())
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "events.db")); err != nil {
		t.Fatalf("database file: %v", err)
	}
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000"} {
		var got string
		if err := db.QueryRowContext(ctx(t), "PRAGMA "+pragma).Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q, %v; want %q", pragma, got, err, want)
		}
	}
}

func TestSQLiteConcurrentWritersNeverSeeBusy(t *testing.T) {
	t.Parallel()
	db := sqltest.Open(t, sqldb.SQLite, sqldb.Options{Migrations: migrations})
	const writers = 40
	var wg sync.WaitGroup
	errs := make(chan error, 2*writers)
	for i := range writers {
		// Half read-modify-write in a transaction, half single inserts
		// outside any transaction: both must wait their turn, not fail.
		wg.Go(func() {
			errs <- db.InTx(ctx(t), func(tx *sql.Tx) error {
				var v int64
				if err := tx.QueryRowContext(ctx(t), "SELECT value FROM counters WHERE name = 'applications'").Scan(&v); err != nil {
					return err
				}
				_, err := tx.ExecContext(ctx(t), "UPDATE counters SET value = $1 WHERE name = 'applications'", v+1)
				return err
			})
		})
		wg.Go(func() {
			_, err := db.ExecContext(ctx(t), "INSERT INTO notes (counter, body, create_time) VALUES ('applications', $1, $2)",
				string(rune('A'+i%26)), time.Now())
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent write failed: %v", err)
		}
	}
	if v := counter(t, db); v != writers {
		t.Fatalf("counter = %d, want %d (lost updates)", v, writers)
	}
	var notes int
	if err := db.QueryRowContext(ctx(t), "SELECT COUNT(*) FROM notes").Scan(&notes); err != nil || notes != writers {
		t.Fatalf("notes = %d, %v; want %d", notes, err, writers)
	}
}

func TestPostgresUsesTheServicesOwnSchema(t *testing.T) {
	t.Parallel()
	url := sqltest.Postgres(t)
	for _, service := range []string{"registry", "events"} {
		db, err := sqldb.Open(ctx(t), sqldb.Options{Service: service, DatabaseURL: url, Migrations: migrations})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if db.Dialect() != sqldb.Postgres {
			t.Fatalf("dialect = %v", db.Dialect())
		}
		var schema string
		if err := db.QueryRowContext(ctx(t), "SELECT table_schema FROM information_schema.tables WHERE table_name = 'counters' AND table_schema = current_schema()").Scan(&schema); err != nil || schema != service {
			t.Fatalf("%s: counters lives in %q, %v", service, schema, err)
		}
	}
}

func TestPostgresReplicasMigrateOnce(t *testing.T) {
	t.Parallel()
	url := sqltest.Postgres(t)
	const replicas = 6
	var wg sync.WaitGroup
	var applied atomic.Int32
	errs := make(chan error, replicas)
	for range replicas {
		wg.Go(func() {
			db, err := sqldb.Open(ctx(t), sqldb.Options{Service: "accreditation", DatabaseURL: url})
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			done, err := sqldb.Migrate(ctx(t), db, migrations)
			applied.Add(int32(len(done)))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if applied.Load() != 2 {
		t.Fatalf("replicas applied %d migrations in total, want each of the 2 once", applied.Load())
	}
}

func TestSQLiteReplicasMigrateOnce(t *testing.T) {
	t.Parallel()
	dir := sqltest.SQLite(t)
	var wg sync.WaitGroup
	var applied atomic.Int32
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			db, err := sqldb.Open(ctx(t), sqldb.Options{Service: "accreditation", DataDir: dir})
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			done, err := sqldb.Migrate(ctx(t), db, migrations)
			applied.Add(int32(len(done)))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if applied.Load() != 2 {
		t.Fatalf("applied %d in total, want 2", applied.Load())
	}
}

func TestMigrateAppliesOnlyWhatIsNew(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, sqldb.Options{}, func(t *testing.T, open func() *sqldb.DB) {
		db := open()
		first := fstest.MapFS{
			"sqlite/0001_a.sql":   {Data: []byte("CREATE TABLE a (id INTEGER)")},
			"postgres/0001_a.sql": {Data: []byte("CREATE TABLE a (id INTEGER)")},
		}
		if done, err := sqldb.Migrate(ctx(t), db, first); err != nil || len(done) != 1 {
			t.Fatalf("first run applied %v, %v", done, err)
		}
		if done, err := sqldb.Migrate(ctx(t), db, first); err != nil || len(done) != 0 {
			t.Fatalf("second run applied %v, %v; want nothing", done, err)
		}
		second := fstest.MapFS{
			"sqlite/0001_a.sql":   first["sqlite/0001_a.sql"],
			"postgres/0001_a.sql": first["postgres/0001_a.sql"],
			"sqlite/0002_b.sql":   {Data: []byte("CREATE TABLE b (id INTEGER); CREATE TABLE c (id INTEGER);")},
			"postgres/0002_b.sql": {Data: []byte("CREATE TABLE b (id INTEGER); CREATE TABLE c (id INTEGER);")},
		}
		done, err := sqldb.Migrate(ctx(t), db, second)
		if err != nil || len(done) != 1 || done[0].Version != 2 {
			t.Fatalf("third run applied %v, %v; want only 0002", done, err)
		}
		if _, err := db.ExecContext(ctx(t), "INSERT INTO c (id) VALUES (1)"); err != nil {
			t.Fatalf("second statement of a migration not run: %v", err)
		}

		broken := fstest.MapFS{
			"sqlite/0003_bad.sql":   {Data: []byte("CREATE TABLE d (id INTEGER); THIS IS NOT SQL;")},
			"postgres/0003_bad.sql": {Data: []byte("CREATE TABLE d (id INTEGER); THIS IS NOT SQL;")},
		}
		if _, err := sqldb.Migrate(ctx(t), db, broken); err == nil || !strings.Contains(err.Error(), "0003_bad") {
			t.Fatalf("broken migration: %v, want an error naming it", err)
		}
		if _, err := db.ExecContext(ctx(t), "INSERT INTO d (id) VALUES (1)"); err == nil {
			t.Fatal("a failed migration left its first statement applied")
		}

		renamed := fstest.MapFS{
			"sqlite/0001_renamed.sql":   first["sqlite/0001_a.sql"],
			"postgres/0001_renamed.sql": first["postgres/0001_a.sql"],
		}
		if _, err := sqldb.Migrate(ctx(t), db, renamed); err == nil || !strings.Contains(err.Error(), "rename") {
			t.Fatalf("renamed migration: %v, want a refusal", err)
		}
	})
}

func TestLoadMigrationsRejectsMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fs   fstest.MapFS
		want string
	}{
		{"missing-directory", fstest.MapFS{"postgres/0001_a.sql": {}}, "no sqlite/ directory"},
		{"unnumbered", fstest.MapFS{"sqlite/create_a.sql": {}}, "NNNN_name.sql"},
		{"duplicate-version", fstest.MapFS{"sqlite/0001_a.sql": {}, "sqlite/1_b.sql": {}}, "two files with version 1"},
		{"zero-version", fstest.MapFS{"sqlite/0000_a.sql": {}}, "positive"},
	}
	for _, tt := range tests {
		if _, err := sqldb.LoadMigrations(tt.fs, sqldb.SQLite); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	ok := fstest.MapFS{"sqlite/0010_c.sql": {}, "sqlite/0002_b.sql": {}, "sqlite/README.md": {}}
	got, err := sqldb.LoadMigrations(ok, sqldb.SQLite)
	if err != nil || len(got) != 2 || got[0].Version != 2 || got[1].Name != "c" {
		t.Fatalf("LoadMigrations = %+v, %v", got, err)
	}
}

func TestOpenRejectsBadOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts sqldb.Options
		want string
	}{
		{"service-with-dash", sqldb.Options{Service: "my-service", DataDir: t.TempDir()}, "service name"},
		{"no-data-dir", sqldb.Options{Service: "registry"}, "data directory"},
		{"password-not-leaked", sqldb.Options{Service: "registry", DatabaseURL: "postgres://u:hunter2@[::1/db"}, "not a valid"},
	}
	for _, tt := range tests {
		_, err := sqldb.Open(ctx(t), tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestSerializableTxRetriesAConflict(t *testing.T) {
	t.Parallel()
	db := sqltest.Open(t, sqldb.Postgres, sqldb.Options{Migrations: migrations})
	var attempts atomic.Int32
	var bothRead sync.WaitGroup
	bothRead.Add(2)
	increment := func() error {
		first := true
		return db.InSerializableTx(ctx(t), func(tx *sql.Tx) error {
			attempts.Add(1)
			var v int64
			if err := tx.QueryRowContext(ctx(t), "SELECT value FROM counters WHERE name = 'applications'").Scan(&v); err != nil {
				return err
			}
			if first {
				// Make both first attempts read before either writes,
				// so one of them must fail to serialize.
				first = false
				bothRead.Done()
				bothRead.Wait()
			}
			_, err := tx.ExecContext(ctx(t), "UPDATE counters SET value = $1 WHERE name = 'applications'", v+1)
			return err
		})
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		wg.Go(func() { errs <- increment() })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if v := counter(t, db); v != 2 {
		t.Fatalf("counter = %d, want 2", v)
	}
	if attempts.Load() < 3 {
		t.Fatalf("attempts = %d, want a retry", attempts.Load())
	}
}

func TestDialectNames(t *testing.T) {
	t.Parallel()
	if sqldb.SQLite.String() != "sqlite" || sqldb.Postgres.String() != "postgres" {
		t.Fatal("dialect names must match the migration directories")
	}
}
