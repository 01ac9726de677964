package registry_test

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/registry"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

type fakeRegistry struct {
	registryv1.UnimplementedRegistryServiceServer
}

func (fakeRegistry) GetOrganization(_ context.Context, r *registryv1.GetOrganizationRequest) (*registryv1.GetOrganizationResponse, error) {
	switch r.GetId() {
	case "org_a":
		return &registryv1.GetOrganizationResponse{Organization: &registryv1.Organization{Id: "org_a", Name: "Alpha",
			FoundedOn: &date.Date{Year: 2001, Month: 5}}}, nil
	case "org_nodate":
		return &registryv1.GetOrganizationResponse{Organization: &registryv1.Organization{Id: "org_nodate", Name: "No date"}}, nil
	}
	return nil, status.Error(codes.NotFound, "no such organization")
}

func dial(t *testing.T, lis *bufconn.Listener) registryv1.RegistryServiceClient {
	t.Helper()
	conn, err := grpc.NewClient("passthrough:///registry",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return registryv1.NewRegistryServiceClient(conn)
}

func TestDirectory(t *testing.T) {
	t.Parallel()
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer()
	registryv1.RegisterRegistryServiceServer(srv, fakeRegistry{})
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	d := registry.New(dial(t, lis), time.Second)
	ctx := context.Background()

	org, err := d.Organization(ctx, "org_a")
	if err != nil || org.Name != "Alpha" || org.FoundedOn != (domain.Date{Year: 2001, Month: 5}) {
		t.Fatalf("found %+v %v", org, err)
	}
	if org, err := d.Organization(ctx, "org_nodate"); err != nil || !org.FoundedOn.IsZero() {
		t.Fatalf("without a founding date %+v %v", org, err)
	}
	var nf *domain.NotFoundError
	if _, err := d.Organization(ctx, "org_x"); !errors.As(err, &nf) {
		t.Fatalf("unknown: %v", err)
	}
}

func TestDirectoryDownFailsFast(t *testing.T) {
	t.Parallel()
	lis := bufconn.Listen(1 << 20)
	_ = lis.Close() // nothing serves: every connection attempt fails
	d := registry.New(dial(t, lis), 500*time.Millisecond)
	began := time.Now()
	_, err := d.Organization(context.Background(), "org_a")
	var ue *domain.UnavailableError
	if !errors.As(err, &ue) {
		t.Fatalf("registry down: %v", err)
	}
	if time.Since(began) > 2*time.Second {
		t.Fatalf("took %v", time.Since(began))
	}
}
