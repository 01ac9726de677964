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

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/grpcserver"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/credjwt"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/statuscache"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
	"github.com/un-liaison/liaison/services/accreditation/internal/transport/grpcapi"
	"github.com/un-liaison/liaison/services/accreditation/migrations"
)

type directory struct {
	mu   sync.Mutex
	orgs map[string]domain.Organization
}

func (d *directory) Organization(_ context.Context, id string) (domain.Organization, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if o, ok := d.orgs[id]; ok {
		return o, nil
	}
	return domain.Organization{}, &domain.NotFoundError{What: "organization", ID: id}
}

var start = time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)

// env is one accreditation server over bufconn with a real SQLite store, the
// platform's server stack (validation, auth interceptor) and dev tokens.
type env struct {
	client accreditationv1.AccreditationServiceClient
	clock  *clock.Manual
	key    *ecdsa.PrivateKey
	svc    *app.Service
	store  *sqlstore.Store
	signer *credjwt.Signer
}

// publicURL is what the test server calls its public address.
const publicURL = "https://liaison.test"

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvOn(t, sqltest.Open(t, sqldb.SQLite, sqldb.Options{Service: "accreditation", Migrations: migrations.FS}))
}

// newEnvOn is newEnv on a given database, served on a loopback TCP port.
func newEnvOn(t *testing.T, db *sqldb.DB) *env {
	t.Helper()
	store := sqlstore.New(db)
	clk := clock.NewManual(start)
	dir := &directory{orgs: map[string]domain.Organization{
		"org_a":     {ID: "org_a", Name: "Alpha Alliance", FoundedOn: domain.NewDate(2001, 5, 1)},
		"org_b":     {ID: "org_b", FoundedOn: domain.NewDate(1999, 1, 1)},
		"org_young": {ID: "org_young", FoundedOn: domain.NewDate(2026, 1, 1)},
	}}
	statuses := statuscache.New(store, cache.NewMemory(1000), statuscache.Options{})
	signer, err := credjwt.New(make([]byte, 32), credjwt.LinksFor(publicURL))
	if err != nil {
		t.Fatal(err)
	}
	svc := app.New(store, dir, clk, app.Options{Statuses: statuses, Signer: signer,
		CredentialLinks: app.CredentialLinks{StatusList: credjwt.LinksFor(publicURL).StatusList, VerificationPage: publicURL + "/portal/verify"}})
	ctx, cancel := context.WithCancel(context.Background())
	last, err := svc.LastSequence(ctx)
	if err != nil {
		t.Fatal(err)
	}
	go statuses.Follow(ctx, svc.Tail, last, nil)

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	unary, stream := auth.ServerInterceptors(auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clk), auth.WithPolicy(grpcapi.Policy.Authorize))
	srv, err := grpcserver.New(grpcserver.Options{
		ServiceNames:      []string{accreditationv1.AccreditationService_ServiceDesc.ServiceName},
		UnaryInterceptors: []grpc.UnaryServerInterceptor{unary}, StreamInterceptors: []grpc.StreamServerInterceptor{stream},
		ShutdownTimeout: time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	grpcapi.NewServer(svc, clk, nil).Register(srv.GRPC())
	srv.SetServing()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = srv.Serve(ctx, lis); close(done) }()
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = conn.Close()
		cancel()
		<-done
	})
	return &env{client: accreditationv1.NewAccreditationServiceClient(conn), clock: clk, key: key, svc: svc, store: store, signer: signer}
}

// as returns a context carrying a dev token for the given caller.
func (e *env) as(t *testing.T, sub, org string, roles ...auth.Role) context.Context {
	t.Helper()
	tok, err := auth.IssueDevToken(e.key, auth.Claims{Roles: roles, Org: org, RegisteredClaims: jwt.RegisteredClaims{
		Subject: sub, Issuer: "liaison-dev", Audience: jwt.ClaimStrings{"liaison"}}}, 100*365*24*time.Hour, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok)
}
