package grpcserver

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Follow runs watch, the body of a change-stream RPC, until the consumer leaves or stopping
// closes. A graceful stop waits for open streams, so they end as soon as the process starts
// shutting down, and the consumer is told to reconnect and resume. A consumer who went away gets
// nil: there is no one left to report to. Any other error of watch is returned as it is.
func Follow(ctx context.Context, stopping <-chan struct{}, watch func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopped := make(chan struct{})
	if stopping != nil {
		go func() {
			select {
			case <-stopping:
				close(stopped)
				cancel()
			case <-ctx.Done():
			}
		}()
	}
	err := watch(ctx)
	select {
	case <-stopped:
		return status.Error(codes.Unavailable, "the server is shutting down: reconnect and resume after your last sequence")
	default:
	}
	if ctx.Err() != nil {
		return nil
	}
	return err
}
