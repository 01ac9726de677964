package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// InTx runs fn in a transaction: committed when fn returns nil, rolled back
// when it returns an error or panics (the panic continues). Inside fn use
// only tx: on SQLite the transaction holds the one writing connection.
func (db *DB) InTx(ctx context.Context, fn func(*sql.Tx) error) error {
	return runTx(ctx, db.txPool(), nil, fn)
}

// MaxSerializableAttempts bounds InSerializableTx's retries.
const MaxSerializableAttempts = 5

// InSerializableTx runs fn in a SERIALIZABLE transaction and, on
// PostgreSQL, runs it again (up to MaxSerializableAttempts in all) when the
// database aborts it for a serialization failure or a deadlock; fn must
// therefore be safe to repeat. Use it for check-then-write rules, such as
// "one open application per organization", that must hold under concurrent
// requests. On SQLite, where writers are already serialized, it is InTx.
func (db *DB) InSerializableTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if db.dialect != Postgres {
		return db.InTx(ctx, fn)
	}
	opts := &sql.TxOptions{Isolation: sql.LevelSerializable}
	var err error
	for attempt := 1; ; attempt++ {
		err = runTx(ctx, db.DB, opts, fn)
		if err == nil || !retryable(err) || attempt == MaxSerializableAttempts {
			return err
		}
		// Back off a little, with jitter, so the transactions that
		// collided do not collide again.
		pause := time.Duration(attempt) * (5*time.Millisecond + rand.N(10*time.Millisecond))
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(pause):
		}
	}
}

func retryable(err error) bool {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return false
	}
	switch pgErr.Code {
	case "40001", "40P01": // serialization_failure, deadlock_detected
		return true
	}
	return false
}

func (db *DB) txPool() *sql.DB {
	if db.writer != nil {
		return db.writer
	}
	return db.DB
}

// beginner is a pool (*sql.DB) or one connection of it (*sql.Conn).
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

func runTx(ctx context.Context, pool beginner, opts *sql.TxOptions, fn func(*sql.Tx) error) error {
	tx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("sqldb: begin: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = tx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqldb: commit: %w", err)
	}
	committed = true
	return nil
}
