// Package sqldb opens the database a service owns: embedded SQLite under the
// data directory by default, or the service's own schema in PostgreSQL when
// a database URL is configured. It applies the service's embedded migrations
// at start and gives repositories one way to run transactions on both.
package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"regexp"

	"github.com/XSAM/otelsql"
	"go.opentelemetry.io/otel/attribute"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// Dialect tells repositories which SQL they are talking to, for the few
// statements that differ.
type Dialect int

// The supported dialects.
const (
	SQLite Dialect = iota + 1
	Postgres
)

// String names the dialect as its migrations directory is named.
func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "sqlite"
	case Postgres:
		return "postgres"
	default:
		return fmt.Sprintf("Dialect(%d)", int(d))
	}
}

// Options says which database to open for which service.
type Options struct {
	// Service names the SQLite file (<DataDir>/<Service>.db) and the
	// PostgreSQL schema. Lower case letters, digits and underscores.
	Service string
	// DataDir holds the SQLite file when DatabaseURL is empty.
	DataDir string
	// DatabaseURL, when set, selects PostgreSQL (a postgres:// URL).
	DatabaseURL string
	// TransactionPooler says DatabaseURL leads to a pooler in transaction mode
	// (PgBouncer pool_mode=transaction): no session state is used, and the
	// role's own search_path must name the service's schema.
	TransactionPooler bool
	// Migrations holds sqlite/NNNN_name.sql and postgres/NNNN_name.sql; nil
	// leaves the database with only the platform's own tables (see Migrate).
	Migrations fs.FS
	// TracerProvider receives a span per statement; nil disables tracing.
	TracerProvider trace.TracerProvider
	// Logger reports applied migrations; nil is silent.
	Logger *slog.Logger
}

// DB is a service's database. The embedded *sql.DB serves queries and single
// statements; use InTx for anything that must be atomic.
type DB struct {
	*sql.DB
	// writer is SQLite's single writing connection: transactions queue for
	// it in the process instead of polling SQLite's lock. nil on PostgreSQL.
	writer  *sql.DB
	dialect Dialect
	schema  string
}

// Dialect reports which database this is.
func (db *DB) Dialect() Dialect { return db.dialect }

// Close closes every connection.
func (db *DB) Close() error {
	var errs []error
	if db.writer != nil {
		errs = append(errs, db.writer.Close())
	}
	errs = append(errs, db.DB.Close())
	return errors.Join(errs...)
}

var serviceName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// Open connects to the service's database, creating it (SQLite file or
// PostgreSQL schema) when missing, and applies pending migrations.
func Open(ctx context.Context, opts Options) (*DB, error) {
	if !serviceName.MatchString(opts.Service) {
		return nil, fmt.Errorf("sqldb: service name %q must be lower case letters, digits and underscores", opts.Service)
	}
	var (
		db  *DB
		err error
	)
	if opts.DatabaseURL == "" {
		db, err = openSQLite(ctx, opts)
	} else {
		db, err = openPostgres(ctx, opts)
	}
	if err != nil {
		return nil, err
	}
	applied, err := Migrate(ctx, db, opts.Migrations)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	if opts.Logger != nil {
		for _, m := range applied {
			opts.Logger.InfoContext(ctx, "migration applied",
				slog.String("service", opts.Service), slog.Int("version", m.Version), slog.String("name", m.Name))
		}
	}
	return db, nil
}

// tracing wraps database/sql with a span per statement, leaving out the
// per-row and connection-housekeeping spans that would bury them.
func tracing(opts Options, system attribute.KeyValue) []otelsql.Option {
	tp := opts.TracerProvider
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	return []otelsql.Option{
		otelsql.WithTracerProvider(tp),
		otelsql.WithAttributes(system, semconv.DBNamespace(opts.Service)),
		otelsql.WithSpanOptions(otelsql.SpanOptions{
			OmitConnResetSession: true,
			OmitConnPrepare:      true,
			OmitRows:             true,
			OmitConnectorConnect: true,
		}),
	}
}
