package accreditation_test

import (
	"context"
	"io"
	"net"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/accreditation"
)

type registryStub struct {
	registryv1.UnimplementedRegistryServiceServer
}

func (registryStub) GetOrganization(_ context.Context, r *registryv1.GetOrganizationRequest) (*registryv1.GetOrganizationResponse, error) {
	if r.GetId() != "org_a" {
		return nil, status.Error(codes.NotFound, "no such organization")
	}
	return &registryv1.GetOrganizationResponse{Organization: &registryv1.Organization{Id: "org_a", FoundedOn: &date.Date{Year: 2000, Month: 1, Day: 1}}}, nil
}

// TestServiceRunsAndFailsFastWithoutTheRegistry runs the real Spec through
// the platform runner with a registry on loopback, then stops the registry.
func TestServiceRunsAndFailsFastWithoutTheRegistry(t *testing.T) {
	regLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	reg := grpc.NewServer()
	registryv1.RegisterRegistryServiceServer(reg, registryStub{})
	go func() { _ = reg.Serve(regLis) }()
	defer reg.Stop()

	dataDir := t.TempDir()
	cfg := config.Common{DataDir: dataDir, Now: "2027-03-10T15:00:00Z", LogLevel: "error", LogFormat: "json",
		ShutdownTimeout: 10 * time.Second, RegistryAddr: regLis.Addr().String(), OIDCIssuer: "liaison-dev", OIDCAudience: "liaison",
		Identity: config.Identity{DevMode: true}}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- service.Run(ctx, accreditation.Spec, cfg, lis, func(addr string) { ready <- addr }, service.WithLogOutput(io.Discard))
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("service stopped: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("service did not start")
	}
	stopped := false
	defer func() {
		if !stopped {
			cancel()
			<-done
		}
	}()

	key, err := auth.LoadOrCreateDevKey(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := auth.IssueDevToken(key, auth.Claims{Roles: []auth.Role{auth.RoleNGO}, Org: "org_a", RegisteredClaims: jwt.RegisteredClaims{
		Subject: "alice", Issuer: "liaison-dev", Audience: jwt.ClaimStrings{"liaison"}}}, time.Hour, time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	api := accreditationv1.NewAccreditationServiceClient(conn)
	health, err := healthpb.NewHealthClient(conn).Check(context.Background(), &healthpb.HealthCheckRequest{
		Service: accreditationv1.AccreditationService_ServiceDesc.ServiceName})
	if err != nil || health.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health check through the access policy: %v %v", health, err)
	}
	callCtx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok)

	if _, err := api.CreateApplication(context.Background(), &accreditationv1.CreateApplicationRequest{
		Application: &accreditationv1.Application{OrganizationId: "org_a", RequestedCategory: accreditationv1.Category_CATEGORY_ROSTER}}); status.Code(err) != codes.Unauthenticated {
		t.Fatalf("anonymous create: %v", err)
	}
	created, err := api.CreateApplication(callCtx, &accreditationv1.CreateApplicationRequest{
		Application: &accreditationv1.Application{OrganizationId: "org_a", RequestedCategory: accreditationv1.Category_CATEGORY_ROSTER}})
	if err != nil {
		t.Fatal(err)
	}
	if s, err := api.GetConsultativeStatus(context.Background(), &accreditationv1.GetConsultativeStatusRequest{OrganizationId: "org_a"}); err != nil ||
		s.GetConsultativeStatus().GetState() != accreditationv1.ConsultativeStatus_STATE_NONE {
		t.Fatalf("status %v %v", s, err)
	}

	reg.Stop()
	began := time.Now()
	_, err = api.SubmitApplication(callCtx, &accreditationv1.SubmitApplicationRequest{Id: created.GetApplication().GetId()})
	if status.Code(err) != codes.Unavailable {
		t.Fatalf("submit with the registry down: %v", err)
	}
	if time.Since(began) > 5*time.Second {
		t.Fatalf("took %v to fail", time.Since(began))
	}

	// A change stream does not hold up a graceful stop: it ends with UNAVAILABLE so the consumer resumes elsewhere.
	sysTok, err := auth.IssueDevToken(key, auth.Claims{Roles: []auth.Role{auth.RoleSystem}, RegisteredClaims: jwt.RegisteredClaims{
		Subject: "registry", Issuer: "liaison-dev", Audience: jwt.ClaimStrings{"liaison"}}}, time.Hour, time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	stream, err := api.WatchStatusChanges(metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+sysTok),
		&accreditationv1.WatchStatusChangesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	streamErr := make(chan error, 1)
	go func() { _, err := stream.Recv(); streamErr <- err }()
	time.Sleep(200 * time.Millisecond) // the stream is open and waiting
	began = time.Now()
	cancel()
	stopped = true
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if took := time.Since(began); took > 3*time.Second {
		t.Fatalf("shutdown took %v with a stream open", took)
	}
	if err := <-streamErr; status.Code(err) != codes.Unavailable {
		t.Fatalf("the stream ended with %v, want UNAVAILABLE", err)
	}
}
