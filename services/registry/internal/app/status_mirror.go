package app

import (
	"context"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// StatusMirror keeps the registry's read-only copy of consultative statuses and the position of
// that copy in the accreditation service's change stream.
type StatusMirror interface {
	// ApplyStatusChange sets the organization's status and moves the cursor to the change's
	// sequence, in one transaction. A change at or before the cursor was applied already and is
	// skipped (applied is false). A change for an organization the registry does not hold only
	// moves the cursor.
	ApplyStatusChange(ctx context.Context, ch domain.StatusChange) (applied bool, err error)
	// StatusCursor is the sequence of the last change applied, 0 before the first.
	StatusCursor(ctx context.Context) (uint64, error)
	// ResetStatusMirror forgets every mirrored status and the cursor in one transaction, for a
	// change log that was reset and must be replayed from its start. It returns the
	// organizations whose status it cleared.
	ResetStatusMirror(ctx context.Context) (cleared []string, err error)
}

// ApplyStatusChange mirrors one change from the accreditation service. Changes arrive in
// sequence order and may arrive again after a reconnect; the store skips those it has applied.
// A change without a sequence is never published and is ignored; one without an organization
// still moves the cursor, so a malformed change cannot hold the mirror up forever.
func (a *App) ApplyStatusChange(ctx context.Context, ch domain.StatusChange) (bool, error) {
	if ch.Sequence == 0 {
		return false, nil
	}
	return a.store.ApplyStatusChange(ctx, ch)
}

// StatusCursor is where the mirror resumes the change stream.
func (a *App) StatusCursor(ctx context.Context) (uint64, error) { return a.store.StatusCursor(ctx) }

// ResetStatusMirror starts the mirror over, for when the accreditation service's change log was
// reset: what it mirrored from the old log may no longer be true.
func (a *App) ResetStatusMirror(ctx context.Context) error {
	_, err := a.store.ResetStatusMirror(ctx)
	return err
}
