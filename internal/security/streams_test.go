package security_test

import (
	"context"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

// dial opens one client connection to addr.
func dial(t testing.TB, addr string) *grpc.ClientConn {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

func bearer(ctx context.Context, tok string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
}

// watch opens a status-change stream and waits until the server has answered its headers, so
// the stream is counted (or refused) before the next one opens.
func watch(ctx context.Context, c accreditationv1.AccreditationServiceClient) (grpc.ServerStreamingClient[accreditationv1.WatchStatusChangesResponse], error) {
	s, err := c.WatchStatusChanges(ctx, &accreditationv1.WatchStatusChangesRequest{})
	if err != nil {
		return nil, err
	}
	if _, err := s.Header(); err != nil {
		return nil, err
	}
	return s, nil
}

// Item 4, first half: 500 watch streams on one connection with one officer token were all
// accepted, each polling the database.
func TestWatchStreamsOnOneTokenAreUnbounded(t *testing.T) {
	t.Parallel()
	sys := shared(t)
	base, cancel := context.WithCancel(context.Background())
	defer cancel()
	ctx := bearer(base, sys.token(t, "watcher", "", time.Hour, auth.RoleOfficer))
	client := accreditationv1.NewAccreditationServiceClient(dial(t, sys.AccreditationAddr))
	if refused := openMany(ctx, client, 20); refused != 15 {
		t.Fatalf("20 streams by one caller with a limit of 5: %d refused, want 15", refused)
	}
	// Another caller on the same connection is bounded by the connection's limit (8).
	other := bearer(base, sys.token(t, "second-watcher", "", time.Hour, auth.RoleSystem))
	if refused := openMany(other, client, 5); refused != 2 {
		t.Fatalf("5 more streams on a connection carrying 5 with a limit of 8: %d refused, want 2", refused)
	}
}

// openMany opens n streams and counts those refused for being too many; the others stay open
// until ctx ends.
func openMany(ctx context.Context, client accreditationv1.AccreditationServiceClient, n int) (refused int) {
	for range n {
		s, err := watch(ctx, client)
		if err == nil {
			_, err = recvWithin(s, 300*time.Millisecond)
		}
		if status.Code(err) == codes.ResourceExhausted {
			refused++
		}
	}
	return refused
}

// recvWithin waits up to d for the stream's next message or end; an open, quiet stream is nil.
func recvWithin(s grpc.ServerStreamingClient[accreditationv1.WatchStatusChangesResponse], d time.Duration) (*accreditationv1.WatchStatusChangesResponse, error) {
	type got struct {
		m   *accreditationv1.WatchStatusChangesResponse
		err error
	}
	ch := make(chan got, 1)
	go func() {
		m, err := s.Recv()
		ch <- got{m, err}
	}()
	select {
	case g := <-ch:
		return g.m, g.err
	case <-time.After(d):
		return nil, nil
	}
}

// Item 4, second half: a stream opened with a 2-second token stayed open for 100 s.
func TestWatchStreamOutlivesItsToken(t *testing.T) {
	t.Parallel()
	sys := shared(t)
	ctx := bearer(context.Background(), sys.token(t, "short-lived", "", 2*time.Second, auth.RoleSystem))
	s, err := accreditationv1.NewAccreditationServiceClient(dial(t, sys.AccreditationAddr)).WatchStatusChanges(ctx, &accreditationv1.WatchStatusChangesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		_, err := recvWithin(s, time.Until(deadline))
		if err == nil {
			continue
		}
		if status.Code(err) != codes.Unauthenticated {
			t.Fatalf("the stream ended with %v, want UNAUTHENTICATED telling the client to resume with a fresh token", err)
		}
		return
	}
	t.Fatal("a stream opened with a 2-second token was still open 15 s later")
}
