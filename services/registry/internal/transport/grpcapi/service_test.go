package grpcapi_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/grpcserver"
	"github.com/un-liaison/liaison/platform/logging"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/registry/internal/setup"
	"github.com/un-liaison/liaison/services/registry/internal/transport/grpcapi"
	"github.com/un-liaison/liaison/services/registry/migrations"
)

var now = time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)

// registry is a running registry on an in-memory connection with real SQLite behind it, and a way
// to call it as different people.
type registry struct {
	client registryv1.RegistryServiceClient
	key    *ecdsa.PrivateKey
	clock  *clock.Manual
}

func startRegistry(t *testing.T) *registry {
	t.Helper()
	db := sqltest.Open(t, sqldb.SQLite, sqldb.Options{Service: "registry", Migrations: migrations.FS})
	clk := clock.NewManual(now)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	unary, stream := auth.ServerInterceptors(auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clk), auth.WithPolicy(grpcapi.Policy.Authorize))
	srv, err := grpcserver.New(grpcserver.Options{
		ServiceNames:       []string{registryv1.RegistryService_ServiceDesc.ServiceName},
		UnaryInterceptors:  []grpc.UnaryServerInterceptor{unary},
		StreamInterceptors: []grpc.StreamServerInterceptor{stream},
	})
	if err != nil {
		t.Fatal(err)
	}
	component := grpcapi.New(setup.App(setup.Parts{DB: db, Clock: clk}), logging.Discard())
	component.Register(srv.GRPC())
	srv.SetServing()
	lis := bufconn.Listen(1 << 20)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, lis) }()
	conn, err := grpc.NewClient("passthrough:///registry",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = conn.Close()
		cancel()
		<-done
		_ = component.Close()
	})
	return &registry{client: registryv1.NewRegistryServiceClient(conn), key: key, clock: clk}
}

// as returns a context calling with a token for the subject, roles and organization.
func (r *registry) as(t *testing.T, sub, org string, roles ...auth.Role) context.Context {
	t.Helper()
	// Signed here rather than with auth.IssueDevToken, which will not issue an ngo token without
	// an organization: the registry must accept one, since an ngo user first creates its profile.
	claims := auth.Claims{Roles: roles, Org: org, RegisteredClaims: jwt.RegisteredClaims{
		Subject: sub, Issuer: "liaison-dev", Audience: jwt.ClaimStrings{"liaison"},
		IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour)),
	}}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodES256, claims).SignedString(r.key)
	if err != nil {
		t.Fatal(err)
	}
	return metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok)
}

func ngoProfile(name, country string) *registryv1.Organization {
	return &registryv1.Organization{Name: name, Country: country, StakeholderGroup: registryv1.StakeholderGroup_STAKEHOLDER_GROUP_NGO, Sdgs: []int32{16}}
}

func wantCode(t *testing.T, err error, want codes.Code) *status.Status {
	t.Helper()
	st, _ := status.FromError(err)
	if st.Code() != want {
		t.Fatalf("want %v, got %v: %v", want, st.Code(), st.Message())
	}
	return st
}

func TestOfficerCreatesReadsAndUpdatesWithEtags(t *testing.T) {
	r := startRegistry(t)
	officer := r.as(t, "officer-1", "", auth.RoleOfficer)
	created, err := r.client.CreateOrganization(officer, &registryv1.CreateOrganizationRequest{Organization: ngoProfile("Geneva Water Forum", "CH")})
	if err != nil {
		t.Fatal(err)
	}
	o := created.GetOrganization()
	if o.GetConsultativeStatus().GetState() != registryv1.ConsultativeStatus_STATE_NONE || o.GetEtag() == "" || o.GetCreateTime() == nil {
		t.Fatalf("created: %v", o)
	}
	got, err := r.client.GetOrganization(context.Background(), &registryv1.GetOrganizationRequest{Id: o.GetId()})
	if err != nil || got.GetOrganization().GetEtag() != o.GetEtag() {
		t.Fatalf("anonymous get: %v %v", got, err)
	}
	change := &registryv1.Organization{Id: o.GetId(), Etag: o.GetEtag(), Website: "https://gwf.example.org"}
	mask := &fieldmaskpb.FieldMask{Paths: []string{"website"}}
	updated, err := r.client.UpdateOrganization(officer, &registryv1.UpdateOrganizationRequest{Organization: change, UpdateMask: mask})
	if err != nil {
		t.Fatal(err)
	}
	if u := updated.GetOrganization(); u.GetWebsite() != "https://gwf.example.org" || u.GetEtag() == o.GetEtag() || u.GetName() != "Geneva Water Forum" {
		t.Fatalf("updated: %v", u)
	}
	_, err = r.client.UpdateOrganization(officer, &registryv1.UpdateOrganizationRequest{Organization: change, UpdateMask: mask})
	wantCode(t, err, codes.Aborted)
	_, err = r.client.UpdateOrganization(officer, &registryv1.UpdateOrganizationRequest{
		Organization: &registryv1.Organization{Id: o.GetId(), Etag: updated.GetOrganization().GetEtag(), Name: "x"},
		UpdateMask:   &fieldmaskpb.FieldMask{Paths: []string{"nmae"}}})
	wantCode(t, err, codes.InvalidArgument)
	_, err = r.client.GetOrganization(context.Background(), &registryv1.GetOrganizationRequest{Id: "org_missing"})
	wantCode(t, err, codes.NotFound)
}

func TestRetriedCreateMakesOneOrganization(t *testing.T) {
	r := startRegistry(t)
	officer := r.as(t, "officer-1", "", auth.RoleOfficer)
	req := &registryv1.CreateOrganizationRequest{Organization: ngoProfile("Retry Org", "CH"), RequestId: "7c0f6f1e"}
	one, err := r.client.CreateOrganization(officer, req)
	if err != nil {
		t.Fatal(err)
	}
	two, err := r.client.CreateOrganization(officer, req)
	if err != nil || two.GetOrganization().GetId() != one.GetOrganization().GetId() {
		t.Fatalf("retry: %v %v", two, err)
	}
	list, _ := r.client.ListOrganizations(context.Background(), &registryv1.ListOrganizationsRequest{})
	if len(list.GetOrganizations()) != 1 {
		t.Fatalf("want one organization, have %d", len(list.GetOrganizations()))
	}
}

func TestInvalidProfilesNameTheField(t *testing.T) {
	r := startRegistry(t)
	officer := r.as(t, "officer-1", "", auth.RoleOfficer)
	tests := []struct {
		name   string
		change func(o *registryv1.Organization)
		field  string
	}{
		{"country ZZ", func(o *registryv1.Organization) { o.Country = "ZZ" }, "country"},
		{"SDG 18", func(o *registryv1.Organization) { o.Sdgs = []int32{18} }, "sdgs"},
		{"empty name", func(o *registryv1.Organization) { o.Name = "" }, "name"},
		{"website not a URL", func(o *registryv1.Organization) { o.Website = "not a url" }, "website"},
		{"founded in the future", func(o *registryv1.Organization) { o.FoundedOn = &date.Date{Year: 2027} }, "founded_on"},
		{"valid profile", func(*registryv1.Organization) {}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := ngoProfile("Valid Name "+tt.name, "CH")
			tt.change(o)
			_, err := r.client.CreateOrganization(officer, &registryv1.CreateOrganizationRequest{Organization: o})
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want success, got %v", err)
				}
				return
			}
			st := wantCode(t, err, codes.InvalidArgument)
			if !strings.Contains(st.Message(), tt.field) {
				t.Fatalf("message %q does not name %s", st.Message(), tt.field)
			}
			found := false
			for _, d := range st.Details() {
				if br, ok := d.(*errdetails.BadRequest); ok {
					for _, v := range br.GetFieldViolations() {
						found = found || strings.Contains(v.GetField()+" "+v.GetDescription(), tt.field)
					}
				}
			}
			if !found {
				t.Fatalf("no BadRequest field violation for %s in %v", tt.field, st.Details())
			}
		})
	}
}

func TestAccessRules(t *testing.T) {
	r := startRegistry(t)
	_, err := r.client.CreateOrganization(context.Background(), &registryv1.CreateOrganizationRequest{Organization: ngoProfile("Anon Org", "CH")})
	wantCode(t, err, codes.Unauthenticated)

	ngo := r.as(t, "ngo-user-1", "", auth.RoleNGO)
	own, err := r.client.CreateOrganization(ngo, &registryv1.CreateOrganizationRequest{Organization: ngoProfile("Own Org", "KE")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.client.CreateOrganization(ngo, &registryv1.CreateOrganizationRequest{Organization: ngoProfile("Second Org", "KE")})
	wantCode(t, err, codes.PermissionDenied)

	officer := r.as(t, "officer-1", "", auth.RoleOfficer)
	other, err := r.client.CreateOrganization(officer, &registryv1.CreateOrganizationRequest{Organization: ngoProfile("Other Org", "KE")})
	if err != nil {
		t.Fatal(err)
	}
	actingForOwn := r.as(t, "ngo-user-1", own.GetOrganization().GetId(), auth.RoleNGO)
	_, err = r.client.UpdateOrganization(actingForOwn, &registryv1.UpdateOrganizationRequest{
		Organization: &registryv1.Organization{Id: other.GetOrganization().GetId(), Etag: other.GetOrganization().GetEtag(), Acronym: "OO"}})
	wantCode(t, err, codes.PermissionDenied)
	if _, err = r.client.UpdateOrganization(actingForOwn, &registryv1.UpdateOrganizationRequest{
		Organization: &registryv1.Organization{Id: own.GetOrganization().GetId(), Etag: own.GetOrganization().GetEtag(), Acronym: "OWN"}}); err != nil {
		t.Fatalf("ngo updating its own organization: %v", err)
	}
	committee := r.as(t, "cm-1", "", auth.RoleCommittee)
	_, err = r.client.CreateNgoCommittee(committee, &registryv1.CreateNgoCommitteeRequest{Committee: &registryv1.NgoCommittee{Name: "x", Kind: registryv1.NgoCommittee_KIND_THEMATIC, Theme: "t"}})
	wantCode(t, err, codes.PermissionDenied)
}

func TestLikelyDuplicateNamesTheExistingOrganization(t *testing.T) {
	r := startRegistry(t)
	officer := r.as(t, "officer-1", "", auth.RoleOfficer)
	first, err := r.client.CreateOrganization(officer, &registryv1.CreateOrganizationRequest{Organization: ngoProfile("The Geneva Water Forum", "CH")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.client.CreateOrganization(officer, &registryv1.CreateOrganizationRequest{Organization: ngoProfile("GENEVA WATER FORUM.", "CH")})
	st := wantCode(t, err, codes.AlreadyExists)
	var info *errdetails.ErrorInfo
	for _, d := range st.Details() {
		if i, ok := d.(*errdetails.ErrorInfo); ok {
			info = i
		}
	}
	if info.GetReason() != "LIKELY_DUPLICATE" || info.GetMetadata()["organization_id"] != first.GetOrganization().GetId() {
		t.Fatalf("error info: %v", info)
	}
	if _, err := r.client.CreateOrganization(officer, &registryv1.CreateOrganizationRequest{Organization: ngoProfile("GENEVA WATER FORUM.", "CH"), AllowDuplicate: true}); err != nil {
		t.Fatalf("allowed duplicate: %v", err)
	}
}

func TestSearchPagesEveryMatchOnce(t *testing.T) {
	r := startRegistry(t)
	officer := r.as(t, "officer-1", "", auth.RoleOfficer)
	for i := range 130 {
		o := ngoProfile(fmt.Sprintf("Forum %03d", i), "CH")
		o.Description = "Monitors multilingual access to public meeting records"
		if i >= 120 {
			o.Country = "FR"
		}
		if _, err := r.client.CreateOrganization(officer, &registryv1.CreateOrganizationRequest{Organization: o}); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	req := &registryv1.ListOrganizationsRequest{Query: "meeting records multilingual", Country: "CH", Sdg: []int32{16}, PageSize: 25}
	for {
		resp, err := r.client.ListOrganizations(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range resp.GetOrganizations() {
			if seen[o.GetId()] {
				t.Fatalf("%s twice", o.GetId())
			}
			seen[o.GetId()] = true
		}
		if resp.GetNextPageToken() == "" {
			break
		}
		req.PageToken = resp.GetNextPageToken()
	}
	if len(seen) != 120 {
		t.Fatalf("saw %d of 120", len(seen))
	}
	_, err := r.client.ListOrganizations(context.Background(), &registryv1.ListOrganizationsRequest{PageToken: "tampered"})
	wantCode(t, err, codes.InvalidArgument)
}

func TestCommitteesFocalPointsAndPartnerships(t *testing.T) {
	r := startRegistry(t)
	officer := r.as(t, "officer-1", "", auth.RoleOfficer)
	org, err := r.client.CreateOrganization(officer, &registryv1.CreateOrganizationRequest{Organization: ngoProfile("Member Org", "SN")})
	if err != nil {
		t.Fatal(err)
	}
	c, err := r.client.CreateNgoCommittee(officer, &registryv1.CreateNgoCommitteeRequest{Committee: &registryv1.NgoCommittee{
		Name: "NGO Committee for Africa", Kind: registryv1.NgoCommittee_KIND_REGIONAL, Region: "Africa"}})
	if err != nil {
		t.Fatal(err)
	}
	added, err := r.client.AddCommitteeMember(officer, &registryv1.AddCommitteeMemberRequest{CommitteeId: c.GetCommittee().GetId(), OrganizationId: org.GetOrganization().GetId(), Etag: c.GetCommittee().GetEtag()})
	if err != nil || len(added.GetCommittee().GetMembers()) != 1 {
		t.Fatalf("add member: %v %v", added, err)
	}
	_, err = r.client.AddCommitteeMember(officer, &registryv1.AddCommitteeMemberRequest{CommitteeId: c.GetCommittee().GetId(), OrganizationId: "org_missing"})
	wantCode(t, err, codes.NotFound)
	if _, err := r.client.CreateFocalPoint(officer, &registryv1.CreateFocalPointRequest{FocalPoint: &registryv1.FocalPoint{UnEntity: "UNICEF", Name: "Amina Diallo", Email: "adiallo@unicef.org"}}); err != nil {
		t.Fatal(err)
	}
	fps, err := r.client.ListFocalPoints(context.Background(), &registryv1.ListFocalPointsRequest{UnEntity: "unicef"})
	if err != nil || len(fps.GetFocalPoints()) != 1 {
		t.Fatalf("focal points: %v %v", fps, err)
	}
	_, err = r.client.CreatePartnership(officer, &registryv1.CreatePartnershipRequest{Partnership: &registryv1.Partnership{
		OrganizationId: "org_missing", UnEntity: "UNDP", Title: "Water", StartDate: nil}})
	wantCode(t, err, codes.InvalidArgument)
}
