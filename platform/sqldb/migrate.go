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
		out = append(out, Migration{Version: version, Name: m[2], SQL: string(body)})
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

// Migrate applies the migrations of db's dialect that schema_migrations does
// not record yet, each in its own transaction, in version order, and returns
// those it applied. Replicas starting at the same time are safe: on
// PostgreSQL they take turns through an advisory lock; on SQLite each
// migration's transaction holds the write lock and re-checks the record.
func Migrate(ctx context.Context, db *DB, fsys fs.FS) ([]Migration, error) {
	all, err := LoadMigrations(fsys, db.dialect)
	if err != nil {
		return nil, err
	}
	conn, err := db.txPool().Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqldb: migrate: %w", err)
	}
	defer conn.Close()

	if db.dialect == Postgres {
		key := lockKey("migrate:" + db.schema)
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
			return nil, fmt.Errorf("sqldb: migrate: waiting for the migration lock: %w", err)
		}
		defer func() {
			// Unlock even when ctx is done; a dropped connection would
			// release the lock too, but a pooled one would not.
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
		}()
	}

	if err := runTx(ctx, conn, nil, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, migrationsTable[db.dialect])
		return err
	}); err != nil {
		return nil, fmt.Errorf("sqldb: migrate: creating schema_migrations: %w", err)
	}

	var applied []Migration
	for _, m := range all {
		done := false
		err := runTx(ctx, conn, nil, func(tx *sql.Tx) error {
			var recorded string
			err := tx.QueryRowContext(ctx, "SELECT name FROM schema_migrations WHERE version = $1", m.Version).Scan(&recorded)
			switch {
			case err == nil && recorded != m.Name:
				return fmt.Errorf("version %d was applied as %q but the file now says %q; never rename or renumber an applied migration",
					m.Version, recorded, m.Name)
			case err == nil:
				return nil
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx,
				"INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
				m.Version, m.Name, time.Now().UTC()); err != nil {
				return err
			}
			done = true
			return nil
		})
		if err != nil {
			return applied, fmt.Errorf("sqldb: migrate: %s/%04d_%s.sql: %w", db.dialect, m.Version, m.Name, err)
		}
		if done {
			applied = append(applied, m)
		}
	}
	return applied, nil
}

var migrationsTable = map[Dialect]string{
	SQLite: `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TIMESTAMP NOT NULL
	)`,
	Postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    BIGINT PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TIMESTAMPTZ NOT NULL
	)`,
}
