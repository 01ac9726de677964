package grpcapi_test

import (
	"context"
	"fmt"
	"testing"

	v1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// TestConsumerRestartsLoseAndRepeatNothing writes 1,000 status changes while
// a consumer follows the stream, storing its cursor as it applies each
// change; the consumer is killed and restarted from its stored cursor twice
// along the way. It must end with every change exactly once, in order.
func TestConsumerRestartsLoseAndRepeatNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	system := e.callers(t).system
	const total = 1000

	writerDone := make(chan error, 1)
	go func() {
		for i := range total {
			err := e.store.InTx(context.Background(), func(tx app.Tx) error {
				c := domain.Change{OrganizationID: fmt.Sprintf("org_%04d", i), Kind: domain.ChangeGranted, Time: start,
					Status: domain.Status{OrganizationID: fmt.Sprintf("org_%04d", i), State: domain.StatusActive, Category: domain.CategoryRoster}}
				return tx.AppendChange(context.Background(), &c)
			})
			if err != nil {
				writerDone <- err
				return
			}
		}
		writerDone <- nil
		e.svc.Changes().Notify()
	}()

	applied := map[uint64]int{}
	var cursor uint64 // what the consumer persisted
	for restart := 0; len(applied) < total; restart++ {
		if restart > 10 {
			t.Fatalf("gave up after %d restarts with %d changes", restart, len(applied))
		}
		ctx, kill := context.WithCancel(system)
		stream, err := e.client.WatchStatusChanges(ctx, &v1.WatchStatusChangesRequest{Start: &v1.WatchStatusChangesRequest_AfterSequence{AfterSequence: cursor}})
		if err != nil {
			t.Fatal(err)
		}
		// Each incarnation dies after a few hundred changes, mid-stream.
		budget := 350
		for budget > 0 && len(applied) < total {
			msg, err := stream.Recv()
			if err != nil {
				t.Fatalf("after %d changes: %v", len(applied), err)
			}
			seq := msg.GetStatusChange().GetSequence()
			if seq != cursor+1 {
				t.Fatalf("got sequence %d after %d", seq, cursor)
			}
			applied[seq]++
			cursor = seq
			budget--
		}
		kill()
	}
	if err := <-writerDone; err != nil {
		t.Fatal(err)
	}
	for seq := uint64(1); seq <= total; seq++ {
		if applied[seq] != 1 {
			t.Fatalf("change %d applied %d times", seq, applied[seq])
		}
	}
}
