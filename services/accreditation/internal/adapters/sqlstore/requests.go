package sqlstore

import (
	"context"
	"errors"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb/requestlog"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Replay implements app.Store: the answer stored for a request_id.
func (s *Store) Replay(ctx context.Context, key app.RequestKey) ([]byte, bool, error) {
	return requestlog.Lookup(ctx, s.db, s.dialect, logKey(key))
}

// Remember records the answer in the transaction of the step it answers.
func (t *tx) Remember(ctx context.Context, key app.RequestKey, response []byte, at time.Time) error {
	err := requestlog.Record(ctx, t.tx, t.s.dialect, logKey(key), response, at)
	if errors.Is(err, requestlog.ErrAlreadyRecorded) {
		return &domain.AlreadyExistsError{Message: "request " + key.RequestID + " was already handled"}
	}
	return err
}

func logKey(k app.RequestKey) requestlog.Key {
	return requestlog.Key{Caller: k.Caller, RequestID: k.RequestID, Method: k.Method, Target: k.Target}
}
