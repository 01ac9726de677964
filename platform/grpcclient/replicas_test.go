package grpcclient_test

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"

	"github.com/un-liaison/liaison/platform/grpcclient"
	"github.com/un-liaison/liaison/platform/grpcserver"
	"github.com/un-liaison/liaison/platform/internal/probeservice"
)

// replica is one probe server that counts the calls it answers.
type replica struct {
	addr  string
	srv   *grpcserver.Server
	calls atomic.Int64
}

func startReplica(t *testing.T, lis net.Listener, age time.Duration) *replica {
	t.Helper()
	r := &replica{addr: lis.Addr().String()}
	srv, err := grpcserver.New(grpcserver.Options{
		MaxConnectionAge: age, MaxConnectionAgeGrace: time.Second,
		UnaryInterceptors: []grpc.UnaryServerInterceptor{
			func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
				r.calls.Add(1)
				return h(ctx, req)
			},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	probeservice.Register(srv.GRPC(), &probeservice.Server{})
	srv.SetServing()
	r.srv = srv
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = srv.Serve(ctx, lis); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return r
}

func listen(t *testing.T) net.Listener {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return lis
}

// callFor calls Echo for d and fails on any error.
func callFor(t *testing.T, conn *grpc.ClientConn, d time.Duration) {
	t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); {
		if err := conn.Invoke(context.Background(), probeservice.EchoMethod, probeservice.NewRequest("hello"), probeservice.NewResponse()); err != nil {
			t.Fatalf("call failed: %v", err)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestCallsSpreadOverListedReplicasAndLeaveANotServingOne(t *testing.T) {
	t.Parallel()
	a, b := startReplica(t, listen(t), time.Minute), startReplica(t, listen(t), time.Minute)
	conn, err := grpcclient.Dial(a.addr+","+b.addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	callFor(t, conn, time.Second)
	if a.calls.Load() == 0 || b.calls.Load() == 0 {
		t.Fatalf("calls %d and %d: both replicas must get some", a.calls.Load(), b.calls.Load())
	}
	// b's database goes away: it says NOT_SERVING and gets nothing more once the client saw it.
	b.srv.SetNotServing()
	time.Sleep(500 * time.Millisecond)
	before := b.calls.Load()
	callFor(t, conn, time.Second)
	if got := b.calls.Load() - before; got != 0 {
		t.Fatalf("a NOT_SERVING replica got %d calls", got)
	}
	b.srv.SetServing()
	time.Sleep(500 * time.Millisecond)
	before = b.calls.Load()
	callFor(t, conn, time.Second)
	if b.calls.Load() == before {
		t.Fatal("a replica SERVING again got no calls")
	}
}

func TestAReplicaStartedLaterGetsCallsWithinTwoConnectionAges(t *testing.T) {
	t.Parallel()
	const age = 2 * time.Second
	first := startReplica(t, listen(t), age)
	// The later replica's address is listed from the start but nothing answers there yet.
	later := listen(t)
	laterAddr := later.Addr().String()
	_ = later.Close()
	conn, err := grpcclient.Dial(first.addr+","+laterAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	callFor(t, conn, 500*time.Millisecond)
	lis, err := net.Listen("tcp", laterAddr)
	if err != nil {
		t.Fatalf("the later replica's port was taken meanwhile: %v", err)
	}
	second := startReplica(t, lis, age)
	callFor(t, conn, 2*age)
	before := second.calls.Load()
	firstBefore := first.calls.Load()
	callFor(t, conn, time.Second)
	got, all := second.calls.Load()-before, second.calls.Load()-before+first.calls.Load()-firstBefore
	if got*5 < all {
		t.Fatalf("the later replica got %d of %d calls after two connection ages, want at least a fifth", got, all)
	}
}
