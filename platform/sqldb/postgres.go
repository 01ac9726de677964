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
	var connOpts []stdlib.OptionOpenDB
	if opts.TransactionPooler {
		// A pooler in transaction mode lends each transaction whichever server connection
		// is free, so nothing may rest on one connection's state: no SET, and no named
		// prepared statements (PgBouncer before 1.21 cannot follow them). Each statement
		// is parsed, bound and run in one round trip instead; the role's own search_path
		// picks the schema (checked in checkSearchPath).
		cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
		cfg.StatementCacheCapacity = 0
		cfg.DescriptionCacheCapacity = 0
	} else {
		// Every connection resolves unqualified names in the service's own schema, so
		// migrations and queries never name it. It is set once the connection is open, not
		// as a startup parameter, which poolers refuse.
		setPath := "SET search_path TO " + pgx.Identifier{opts.Service}.Sanitize()
		connOpts = append(connOpts, stdlib.OptionAfterConnect(func(ctx context.Context, c *pgx.Conn) error {
			_, err := c.Exec(ctx, setPath)
			return err
		}))
	}

	sqlDB := otelsql.OpenDB(stdlib.GetConnector(*cfg, connOpts...), tracing(opts, semconv.DBSystemNamePostgreSQL)...)
	sqlDB.SetMaxOpenConns(20)
	sqlDB.SetMaxIdleConns(10)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	sqlDB.SetConnMaxLifetime(30 * time.Minute)

	db := &DB{DB: sqlDB, dialect: Postgres, schema: opts.Service}
	if err := db.ensureSchema(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := db.checkSearchPath(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// checkSearchPath refuses to run when unqualified names would not land in the service's own
// schema: through a transaction pooler the role's search_path decides, and a role without one
// would have every service migrate into public and collide.
func (db *DB) checkSearchPath(ctx context.Context) error {
	var current sql.NullString
	if err := db.QueryRowContext(ctx, "SELECT current_schema()").Scan(&current); err != nil {
		return fmt.Errorf("sqldb: %s: search_path: %w", db.schema, err)
	}
	if current.String != db.schema {
		return fmt.Errorf("sqldb: %s: unqualified names resolve to schema %q, not %q; through a pooler in transaction mode give the service its own role with "+
			"ALTER ROLE <role> SET search_path = %s", db.schema, current.String, db.schema, db.schema)
	}
	return nil
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
