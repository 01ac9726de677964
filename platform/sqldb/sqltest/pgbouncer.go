package sqltest

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/un-liaison/liaison/platform/tooltest"
)

// PgBouncer starts a throwaway PgBouncer (the installed `pgbouncer` package) in transaction
// mode in front of the server dbURL points at, and returns dbURL rewritten to pass through it.
// users are the roles it lets in, without a password, as the test server does. It stops when
// the test ends.
func PgBouncer(t testing.TB, dbURL string, users ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pgbouncer")
	if err != nil {
		t.Fatal("sqltest: pgbouncer is not installed (Debian package pgbouncer)")
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("sqltest: %v", err)
	}
	dir, err := os.MkdirTemp("", "liaison-pgbouncer-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	var auth strings.Builder
	for _, name := range append([]string{u.User.Username()}, users...) {
		fmt.Fprintf(&auth, "%q \"\"\n", name)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := lis.Addr().(*net.TCPAddr)
	_ = lis.Close()
	ini := fmt.Sprintf(`[databases]
* = host=%s port=%s
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = %d
unix_socket_dir =
auth_type = trust
auth_file = %s
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
server_reset_query =
ignore_startup_parameters = extra_float_digits
`, u.Hostname(), portOf(u), addr.Port, filepath.Join(dir, "users.txt"))
	if err := os.WriteFile(filepath.Join(dir, "users.txt"), []byte(auth.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pgbouncer.ini"), []byte(ini), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{filepath.Join(dir, "pgbouncer.ini")}
	if os.Geteuid() == 0 {
		// PgBouncer refuses to run as root; it drops to the server's own user instead.
		args = append([]string{"-u", "postgres"}, args...)
		_ = os.Chmod(dir, 0o755)
	}
	cmd := exec.Command(bin, args...)
	logFile, err := os.Create(filepath.Join(dir, "pgbouncer.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatalf("sqltest: starting pgbouncer: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		_ = logFile.Close()
	})
	through := *u
	through.Host = net.JoinHostPort("127.0.0.1", strconv.Itoa(addr.Port))
	deadline := time.Now().Add(10 * time.Second)
	for reachable(through.String()) != nil {
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "pgbouncer.log"))
			t.Fatalf("sqltest: pgbouncer did not answer within 10s:\n%s", log)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return through.String()
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	return "5432"
}

// ServiceRole creates a login role for service in the database of dbURL whose search_path is
// the service's schema (what a transaction pooler needs, see sqldb.Options), and returns dbURL
// with that role as its user. The role is dropped when the test ends.
func ServiceRole(t testing.TB, dbURL, service string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("sqltest: %v", err)
	}
	db := strings.TrimPrefix(u.Path, "/")
	role := "liaison_" + service + "_" + tooltest.RandomHex(4)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatalf("sqltest: %v", err)
	}
	defer conn.Close(context.Background())
	r, d, s := pgx.Identifier{role}.Sanitize(), pgx.Identifier{db}.Sanitize(), pgx.Identifier{service}.Sanitize()
	for _, stmt := range []string{
		"CREATE ROLE " + r + " LOGIN",
		"GRANT CREATE, CONNECT ON DATABASE " + d + " TO " + r,
		"ALTER ROLE " + r + " IN DATABASE " + d + " SET search_path = " + s,
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("sqltest: %s: %v", stmt, err)
		}
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, dbURL)
		if err != nil {
			t.Logf("sqltest: dropping role %s: %v", role, err)
			return
		}
		defer conn.Close(context.Background())
		_, _ = conn.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", role)
		for _, stmt := range []string{"DROP OWNED BY " + r + " CASCADE", "DROP ROLE " + r} {
			if _, err := conn.Exec(ctx, stmt); err != nil {
				t.Logf("sqltest: %s: %v", stmt, err)
			}
		}
	})
	u.User = url.User(role)
	return u.String()
}
