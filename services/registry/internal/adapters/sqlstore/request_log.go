package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/un-liaison/liaison/services/registry/internal/app"
)

// LookupRequest finds the answer a create with the same key gave before.
func (s *Store) LookupRequest(ctx context.Context, key app.RequestKey, answer any) (bool, error) {
	return s.lookupRequest(ctx, s.db, key, answer)
}

func (s *Store) lookupRequest(ctx context.Context, q queryer, key app.RequestKey, answer any) (bool, error) {
	if key.RequestID == "" {
		return false, nil
	}
	var raw []byte
	err := q.QueryRowContext(ctx, s.q(`SELECT response FROM request_log WHERE caller = ? AND request_id = ? AND method = ?`),
		key.Caller, key.RequestID, key.Method).Scan(&raw)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("look up request: %w", err)
	}
	return true, json.Unmarshal(raw, answer)
}

func (s *Store) rememberRequest(ctx context.Context, tx *sql.Tx, key app.RequestKey, answer any, now time.Time) error {
	if key.RequestID == "" {
		return nil
	}
	raw, err := json.Marshal(answer)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO request_log (caller, request_id, method, response, create_time) VALUES (?, ?, ?, ?, ?)`),
		key.Caller, key.RequestID, key.Method, raw, now)
	if err != nil {
		return fmt.Errorf("remember request: %w", err)
	}
	return nil
}

// createOnce runs a create in a transaction that first looks the request key up, and records the
// answer with it. When two retries race past the first lookup, the loser's insert into the log
// fails on its primary key; the winner's answer is then returned to it too.
func createOnce[T any](ctx context.Context, s *Store, key app.RequestKey, now time.Time, create func(*sql.Tx) (T, error)) (T, error) {
	var out T
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		found, err := s.lookupRequest(ctx, tx, key, &out)
		if err != nil || found {
			return err
		}
		if out, err = create(tx); err != nil {
			return err
		}
		return s.rememberRequest(ctx, tx, key, out, now)
	})
	if err != nil && key.RequestID != "" {
		var first T
		if found, lerr := s.lookupRequest(ctx, s.db, key, &first); lerr == nil && found {
			return first, nil
		}
	}
	return out, err
}
