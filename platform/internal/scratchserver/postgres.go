package scratchserver

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Postgres is a throwaway PostgreSQL cluster: trust authentication, fsync
// off, listening on a free loopback port.
type Postgres struct {
	// URL reaches the cluster's postgres database as the postgres superuser.
	URL  string
	dir  string
	bin  string
	as   []string // prefix that runs a command as the postgres user
	stop func()   // stops the watchdog
}

// StartPostgres initialises and starts a cluster with the newest installed
// PostgreSQL (/usr/lib/postgresql/<version>/bin, else PATH). PostgreSQL
// refuses to run as root, so when the tests run as root the server runs as
// the postgres user through runuser.
func StartPostgres() (*Postgres, error) {
	bin, err := postgresBinDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "liaison-pg-")
	if err != nil {
		return nil, fmt.Errorf("scratchserver: %w", err)
	}
	p := &Postgres{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		if err := p.dropPrivileges(); err != nil {
			_ = os.RemoveAll(dir)
			return nil, err
		}
	}
	if err := p.run("initdb", "-D", p.data(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	var lastErr error
	for range 3 { // the free port can be taken between asking and binding
		port, err := FreePort()
		if err != nil {
			lastErr = err
			continue
		}
		opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", port, dir)
		if lastErr = p.run("pg_ctl", "-D", p.data(), "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "-o", opts, "start"); lastErr == nil {
			p.URL = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
			break
		}
	}
	if lastErr != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("%w\nserver log:\n%s", lastErr, log)
	}
	p.stop, err = watchdog(p.shellStop())
	if err != nil {
		_ = p.Stop()
		return nil, err
	}
	return p, nil
}

// Stop shuts the cluster down at once and deletes its files.
func (p *Postgres) Stop() error {
	if p.stop != nil {
		p.stop()
	}
	err := p.run("pg_ctl", "-D", p.data(), "-m", "immediate", "-w", "stop")
	return errors.Join(err, os.RemoveAll(p.dir))
}

func (p *Postgres) data() string { return filepath.Join(p.dir, "data") }

func (p *Postgres) dropPrivileges() error {
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("scratchserver: running as root needs a postgres user to run PostgreSQL as: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(p.dir, uid, gid); err != nil {
		return fmt.Errorf("scratchserver: %w", err)
	}
	runuser, err := exec.LookPath("runuser")
	if err != nil {
		return fmt.Errorf("scratchserver: running as root needs runuser: %w", err)
	}
	p.as = []string{runuser, "-u", "postgres", "--"}
	return nil
}

func (p *Postgres) command(name string, args ...string) []string {
	return append(append(append([]string{}, p.as...), filepath.Join(p.bin, name)), args...)
}

func (p *Postgres) run(name string, args ...string) error {
	argv := p.command(name, args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = p.dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("scratchserver: %s: %w\n%s", strings.Join(argv, " "), err, out.String())
	}
	return nil
}

func (p *Postgres) shellStop() string {
	var words []string
	for _, w := range p.command("pg_ctl", "-D", p.data(), "-m", "immediate", "-w", "stop") {
		words = append(words, quote(w))
	}
	return strings.Join(words, " ") + " >/dev/null 2>&1; rm -rf " + quote(p.dir)
}

func postgresBinDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return majorVersion(dirs[i]) > majorVersion(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if initdb, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(initdb), nil
	}
	return "", errors.New("scratchserver: no PostgreSQL installed (no initdb under /usr/lib/postgresql/*/bin or on PATH); install postgresql or set LIAISON_TEST_POSTGRES_URL")
}

func majorVersion(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}
