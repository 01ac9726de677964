package grpcapi_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/test/bufconn"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/grpcserver"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/events/internal/adapters/accreditation"
	"github.com/un-liaison/liaison/services/events/internal/adapters/registry"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/transport/grpcapi"
	"github.com/un-liaison/liaison/services/events/migrations"
)

// now is the pinned "today" of these tests: before UNGA76's high-level week.
var now = time.Date(2021, 9, 1, 12, 0, 0, 0, time.UTC)

// statuses plays the accreditation service: a real gRPC server answering GetConsultativeStatus
// from a map the test edits.
type statuses struct {
	accreditationv1.UnimplementedAccreditationServiceServer
	mu    sync.Mutex
	state map[string]accreditationv1.ConsultativeStatus_State
	// category overrides the category of an active organization (Special when not set).
	category map[string]accreditationv1.Category
}

func (s *statuses) setCategory(org string, c accreditationv1.Category) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.category == nil {
		s.category = map[string]accreditationv1.Category{}
	}
	s.category[org] = c
}

func (s *statuses) set(org string, st accreditationv1.ConsultativeStatus_State) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state[org] = st
}

func (s *statuses) GetConsultativeStatus(_ context.Context, req *accreditationv1.GetConsultativeStatusRequest) (*accreditationv1.GetConsultativeStatusResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.state[req.GetOrganizationId()]
	if !ok {
		st = accreditationv1.ConsultativeStatus_STATE_NONE
	}
	cat := accreditationv1.Category_CATEGORY_UNSPECIFIED
	if st == accreditationv1.ConsultativeStatus_STATE_ACTIVE {
		cat = accreditationv1.Category_CATEGORY_SPECIAL
		if c, ok := s.category[req.GetOrganizationId()]; ok {
			cat = c
		}
	}
	return &accreditationv1.GetConsultativeStatusResponse{ConsultativeStatus: &accreditationv1.ConsultativeStatus{
		OrganizationId: req.GetOrganizationId(), State: st, Category: cat,
	}}, nil
}

// organizations plays the registry: every organization "org_<n>" is an NGO in Kenya when n is
// even and in Switzerland when odd; "org_access" is Access Now.
type organizations struct {
	registryv1.UnimplementedRegistryServiceServer
}

func (organizations) BatchGetOrganizations(_ context.Context, req *registryv1.BatchGetOrganizationsRequest) (*registryv1.BatchGetOrganizationsResponse, error) {
	resp := &registryv1.BatchGetOrganizationsResponse{}
	for _, id := range req.GetIds() {
		o := &registryv1.Organization{Id: id, Name: id, StakeholderGroup: registryv1.StakeholderGroup_STAKEHOLDER_GROUP_NGO, Country: "KE"}
		if id == "org_access" {
			o.Name = "Access Now"
		} else if len(id) > 0 && (id[len(id)-1]-'0')%2 == 1 {
			o.Country = "CH"
		}
		resp.Organizations = append(resp.Organizations, o)
	}
	return resp, nil
}

type harness struct {
	client   eventsv1.EventsServiceClient
	statuses *statuses
	stopAcc  func()
	key      *ecdsa.PrivateKey
}

func serve(t *testing.T, register func(*grpc.Server), opts ...grpc.ServerOption) (*grpc.ClientConn, func()) {
	t.Helper()
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer(opts...)
	register(srv)
	go func() { _ = srv.Serve(lis) }()
	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	stop := sync.OnceFunc(func() { srv.Stop() })
	t.Cleanup(func() { _ = conn.Close(); stop() })
	return conn, stop
}

// start runs the events service over real gRPC, with the platform's server (validation,
// recovery), the auth interceptor with a dev key, SQLite and a gRPC accreditation peer.
func start(t *testing.T) *harness {
	t.Helper()
	clk := clock.NewFixed(now)
	st := &statuses{state: map[string]accreditationv1.ConsultativeStatus_State{}}
	accConn, stopAcc := serve(t, func(s *grpc.Server) { accreditationv1.RegisterAccreditationServiceServer(s, st) })

	regConn, _ := serve(t, func(s *grpc.Server) { registryv1.RegisterRegistryServiceServer(s, organizations{}) })

	db := sqltest.Open(t, sqldb.SQLite, sqldb.Options{Service: "events", Migrations: migrations.FS})
	store := sqlstore.New(db)
	uc := app.New(store, accreditation.NewStatusClient(accConn), registry.NewDirectory(regConn), clk).
		WithAccessAndVoice(app.AccessAndVoice{Designations: store, Statements: store, Speakers: store})
	api := grpcapi.New(uc, clk, nil)

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	unary, stream := auth.ServerInterceptors(auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clk), auth.WithPolicy(grpcapi.Policy.Authorize))
	gs, err := grpcserver.New(grpcserver.Options{
		UnaryInterceptors:  []grpc.UnaryServerInterceptor{unary},
		StreamInterceptors: []grpc.StreamServerInterceptor{stream},
	})
	if err != nil {
		t.Fatal(err)
	}
	api.Register(gs.GRPC())
	lis := bufconn.Listen(1 << 20)
	go func() { _ = gs.GRPC().Serve(lis) }()
	t.Cleanup(gs.GRPC().Stop)
	conn, err := grpc.NewClient("passthrough:///events",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return &harness{client: eventsv1.NewEventsServiceClient(conn), statuses: st, stopAcc: stopAcc, key: key}
}

// as returns a context that calls with a dev token for the given role (and organization).
func (h *harness) as(t *testing.T, role auth.Role, org string) context.Context {
	t.Helper()
	tok, err := auth.IssueDevToken(h.key, auth.Claims{
		Roles: []auth.Role{role}, Org: org,
		RegisteredClaims: jwt.RegisteredClaims{Subject: string(role) + "-" + org, Issuer: "liaison-dev", Audience: jwt.ClaimStrings{"liaison"}},
	}, time.Hour, now)
	if err != nil {
		t.Fatal(err)
	}
	return metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok)
}

func (h *harness) officer(t *testing.T) context.Context { return h.as(t, auth.RoleOfficer, "") }
func (h *harness) ngo(t *testing.T, org string) context.Context {
	return h.as(t, auth.RoleNGO, org)
}
