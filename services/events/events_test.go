package events_test

import (
	"context"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/events"
	"github.com/un-liaison/liaison/services/events/demo"
)

// accreditationPeer publishes status changes on its stream, and only to callers with a token.
type accreditationPeer struct {
	accreditationv1.UnimplementedAccreditationServiceServer
	mu      sync.Mutex
	state   map[string]accreditationv1.ConsultativeStatus_State
	changes []*accreditationv1.StatusChange
	wake    chan struct{}
}

func (p *accreditationPeer) publish(org string, st accreditationv1.ConsultativeStatus_State) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.state[org] = st
	p.changes = append(p.changes, &accreditationv1.StatusChange{Sequence: uint64(len(p.changes) + 1), OrganizationId: org,
		Status: &accreditationv1.ConsultativeStatus{OrganizationId: org, State: st}})
	close(p.wake)
	p.wake = make(chan struct{})
}

func (p *accreditationPeer) GetConsultativeStatus(_ context.Context, req *accreditationv1.GetConsultativeStatusRequest) (*accreditationv1.GetConsultativeStatusResponse, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	st, ok := p.state[req.GetOrganizationId()]
	if !ok {
		st = accreditationv1.ConsultativeStatus_STATE_NONE
	}
	return &accreditationv1.GetConsultativeStatusResponse{ConsultativeStatus: &accreditationv1.ConsultativeStatus{State: st}}, nil
}

func (p *accreditationPeer) WatchStatusChanges(req *accreditationv1.WatchStatusChangesRequest, stream grpc.ServerStreamingServer[accreditationv1.WatchStatusChangesResponse]) error {
	md, _ := metadata.FromIncomingContext(stream.Context())
	if len(md.Get("authorization")) == 0 {
		return status.Error(codes.Unauthenticated, "the change stream is for system callers")
	}
	next := req.GetAfterSequence()
	for {
		p.mu.Lock()
		pending := append([]*accreditationv1.StatusChange(nil), p.changes[min(int(next), len(p.changes)):]...)
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

// The service as the runner builds it: demo calendar, policy, database, and the status cache
// fed by the accreditation service's change stream. A suspension refuses the next registration
// within a second.
func TestSpecServesAndFollowsSuspensions(t *testing.T) {
	peer := &accreditationPeer{state: map[string]accreditationv1.ConsultativeStatus_State{}, wake: make(chan struct{})}
	peer.publish("org_a", accreditationv1.ConsultativeStatus_STATE_ACTIVE)
	accLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accSrv := grpc.NewServer()
	accreditationv1.RegisterAccreditationServiceServer(accSrv, peer)
	go func() { _ = accSrv.Serve(accLis) }()
	defer accSrv.Stop()

	cfg, err := config.LoadFrom[config.Common](map[string]string{
		"LIAISON_DATA_DIR":           t.TempDir(),
		"LIAISON_NOW":                "2021-09-01T12:00:00Z",
		"LIAISON_SHUTDOWN_TIMEOUT":   "1s",
		"LIAISON_ACCREDITATION_ADDR": accLis.Addr().String(),
		"LIAISON_DEV_MODE":           "1",
	})
	if err != nil {
		t.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	ready := make(chan string, 1)
	go func() {
		done <- service.Run(ctx, withDemo(), cfg, lis, func(addr string) { ready <- addr }, service.WithLogOutput(io.Discard))
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	addr := <-ready
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := eventsv1.NewEventsServiceClient(conn)

	key, err := auth.LoadOrCreateDevKey(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2021, 9, 1, 12, 0, 0, 0, time.UTC)
	as := func(role auth.Role, org string) context.Context {
		tok, err := auth.IssueDevToken(key, auth.Claims{Roles: []auth.Role{role}, Org: org,
			RegisteredClaims: jwt.RegisteredClaims{Subject: "u-" + org, Issuer: cfg.OIDCIssuer, Audience: jwt.ClaimStrings{cfg.OIDCAudience}}}, time.Hour, now)
		if err != nil {
			t.Fatal(err)
		}
		return metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok)
	}

	// The demo calendar is there, with the Broadband Commission session at 09:00 New York time.
	found, err := client.ListEvents(context.Background(), &eventsv1.ListEventsRequest{Query: "Broadband"})
	if err != nil || len(found.GetEvents()) != 1 {
		t.Fatalf("query Broadband: %v %v", found, err)
	}
	if e := found.GetEvents()[0]; !e.GetStartTime().AsTime().Equal(time.Date(2021, 9, 19, 13, 0, 0, 0, time.UTC)) || e.GetTimeZone() != "America/New_York" {
		t.Fatalf("Broadband Commission session: %v in %s", e.GetStartTime().AsTime(), e.GetTimeZone())
	}

	// The policy is installed by the runner too: anonymous writes are refused before any handler.
	_, err = client.CreateEvent(context.Background(), &eventsv1.CreateEventRequest{Event: &eventsv1.Event{}})
	if status.Code(err) != codes.Unauthenticated {
		t.Fatalf("anonymous create: %v", err)
	}
	start := time.Date(2021, 9, 19, 13, 0, 0, 0, time.UTC)
	created, err := client.CreateEvent(as(auth.RoleOfficer, ""), &eventsv1.CreateEventRequest{Event: &eventsv1.Event{
		Title: "Broadband Commission Annual Fall Session", Kind: eventsv1.Event_KIND_MEETING, TimeZone: "America/New_York",
		StartTime: timestamppb.New(start), EndTime: timestamppb.New(start.Add(3 * time.Hour)), RequiresConsultativeStatus: true,
	}})
	if err != nil {
		t.Fatal(err)
	}
	register := func(email string) error {
		_, err := client.RegisterParticipant(as(auth.RoleNGO, "org_a"), &eventsv1.RegisterParticipantRequest{EventId: created.GetEvent().GetId(),
			Registration: &eventsv1.Registration{OrganizationId: "org_a", Participant: &eventsv1.Participant{GivenName: "A", FamilyName: "B", Email: email}}})
		return err
	}
	if err := register("first@example.org"); err != nil {
		t.Fatalf("active organization: %v", err)
	}
	time.Sleep(500 * time.Millisecond) // let the cache settle on the stream
	peer.publish("org_a", accreditationv1.ConsultativeStatus_STATE_SUSPENDED)
	suspended := time.Now()
	for i := 0; ; i++ {
		err := register("next" + string(rune('a'+i)) + "@example.org")
		if status.Code(err) == codes.FailedPrecondition {
			break
		}
		if time.Since(suspended) > time.Second {
			t.Fatalf("still registering %v after the suspension: %v", time.Since(suspended), err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// withDemo is Spec with the demo calendar (the UNGA76 digital side events) loaded before the
// service starts serving, as the dev system runs it.
func withDemo() service.Spec {
	s := events.Spec
	build := s.Build
	s.Build = func(ctx context.Context, d service.Deps) (service.Component, error) {
		if err := demo.Load(ctx, d.DB, d.Clock); err != nil {
			return nil, err
		}
		return build(ctx, d)
	}
	return s
}
