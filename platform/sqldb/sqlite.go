package sqldb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/XSAM/otelsql"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// sqliteParams configure every SQLite connection:
//   - WAL lets readers proceed while one connection writes;
//   - busy_timeout makes a connection wait for the write lock instead of
//     failing with SQLITE_BUSY (other processes, or single statements
//     outside InTx);
//   - _txlock=immediate takes the write lock when a transaction begins, so
//     a transaction never fails half-way when it turns from reading to
//     writing, which busy_timeout cannot help with;
//   - foreign_keys, which SQLite leaves off by default;
//   - synchronous=NORMAL, durable enough under WAL and much faster;
//   - _time_format=sqlite stores instants as SQLite's own text format,
//     which its date functions understand and which sorts in time order.
const sqliteParams = "?_pragma=busy_timeout(10000)" +
	"&_pragma=journal_mode(WAL)" +
	"&_pragma=foreign_keys(1)" +
	"&_pragma=synchronous(NORMAL)" +
	"&_txlock=immediate" +
	"&_time_format=sqlite"

func openSQLite(ctx context.Context, opts Options) (*DB, error) {
	if opts.DataDir == "" {
		return nil, fmt.Errorf("sqldb: %s: no data directory for the SQLite file", opts.Service)
	}
	if err := os.MkdirAll(opts.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("sqldb: %s: data directory: %w", opts.Service, err)
	}
	path := filepath.Join(opts.DataDir, opts.Service+".db")
	dsn := "file:" + path + sqliteParams
	trace := tracing(opts, semconv.DBSystemNameSQLite)

	readers, err := otelsql.Open("sqlite", dsn, trace...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: %s: opening %s: %w", opts.Service, path, err)
	}
	n := min(max(4, runtime.GOMAXPROCS(0)), 8)
	readers.SetMaxOpenConns(n)
	readers.SetMaxIdleConns(n)

	writer, err := otelsql.Open("sqlite", dsn, trace...)
	if err != nil {
		_ = readers.Close()
		return nil, fmt.Errorf("sqldb: %s: opening %s: %w", opts.Service, path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)

	db := &DB{DB: readers, writer: writer, dialect: SQLite}
	if err := writer.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("sqldb: %s: opening %s: %w", opts.Service, path, err)
	}
	return db, nil
}
