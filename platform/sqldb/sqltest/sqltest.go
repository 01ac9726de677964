// Package sqltest gives tests real databases: a fresh PostgreSQL database
// per test on the machine's server (or on a throwaway cluster started from
// the installed binaries when no server answers), a fresh SQLite directory,
// and Each, which runs one repository contract suite against both. Import it
// from tests only.
package sqltest

import (
	"context"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/un-liaison/liaison/platform/internal/scratchserver"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/tooltest"
)

// DefaultPostgresURL is the server tried when LIAISON_TEST_POSTGRES_URL is unset.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// server is the PostgreSQL server of this test binary, found or started once.
var server = tooltest.Shared{Name: "PostgreSQL", Env: "LIAISON_TEST_POSTGRES_URL", Default: DefaultPostgresURL, Ping: reachable, Start: startCluster}

// Main runs the tests and then stops the throwaway cluster if one was
// started. Use it as TestMain when a package's tests use Postgres:
//
//	func TestMain(m *testing.M) { sqltest.Main(m) }
//
// Without it the cluster is still removed, by its watchdog, about a second
// after the test binary exits.
func Main(m *testing.M) { server.Main(m) }

func reachable(dsn string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	return conn.Ping(ctx)
}

// startCluster starts the throwaway cluster the tests share when the machine has no server.
func startCluster() (string, func() error, error) {
	scratch, err := scratchserver.StartPostgres()
	if err != nil {
		return "", nil, err
	}
	return scratch.URL, scratch.Stop, nil
}

// Postgres creates an empty database for this test and returns its URL. The
// database is dropped (with FORCE, so lingering connections do not block
// it) when the test ends.
func Postgres(t testing.TB) string {
	t.Helper()
	admin := server.URL(t)
	name := "liaison_t_" + tooltest.RandomHex(8)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("sqltest: connecting to %s: %v", tooltest.Redact(admin), err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatalf("sqltest: creating database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Errorf("sqltest: dropping %s: %v", name, err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			t.Errorf("sqltest: dropping %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("sqltest: the admin URL must be a postgres:// URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// SQLite returns an empty data directory for a test's SQLite databases.
func SQLite(t testing.TB) string {
	t.Helper()
	return t.TempDir()
}

// Each runs fn once per backend, as subtests "sqlite" and "postgres", so a
// repository contract suite proves the same behaviour on both. open returns
// a new, empty database migrated with opts.Migrations each time it is
// called; opts.DataDir and opts.DatabaseURL are filled in by Each.
//
// On PostgreSQL the databases opened by one Each share a fresh database,
// each in its own schema named after opts.Service plus a random suffix:
// creating a schema takes milliseconds where creating a database takes most
// of a second. Everything is closed and dropped when the backend's subtest
// and all its subtests have finished.
func Each(t *testing.T, opts sqldb.Options, fn func(t *testing.T, open func() *sqldb.DB)) {
	t.Helper()
	if opts.Service == "" {
		opts.Service = "test"
	}
	t.Run("sqlite", func(t *testing.T) {
		fn(t, func() *sqldb.DB { return Open(t, sqldb.SQLite, opts) })
	})
	t.Run("postgres", func(t *testing.T) {
		var (
			once sync.Once
			url  string
		)
		fn(t, func() *sqldb.DB {
			once.Do(func() { url = Postgres(t) })
			o := opts
			o.DatabaseURL = url
			o.Service = opts.Service + "_" + tooltest.RandomHex(4)
			return open(t, o)
		})
	})
}

// Open opens a new, empty database of dialect d for this test (a temporary
// directory for SQLite, a fresh database for PostgreSQL), migrated with
// opts.Migrations, and closes it when the test ends.
func Open(t testing.TB, d sqldb.Dialect, opts sqldb.Options) *sqldb.DB {
	t.Helper()
	if opts.Service == "" {
		opts.Service = "test"
	}
	switch d {
	case sqldb.SQLite:
		opts.DataDir, opts.DatabaseURL = SQLite(t), ""
	case sqldb.Postgres:
		opts.DatabaseURL = Postgres(t)
	default:
		t.Fatalf("sqltest: unknown dialect %v", d)
	}
	return open(t, opts)
}

func open(t testing.TB, opts sqldb.Options) *sqldb.DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db, err := sqldb.Open(ctx, opts)
	if err != nil {
		t.Fatalf("sqltest: opening a test database: %v", err)
	}
	// A suite may hold many databases open until it ends; let idle
	// connections go so they do not exhaust the server's connection slots.
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(time.Second)
	t.Cleanup(func() { _ = db.Close() })
	return db
}
