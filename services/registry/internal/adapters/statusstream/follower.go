// Package statusstream keeps the registry's consultative-status mirror current by following the
// accreditation service's change stream (WatchStatusChanges). The position in the stream lives
// in the registry's database, written with each status it applies, so the follower can be
// stopped at any moment, by a deploy or a crash, and resumes where the database says it stopped.
package statusstream

import (
	"context"
	"time"

	"google.golang.org/grpc"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/changestream"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// Mirror is where the changes go: the registry's use cases.
type Mirror interface {
	ApplyStatusChange(ctx context.Context, ch domain.StatusChange) (bool, error)
	StatusCursor(ctx context.Context) (uint64, error)
	ResetStatusMirror(ctx context.Context) error
}

// applyTimeout bounds one change's transaction.
const applyTimeout = 10 * time.Second

// New returns the follower of the stream into m, over a connection to the accreditation service.
// Set its Credentials (the stream is open to system callers only) and Log before running it.
// While the stream is away the registry serves as usual: only the mirror waits.
func New(conn grpc.ClientConnInterface, m Mirror) *changestream.Follower {
	client := accreditationv1.NewAccreditationServiceClient(conn)
	return &changestream.Follower{
		Open: func(ctx context.Context) (func() error, error) {
			after, err := m.StatusCursor(ctx)
			if err != nil {
				return nil, err
			}
			stream, err := client.WatchStatusChanges(ctx, &accreditationv1.WatchStatusChangesRequest{
				Start: &accreditationv1.WatchStatusChangesRequest_AfterSequence{AfterSequence: after},
			})
			if err != nil {
				return nil, err
			}
			return changestream.Receive(stream, func(msg *accreditationv1.WatchStatusChangesResponse) error {
				return apply(ctx, m, FromProto(msg.GetStatusChange()))
			}), nil
		},
		// The mirror forgets what it learnt from a log that no longer exists and replays the new one.
		Reset:     m.ResetStatusMirror,
		Settle:    time.Second,
		Staleness: changestream.NewStaleness(),
		Down:      "status change stream interrupted; organizations keep their last known status until it is back",
		Back:      "status change stream connected again",
	}
}

// apply commits one change even when the follower is being stopped: a stop then costs no work
// and leaves nothing half done (a crash is covered by the transaction either way).
func apply(ctx context.Context, m Mirror, ch domain.StatusChange) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), applyTimeout)
	defer cancel()
	_, err := m.ApplyStatusChange(ctx, ch)
	return err
}
