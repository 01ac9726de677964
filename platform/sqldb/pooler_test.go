package sqldb_test

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
)

var pooledMigrations = os.DirFS("testdata/pooled")

// Three services, two replicas each, start at once through PgBouncer in transaction mode: each
// migrates its own schema (the role's search_path, no startup parameter) exactly once,
// CREATE INDEX CONCURRENTLY included, and then reads and writes through the pooler.
func TestReplicasMigrateOnceThroughATransactionPooler(t *testing.T) {
	t.Parallel()
	direct := sqltest.Postgres(t)
	services := []string{"registry", "accreditation", "events"}
	urls := map[string]string{}
	var roles []string
	for _, s := range services {
		urls[s] = sqltest.ServiceRole(t, direct, s)
		roles = append(roles, userOf(t, urls[s]))
	}
	bouncer := sqltest.PgBouncer(t, direct, roles...)

	var wg sync.WaitGroup
	applied := make(chan int, 6)
	errs := make(chan error, 6)
	for _, s := range services {
		through := withHost(t, urls[s], bouncer)
		for range 2 {
			wg.Go(func() {
				db, err := sqldb.Open(ctx(t), sqldb.Options{Service: s, DatabaseURL: through, TransactionPooler: true})
				if err != nil {
					errs <- err
					return
				}
				defer db.Close()
				done, err := sqldb.Migrate(ctx(t), db, pooledMigrations)
				if err != nil {
					errs <- err
					return
				}
				applied <- len(done)
				// Statements with arguments, in and out of transactions, through the pooler.
				for i := range 20 {
					if err := db.InTx(ctx(t), func(tx *sql.Tx) error {
						_, err := tx.ExecContext(ctx(t), "UPDATE counters SET value = value + $1 WHERE name = $2", 1, "applications")
						return err
					}); err != nil {
						errs <- err
						return
					}
					var v int
					if err := db.QueryRowContext(ctx(t), "SELECT value FROM counters WHERE name = $1", "applications").Scan(&v); err != nil || v < i+1 {
						errs <- err
						return
					}
				}
			})
		}
	}
	wg.Wait()
	close(applied)
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	total := 0
	for n := range applied {
		total += n
	}
	if total != 3*3 {
		t.Fatalf("%d migrations applied in all, want each service's 3 applied once", total)
	}
	for _, s := range services {
		db, err := sqldb.Open(ctx(t), sqldb.Options{Service: s, DatabaseURL: urls[s]})
		if err != nil {
			t.Fatal(err)
		}
		var valid bool
		err = db.QueryRowContext(ctx(t), `SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'notes_by_time' AND n.nspname = $1`, s).Scan(&valid)
		if err != nil || !valid {
			t.Errorf("%s: the concurrently built index is missing or invalid: %v", s, err)
		}
		var value int
		if err := db.QueryRowContext(ctx(t), "SELECT value FROM counters WHERE name = 'applications'").Scan(&value); err != nil || value != 40 {
			t.Errorf("%s: counter %d (%v), want 40 from two replicas' 20 increments each", s, value, err)
		}
		_ = db.Close()
	}
}

func TestNoTransactionMigrationsOnSQLite(t *testing.T) {
	t.Parallel()
	db := sqltest.Open(t, sqldb.SQLite, sqldb.Options{Service: "registry", Migrations: pooledMigrations})
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil || n != 3 {
		t.Fatalf("%d migrations recorded (%v), want 3", n, err)
	}
}

func TestTheRoleMustNameTheSchemaThroughAPooler(t *testing.T) {
	t.Parallel()
	direct := sqltest.Postgres(t)
	bouncer := sqltest.PgBouncer(t, direct)
	_, err := sqldb.Open(ctx(t), sqldb.Options{Service: "registry", DatabaseURL: bouncer, TransactionPooler: true})
	if err == nil {
		t.Fatal("a role without the service's search_path was accepted; the service would migrate into public")
	}
}

func userOf(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.User.Username()
}

func withHost(t *testing.T, raw, from string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	f, err := url.Parse(from)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = f.Host
	return u.String()
}
