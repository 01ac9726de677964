package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Migration is one versioned change to a service's schema.
type Migration struct {
	Version int
	Name    string // the file name without version and extension
	SQL     string
	// NoTransaction is set by a first line "-- liaison:no-transaction": the file runs outside a
	// transaction, for statements PostgreSQL refuses inside one (CREATE INDEX CONCURRENTLY).
	// Such a file holds one statement and must be safe to run again (IF NOT EXISTS), because
	// a replica that dies half-way leaves it for the next one.
	NoTransaction bool
}

// noTransactionHeader marks a migration that runs outside a transaction.
const noTransactionHeader = "-- liaison:no-transaction"

func declaresNoTransaction(sql string) bool {
	first, _, _ := strings.Cut(strings.TrimLeft(sql, "\n\r\t "), "\n")
	return strings.TrimSpace(first) == noTransactionHeader
}

var migrationFile = regexp.MustCompile(`^(\d+)_([A-Za-z0-9_-]+)\.sql$`)

// LoadMigrations reads the migrations for dialect d from fsys: the files
// <dialect>/NNNN_name.sql, ordered by version. Each dialect keeps its own
// files because the DDL differs (identity columns, time types).
func LoadMigrations(fsys fs.FS, d Dialect) ([]Migration, error) {
	dir := d.String()
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("sqldb: migrations: no %s/ directory: %w", dir, err)
	}
	var out []Migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		m := migrationFile.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("sqldb: migrations: %s/%s is not named NNNN_name.sql", dir, e.Name())
		}
		version, err := strconv.Atoi(m[1])
		if err != nil || version <= 0 {
			return nil, fmt.Errorf("sqldb: migrations: %s/%s: version must be a positive number", dir, e.Name())
		}
		body, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("sqldb: migrations: %w", err)
		}
		out = append(out, Migration{Version: version, Name: m[2], SQL: string(body), NoTransaction: declaresNoTransaction(string(body))})
	}
	slices.SortFunc(out, func(a, b Migration) int { return a.Version - b.Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("sqldb: migrations: %s/ has two files with version %d (%s, %s)",
				dir, out[i].Version, out[i-1].Name, out[i].Name)
		}
	}
	return out, nil
}

// Migrate creates the platform's own tables (see platformTables) if they are
// missing, then applies the migrations of db's dialect in fsys (none when fsys
// is nil) that schema_migrations does not record yet, in version order, and
// returns those it applied. Each runs in its own transaction unless it
// declares otherwise (see Migration).
// Replicas starting at the same time apply each migration once: on
// PostgreSQL each migration's transaction takes a transaction-level advisory
// lock and re-checks the record (a session-level lock would be held by
// whichever server connection a pooler in transaction mode lent, and never
// reliably released); a migration outside a transaction is claimed first
// (see applyOutsideTx). On SQLite each transaction holds the write lock.
func Migrate(ctx context.Context, db *DB, fsys fs.FS) ([]Migration, error) {
	var (
		all []Migration
		err error
	)
	if fsys != nil {
		if all, err = LoadMigrations(fsys, db.dialect); err != nil {
			return nil, err
		}
	}
	if err := db.lockedTx(ctx, db.txPool(), func(tx *sql.Tx) error {
		for _, stmt := range slices.Concat(migrationsTables[db.dialect], platformTables[db.dialect]) {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("sqldb: migrate: creating schema_migrations and the platform's tables: %w", err)
	}

	var applied []Migration
	for _, m := range all {
		var done bool
		if m.NoTransaction {
			done, err = db.applyOutsideTx(ctx, m)
		} else {
			done, err = db.applyInTx(ctx, m)
		}
		if err != nil {
			return applied, fmt.Errorf("sqldb: migrate: %s/%04d_%s.sql: %w", db.dialect, m.Version, m.Name, err)
		}
		if done {
			applied = append(applied, m)
		}
	}
	return applied, nil
}

// lockedTx runs fn in a transaction that, on PostgreSQL, first waits for the
// schema's migration lock, held until the transaction ends.
func (db *DB) lockedTx(ctx context.Context, pool *sql.DB, fn func(*sql.Tx) error) error {
	return runTx(ctx, pool, nil, func(tx *sql.Tx) error {
		if db.dialect == Postgres {
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", lockKey("migrate:"+db.schema)); err != nil {
				return fmt.Errorf("waiting for the migration lock: %w", err)
			}
		}
		return fn(tx)
	})
}

// recorded reports whether m is applied already, and refuses a file renamed
// after it was.
func recorded(ctx context.Context, tx *sql.Tx, m Migration) (bool, error) {
	var name string
	err := tx.QueryRowContext(ctx, "SELECT name FROM schema_migrations WHERE version = $1", m.Version).Scan(&name)
	switch {
	case err == nil && name != m.Name:
		return false, fmt.Errorf("version %d was applied as %q but the file now says %q; never rename or renumber an applied migration",
			m.Version, name, m.Name)
	case err == nil:
		return true, nil
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	default:
		return false, err
	}
}

func record(ctx context.Context, tx *sql.Tx, m Migration) error {
	_, err := tx.ExecContext(ctx,
		"INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
		m.Version, m.Name, time.Now().UTC())
	return err
}

func (db *DB) applyInTx(ctx context.Context, m Migration) (done bool, err error) {
	err = db.lockedTx(ctx, db.txPool(), func(tx *sql.Tx) error {
		if ok, err := recorded(ctx, tx, m); err != nil || ok {
			return err
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return err
		}
		done = true
		return record(ctx, tx, m)
	})
	return done, err
}

// migrationsTables are the bookkeeping tables: what is applied, and which
// migration outside a transaction some replica is applying now.
var migrationsTables = map[Dialect][]string{
	SQLite: {`CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TIMESTAMP NOT NULL
	)`, `CREATE TABLE IF NOT EXISTS schema_migration_claims (
		version    INTEGER PRIMARY KEY,
		claimed_at TIMESTAMP NOT NULL
	)`},
	Postgres: {`CREATE TABLE IF NOT EXISTS schema_migrations (
		version    BIGINT PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TIMESTAMPTZ NOT NULL
	)`, `CREATE TABLE IF NOT EXISTS schema_migration_claims (
		version    BIGINT PRIMARY KEY,
		claimed_at TIMESTAMPTZ NOT NULL
	)`},
}
