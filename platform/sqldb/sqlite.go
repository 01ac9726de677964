package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/XSAM/otelsql"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"modernc.org/sqlite" // also registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteParams configure every SQLite connection (WAL, which lets readers
// proceed while one connection writes, is set once per file by enableWAL):
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
	if err := enableWAL(ctx, dsn); err != nil {
		return nil, fmt.Errorf("sqldb: %s: opening %s: %w", opts.Service, path, err)
	}
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

// enableWAL switches the file to write-ahead logging, which then sticks to
// the file. Switching needs the file to itself for a moment, and SQLite
// reports SQLITE_BUSY without waiting when another process is creating or
// switching the same file at that instant, so this retries for a while.
func enableWAL(ctx context.Context, dsn string) error {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	deadline := time.Now().Add(10 * time.Second)
	for pause := 5 * time.Millisecond; ; pause = min(2*pause, 200*time.Millisecond) {
		var mode string
		err := db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		switch {
		case err == nil && strings.EqualFold(mode, "wal"):
			return nil
		case err == nil:
			return fmt.Errorf("journal mode stayed %q; WAL is needed", mode)
		case !busy(err) || time.Now().After(deadline):
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
	}
}

func busy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	return false
}
