package accreditation_test

import (
	"context"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/services/events/internal/adapters/accreditation"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// peer is an accreditation service with a status of record and a change stream.
type peer struct {
	accreditationv1.UnimplementedAccreditationServiceServer
	lookups atomic.Int64
	mu      sync.Mutex
	state   map[string]accreditationv1.ConsultativeStatus_State
	log     []*accreditationv1.StatusChange
	wake    chan struct{}
}

func (p *peer) change(org string, st accreditationv1.ConsultativeStatus_State) {
	p.mu.Lock()
	p.state[org] = st
	p.log = append(p.log, &accreditationv1.StatusChange{
		Sequence: uint64(len(p.log) + 1), OrganizationId: org,
		Status: &accreditationv1.ConsultativeStatus{OrganizationId: org, State: st},
	})
	close(p.wake)
	p.wake = make(chan struct{})
	p.mu.Unlock()
}

func (p *peer) GetConsultativeStatus(_ context.Context, req *accreditationv1.GetConsultativeStatusRequest) (*accreditationv1.GetConsultativeStatusResponse, error) {
	p.lookups.Add(1)
	p.mu.Lock()
	defer p.mu.Unlock()
	st, ok := p.state[req.GetOrganizationId()]
	if !ok {
		st = accreditationv1.ConsultativeStatus_STATE_NONE
	}
	return &accreditationv1.GetConsultativeStatusResponse{ConsultativeStatus: &accreditationv1.ConsultativeStatus{State: st}}, nil
}

func (p *peer) WatchStatusChanges(req *accreditationv1.WatchStatusChangesRequest, stream grpc.ServerStreamingServer[accreditationv1.WatchStatusChangesResponse]) error {
	next := req.GetAfterSequence()
	for {
		p.mu.Lock()
		pending := append([]*accreditationv1.StatusChange(nil), p.log[min(int(next), len(p.log)):]...)
		wake := p.wake
		p.mu.Unlock()
		for _, ch := range pending {
			if err := stream.Send(&accreditationv1.WatchStatusChangesResponse{StatusChange: ch}); err != nil {
				return err
			}
			next = ch.GetSequence()
		}
		select {
		case <-stream.Context().Done():
			return nil
		case <-wake:
		}
	}
}

func TestStatusCacheFollowsTheChangeStream(t *testing.T) {
	p := &peer{state: map[string]accreditationv1.ConsultativeStatus_State{}, wake: make(chan struct{})}
	p.change("org_a", accreditationv1.ConsultativeStatus_STATE_ACTIVE)
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer()
	accreditationv1.RegisterAccreditationServiceServer(srv, p)
	go func() { _ = srv.Serve(lis) }()
	conn, err := grpc.NewClient("passthrough:///acc",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	cache := accreditation.NewStatusCache(conn, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	get := func(org string) domain.ConsultativeStatus {
		t.Helper()
		st, err := cache.ConsultativeStatus(ctx, org)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}

	// Before the stream is followed, every lookup asks the accreditation service.
	if get("org_a").State != domain.StatusActive || p.lookups.Load() != 1 {
		t.Fatalf("lookups %d", p.lookups.Load())
	}
	go cache.Run(ctx)
	eventually(t, func() bool { before := p.lookups.Load(); get("org_a"); return p.lookups.Load() == before })

	// Served from memory: no network call.
	before := p.lookups.Load()
	for range 10 {
		if get("org_a").State != domain.StatusActive {
			t.Fatal("wrong status")
		}
	}
	if p.lookups.Load() != before {
		t.Fatalf("%d network lookups for cached answers", p.lookups.Load()-before)
	}

	// An organization never seen is asked once, then followed.
	get("org_b")
	get("org_b")
	if p.lookups.Load() != before+1 {
		t.Fatalf("org_b asked %d times", p.lookups.Load()-before)
	}

	// A suspension is seen within a second, without asking.
	p.change("org_a", accreditationv1.ConsultativeStatus_STATE_SUSPENDED)
	p.change("org_b", accreditationv1.ConsultativeStatus_STATE_ACTIVE)
	deadline := time.Now().Add(time.Second)
	for get("org_a").State != domain.StatusSuspended || get("org_b").State != domain.StatusActive {
		if time.Now().After(deadline) {
			t.Fatal("suspension not seen within a second")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if p.lookups.Load() != before+1 {
		t.Fatalf("changes cost %d network lookups", p.lookups.Load()-before-1)
	}

	// With the service gone, the memory is not trusted: the lookup fails as UNAVAILABLE.
	srv.Stop()
	eventually(t, func() bool {
		_, err := cache.ConsultativeStatus(ctx, "org_a")
		return domain.KindOf(err) == domain.KindUnavailable
	})
}

func eventually(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 5s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
