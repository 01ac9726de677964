package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Replay implements app.Store: the answer stored for a request_id.
func (s *Store) Replay(ctx context.Context, key app.RequestKey) ([]byte, bool, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, s.q(`SELECT response FROM request_log WHERE caller = ? AND request_id = ? AND method = ?`),
		key.Caller, key.RequestID, key.Method).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return b, err == nil, err
}

func (t *tx) Remember(ctx context.Context, key app.RequestKey, response []byte, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, t.s.q(`INSERT INTO request_log (caller, request_id, method, response, create_time) VALUES (?, ?, ?, ?, ?)`),
		key.Caller, key.RequestID, key.Method, response, at.UTC())
	if isUnique(err) {
		return &domain.AlreadyExistsError{Message: "request " + key.RequestID + " was already handled"}
	}
	return err
}
