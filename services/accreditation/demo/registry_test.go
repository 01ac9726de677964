package demo

import (
	"context"
	"net"
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
)

type listingRegistry struct {
	registryv1.UnimplementedRegistryServiceServer
}

// ListOrganizations answers a full-text query with near matches, as a search would.
func (listingRegistry) ListOrganizations(_ context.Context, r *registryv1.ListOrganizationsRequest) (*registryv1.ListOrganizationsResponse, error) {
	if !strings.Contains(r.GetQuery(), "Kenya") && !strings.Contains(r.GetQuery(), "Sahel") {
		return &registryv1.ListOrganizationsResponse{}, nil
	}
	return &registryv1.ListOrganizationsResponse{Organizations: []*registryv1.Organization{
		{Id: "org_other", Name: "Kenya Community Health Collective Alumni", FoundedOn: &date.Date{Year: 2020}},
		{Id: "org_kchc", Name: "Kenya Community Health Collective", FoundedOn: &date.Date{Year: 2005, Month: 6}},
		{Id: "org_swa", Name: "Sahel Water Alliance", FoundedOn: &date.Date{Year: 2009, Month: 3, Day: 2}},
	}}, nil
}

func TestFromRegistry(t *testing.T) {
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer()
	registryv1.RegisterRegistryServiceServer(srv, listingRegistry{})
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()
	conn, err := grpc.NewClient("passthrough:///registry",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	orgs, err := FromRegistry(context.Background(), registryv1.NewRegistryServiceClient(conn))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Organization{}
	for _, o := range orgs {
		got[o.Name] = o
	}
	if len(got) != 2 || got["Kenya Community Health Collective"].ID != "org_kchc" || got["Kenya Community Health Collective"].FoundedOn != "2005-06" ||
		got["Sahel Water Alliance"].FoundedOn != "2009-03-02" {
		t.Fatalf("found %+v", orgs)
	}
}
