package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb/requestlog"
	"github.com/un-liaison/liaison/services/registry/internal/app"
)

// LookupRequest finds the answer a create with the same key gave before.
func (s *Store) LookupRequest(ctx context.Context, key app.RequestKey, answer any) (bool, error) {
	return s.lookupRequest(ctx, s.db, key, answer)
}

func (s *Store) lookupRequest(ctx context.Context, q requestlog.Querier, key app.RequestKey, answer any) (bool, error) {
	raw, found, err := requestlog.Lookup(ctx, q, s.dialect, logKey(key))
	if err != nil || !found {
		return false, err
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
	return requestlog.Record(ctx, tx, s.dialect, logKey(key), raw, now)
}

func logKey(k app.RequestKey) requestlog.Key {
	return requestlog.Key{Caller: k.Caller, RequestID: k.RequestID, Method: k.Method, Target: k.Target}
}

// createOnce runs a create in a transaction that first looks the request key up, and records the
// answer with it. When two retries race past the first lookup, the loser's record in the log is
// refused (requestlog.ErrAlreadyRecorded) and its transaction rolls back; the winner's answer is
// then returned to it too.
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
