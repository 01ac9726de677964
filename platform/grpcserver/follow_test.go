package grpcserver_test

import (
	"context"
	"errors"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/grpcserver"
)

// waitForEnd is a watch that runs until its context ends.
func waitForEnd(started chan<- struct{}) func(context.Context) error {
	return func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	}
}

func TestFollowEndsStreamsWhenTheServerStops(t *testing.T) {
	t.Parallel()
	stopping, started := make(chan struct{}), make(chan struct{})
	go func() { <-started; close(stopping) }()
	err := grpcserver.Follow(context.Background(), stopping, waitForEnd(started))
	if status.Code(err) != codes.Unavailable {
		t.Fatalf("stopping: %v, want UNAVAILABLE so the consumer resumes elsewhere", err)
	}
}

func TestFollowSaysNothingToAConsumerWhoLeft(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	go func() { <-started; cancel() }()
	if err := grpcserver.Follow(ctx, make(chan struct{}), waitForEnd(started)); err != nil {
		t.Fatalf("consumer gone: %v", err)
	}
}

func TestFollowReturnsTheWatchsOwnError(t *testing.T) {
	t.Parallel()
	broken := errors.New("cursor ahead of the log")
	if err := grpcserver.Follow(context.Background(), nil, func(context.Context) error { return broken }); !errors.Is(err, broken) {
		t.Fatalf("got %v", err)
	}
}
