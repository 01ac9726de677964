package sqltest_test

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

func ctx(t *testing.T) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return c
}

func TestPostgresDatabaseIsFreshAndDroppedAfterTheTest(t *testing.T) {
	var dsn string
	t.Run("uses-a-database", func(t *testing.T) {
		dsn = sqltest.Postgres(t)
		conn, err := pgx.Connect(ctx(t), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())
		var tables int
		if err := conn.QueryRow(ctx(t), "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'").Scan(&tables); err != nil || tables != 0 {
			t.Fatalf("fresh database has %d tables, %v", tables, err)
		}
		// Left open on purpose: the drop must not wait for it.
		if _, err := pgx.Connect(ctx(t), dsn); err != nil {
			t.Fatal(err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	if !strings.HasPrefix(name, "liaison_t_") {
		t.Fatalf("database %q lacks the liaison_t_ prefix", name)
	}
	u.Path = "/postgres"
	conn, err := pgx.Connect(ctx(t), u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var exists bool
	if err := conn.QueryRow(ctx(t), "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil || exists {
		t.Fatalf("database %s still exists after its test (%v)", name, err)
	}
}

func TestEachRunsBothBackends(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]sqldb.Dialect{}
	sqltest.Each(t, sqldb.Options{Service: "registry"}, func(t *testing.T, open func() *sqldb.DB) {
		first, second := open(), open()
		if err := first.PingContext(ctx(t)); err != nil {
			t.Fatal(err)
		}
		if _, err := first.ExecContext(ctx(t), "CREATE TABLE mine (id INTEGER)"); err != nil {
			t.Fatal(err)
		}
		if _, err := second.ExecContext(ctx(t), "CREATE TABLE mine (id INTEGER)"); err != nil {
			t.Fatalf("two opens share state: %v", err)
		}
		mu.Lock()
		seen[t.Name()] = first.Dialect()
		mu.Unlock()
	})
	if seen["TestEachRunsBothBackends/sqlite"] != sqldb.SQLite || seen["TestEachRunsBothBackends/postgres"] != sqldb.Postgres {
		t.Fatalf("backends run: %v", seen)
	}
}

// TestFallsBackToAThrowawayCluster runs this test binary again with the
// configured server pointing nowhere; the helper must start its own
// cluster rather than skip.
func TestFallsBackToAThrowawayCluster(t *testing.T) {
	if os.Getenv("SQLTEST_CHILD") == "1" {
		dsn := sqltest.Postgres(t)
		db := sqltest.Open(t, sqldb.Postgres, sqldb.Options{Service: "events"})
		if err := db.PingContext(ctx(t)); err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(dsn)
		os.Stdout.WriteString("\nDSN-PORT=" + u.Port() + "\n")
		return
	}
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFallsBackToAThrowawayCluster$", "-test.v")
	cmd.Env = append(os.Environ(),
		"SQLTEST_CHILD=1",
		"LIAISON_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:1/postgres?sslmode=disable")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child failed: %v\n%s", err, out)
	}
	_, port, ok := strings.Cut(string(out), "DSN-PORT=")
	port, _, _ = strings.Cut(port, "\n")
	if !ok || port == "" || port == "1" {
		t.Fatalf("child did not use a throwaway cluster:\n%s", out)
	}
	if strings.Contains(string(out), "SKIP") {
		t.Fatalf("child skipped:\n%s", out)
	}
}
