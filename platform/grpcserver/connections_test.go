package grpcserver_test

import (
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/grpcserver"
	"github.com/un-liaison/liaison/platform/internal/probeservice"
)

// A long-lived stream does not pin its client to one replica: at MaxConnectionAge the server
// asks the client to reconnect, the stream gets the grace period to finish, then ends as
// UNAVAILABLE (a watcher resumes elsewhere), and the client's next call goes out on a new
// connection.
func TestConnectionsAgeOutStreamsIncluded(t *testing.T) {
	t.Parallel()
	const age, grace = time.Second, 500 * time.Millisecond
	h := start(t, grpcserver.Options{MaxConnectionAge: age, MaxConnectionAgeGrace: grace})
	stream := h.holdStream(t)
	began := time.Now()
	err := stream.RecvMsg(probeservice.NewResponse())
	if status.Code(err) != codes.Unavailable {
		t.Fatalf("the held stream ended with %v, want UNAVAILABLE after the connection's age and grace", err)
	}
	// ±10% jitter on the age, then the grace: generous bounds.
	if took := time.Since(began); took > 3*(age+grace) {
		t.Errorf("the stream lasted %v, want it cut within a few times age+grace (%v)", took, age+grace)
	}
	if err := h.conn.Invoke(callCtx(t), probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); err != nil {
		t.Fatalf("a call after the connection aged out: %v", err)
	}
}
