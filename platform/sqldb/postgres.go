package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/XSAM/otelsql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
)

func openPostgres(ctx context.Context, opts Options) (*DB, error) {
	cfg, err := pgx.ParseConfig(opts.DatabaseURL)
	if err != nil {
		// pgx's message may quote the URL, password included.
		return nil, fmt.Errorf("sqldb: %s: LIAISON_DATABASE_URL is not a valid PostgreSQL URL", opts.Service)
	}
	// Every connection resolves unqualified names in the service's own
	// schema, so migrations and queries never name it.
	cfg.RuntimeParams["search_path"] = opts.Service

	sqlDB := otelsql.OpenDB(stdlib.GetConnector(*cfg), tracing(opts, semconv.DBSystemNamePostgreSQL)...)
	sqlDB.SetMaxOpenConns(20)
	sqlDB.SetMaxIdleConns(10)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	sqlDB.SetConnMaxLifetime(30 * time.Minute)

	db := &DB{DB: sqlDB, dialect: Postgres, schema: opts.Service}
	if err := db.ensureSchema(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// ensureSchema creates the service's schema unless it exists. It checks
// first because CREATE SCHEMA IF NOT EXISTS still needs the CREATE right on
// the database, which a production role may rightly lack once a DBA has
// made the schema; and it holds an advisory lock so two replicas starting
// together do not both try.
func (db *DB) ensureSchema(ctx context.Context) error {
	err := runTx(ctx, db.DB, nil, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", lockKey("schema:"+db.schema)); err != nil {
			return err
		}
		var exists bool
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", db.schema).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return nil
		}
		_, err := tx.ExecContext(ctx, "CREATE SCHEMA "+pgx.Identifier{db.schema}.Sanitize())
		return err
	})
	if err != nil {
		return fmt.Errorf("sqldb: %s: schema: %w", db.schema, err)
	}
	return nil
}

// lockKey turns a name into a PostgreSQL advisory lock key. Prefixing with
// "liaison:" keeps liaison's locks apart from anyone else's on the server.
func lockKey(name string) int64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte("liaison:" + name))
	return int64(h.Sum64())
}
