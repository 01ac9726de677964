package statusstream_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/registry/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/registry/internal/adapters/statusstream"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
	"github.com/un-liaison/liaison/services/registry/migrations"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

const bearer = "Bearer system-token"

func withBearer(ctx context.Context) (context.Context, error) {
	return metadata.AppendToOutgoingContext(ctx, "authorization", bearer), nil
}

// accreditation is a fake accreditation service: a growing change log served on
// WatchStatusChanges, which misbehaves the ways a network and a redeploy do. It cuts streams
// short, and it sometimes starts a stream one change early, repeating what the consumer has.
type accreditation struct {
	accreditationv1.UnimplementedAccreditationServiceServer
	mu      sync.Mutex
	log     []*accreditationv1.StatusChange
	wake    chan struct{}
	streams int
}

func newAccreditation() *accreditation { return &accreditation{wake: make(chan struct{})} }

func (a *accreditation) publish(ch *accreditationv1.StatusChange) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.log = append(a.log, ch)
	close(a.wake)
	a.wake = make(chan struct{})
}

func (a *accreditation) WatchStatusChanges(req *accreditationv1.WatchStatusChangesRequest, stream grpc.ServerStreamingServer[accreditationv1.WatchStatusChangesResponse]) error {
	md, _ := metadata.FromIncomingContext(stream.Context())
	if got := md.Get("authorization"); len(got) != 1 || got[0] != bearer {
		return status.Error(codes.PermissionDenied, "system callers only")
	}
	a.mu.Lock()
	a.streams++
	after := req.GetAfterSequence()
	if newest := uint64(0); after > 0 {
		if len(a.log) > 0 {
			newest = a.log[len(a.log)-1].GetSequence()
		}
		if after > newest {
			a.mu.Unlock()
			return status.Error(codes.FailedPrecondition, "the cursor is past the newest change: the change log was reset")
		}
	}
	next, _ := slices.BinarySearchFunc(a.log, after+1, func(c *accreditationv1.StatusChange, seq uint64) int {
		return int(c.GetSequence()) - int(seq)
	})
	if next > 0 && rand.N(3) == 0 {
		next-- // deliver the change at the cursor again
	}
	budget := 1 + rand.N(150) // then cut the stream
	a.mu.Unlock()
	for {
		a.mu.Lock()
		pending := a.log[next:]
		wake := a.wake
		a.mu.Unlock()
		for _, ch := range pending {
			if budget == 0 {
				return status.Error(codes.Unavailable, "stream cut")
			}
			if err := stream.Send(&accreditationv1.WatchStatusChangesResponse{StatusChange: ch}); err != nil {
				return err
			}
			budget--
			next++
		}
		select {
		case <-stream.Context().Done():
			return nil
		case <-wake:
		}
	}
}

// server runs the fake on a loopback address that survives a restart.
type server struct {
	t    *testing.T
	fake *accreditation
	addr string
	mu   sync.Mutex
	srv  *grpc.Server
}

func (s *server) start() {
	s.t.Helper()
	lis, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.t.Fatal(err)
	}
	srv := grpc.NewServer()
	accreditationv1.RegisterAccreditationServiceServer(srv, s.fake)
	go func() { _ = srv.Serve(lis) }()
	s.mu.Lock()
	s.srv, s.addr = srv, lis.Addr().String()
	s.mu.Unlock()
}

func (s *server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.srv.Stop()
}

// applied records, across every consumer process, the changes the store reported as applied.
type applied struct {
	statusstream.Mirror
	mu   *sync.Mutex
	seqs *[]uint64
}

func (a applied) ApplyStatusChange(ctx context.Context, ch domain.StatusChange) (bool, error) {
	ok, err := a.Mirror.ApplyStatusChange(ctx, ch)
	if ok && err == nil {
		a.mu.Lock()
		*a.seqs = append(*a.seqs, ch.Sequence)
		a.mu.Unlock()
	}
	return ok, err
}

var (
	states     = []accreditationv1.ConsultativeStatus_State{accreditationv1.ConsultativeStatus_STATE_ACTIVE, accreditationv1.ConsultativeStatus_STATE_SUSPENDED, accreditationv1.ConsultativeStatus_STATE_WITHDRAWN}
	categories = []accreditationv1.Category{accreditationv1.Category_CATEGORY_GENERAL, accreditationv1.Category_CATEGORY_SPECIAL, accreditationv1.Category_CATEGORY_ROSTER}
)

// TestEveryChangeIsAppliedExactlyOnceAcrossKillsAndOutages streams 1,000 changes while the
// consumer is killed and restarted (a new process: new connection, new database handle) at
// random moments, streams are cut, changes are delivered twice and the accreditation service
// is down for a while; the store must report each change applied exactly once, in order.
func TestEveryChangeIsAppliedExactlyOnceAcrossKillsAndOutages(t *testing.T) {
	for _, d := range []sqldb.Dialect{sqldb.SQLite, sqldb.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			opts := sqldb.Options{Service: "registry", Migrations: migrations.FS}
			if d == sqldb.SQLite {
				opts.DataDir = sqltest.SQLite(t)
			} else {
				opts.DatabaseURL = sqltest.Postgres(t)
			}
			exactlyOnce(t, opts)
		})
	}
}

func exactlyOnce(t *testing.T, opts sqldb.Options) {
	const (
		total = 1000
		orgs  = 40
	)
	ctx := context.Background()
	clk := clock.NewFixed(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	openApp := func() (*app.App, *sqldb.DB) {
		db, err := sqldb.Open(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		return app.New(sqlstore.New(db), clk), db
	}

	// The organizations the changes are about (and one change for an organization the registry
	// does not hold).
	uc, db := openApp()
	officer := app.Actor{Subject: "olga", Roles: []string{app.RoleOfficer}}
	ids := make([]string, orgs)
	for i := range ids {
		o, err := uc.CreateOrganization(ctx, officer, domain.Organization{Name: fmt.Sprintf("Organization %02d", i),
			Country: "CH", StakeholderGroup: domain.StakeholderNGO}, "", false)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = o.ID
	}
	_ = db.Close()

	fake := newAccreditation()
	srv := &server{t: t, fake: fake, addr: "127.0.0.1:0"}
	srv.start()
	defer srv.stop()

	// Changes are numbered with gaps, as the contract allows.
	want := map[string]*accreditationv1.ConsultativeStatus{}
	var seqs []uint64
	publish := func(n int) {
		for range n {
			seq := uint64(1)
			if len(seqs) > 0 {
				seq = seqs[len(seqs)-1] + 1 + uint64(rand.N(3))
			}
			org := ids[rand.N(orgs)]
			if len(seqs) == total/2 {
				org = "org_not_in_this_registry"
			}
			st := &accreditationv1.ConsultativeStatus{OrganizationId: org, State: states[rand.N(len(states))], Category: categories[rand.N(len(categories))]}
			want[org] = st
			seqs = append(seqs, seq)
			fake.publish(&accreditationv1.StatusChange{Sequence: seq, OrganizationId: org, Status: st})
		}
	}

	var (
		mu  sync.Mutex
		got []uint64
	)
	observer, odb := openApp()
	defer odb.Close()
	cursor := func() uint64 {
		c, err := observer.StatusCursor(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	// consumer runs one consumer process until stop is called.
	consumer := func() (stop func()) {
		uc, db := openApp()
		conn, err := grpc.NewClient(srv.addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
			grpc.WithConnectParams(grpc.ConnectParams{Backoff: backoff.Config{BaseDelay: 20 * time.Millisecond, Multiplier: 1.6, MaxDelay: 200 * time.Millisecond}}))
		if err != nil {
			t.Fatal(err)
		}
		f := statusstream.New(conn, applied{Mirror: uc, mu: &mu, seqs: &got})
		f.Credentials, f.MinBackoff, f.MaxBackoff = withBearer, 5*time.Millisecond, 50*time.Millisecond
		runCtx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { defer close(done); f.Run(runCtx) }()
		return func() {
			cancel()
			<-done
			_ = conn.Close()
			_ = db.Close()
		}
	}

	// Ten consumer processes in turn, each killed at a random moment while a hundred changes
	// are being streamed to it; during the fourth, the accreditation service goes away a while.
	const rounds = 10
	for round := range rounds {
		stop := consumer()
		publish(total / rounds)
		time.Sleep(time.Duration(5+rand.N(60)) * time.Millisecond)
		if round == 3 {
			srv.stop()
			time.Sleep(300 * time.Millisecond)
			srv.start()
			time.Sleep(20 * time.Millisecond)
		}
		stop()
	}
	killedAt := cursor()
	if killedAt == seqs[len(seqs)-1] {
		t.Log("the last consumer had caught up before it was killed")
	}

	// One more consumer catches up with everything.
	stop := consumer()
	last := seqs[len(seqs)-1]
	deadline := time.Now().Add(30 * time.Second)
	for cursor() != last {
		if time.Now().After(deadline) {
			t.Fatalf("cursor %d, want %d after 30 s", cursor(), last)
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	fake.mu.Lock()
	t.Logf("%d kills, %d streams opened, %d of %d changes applied before the last restart", rounds, fake.streams, countUpTo(seqs, killedAt), total)
	fake.mu.Unlock()

	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(got, seqs) {
		missing, twice := diff(seqs, got)
		t.Fatalf("applied %d changes for %d published; missing %v, applied more than once %v", len(got), len(seqs), missing, twice)
	}
	uc, db = openApp()
	defer db.Close()
	for _, id := range ids {
		o, err := uc.GetOrganization(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		w, ok := want[id]
		if !ok {
			continue
		}
		if o.Status != statusstream.FromProto(&accreditationv1.StatusChange{Status: w}).Status {
			t.Fatalf("%s shows %+v, the last change said %v", id, o.Status, w)
		}
	}
}

func diff(want, got []uint64) (missing, twice []uint64) {
	seen := map[uint64]int{}
	for _, s := range got {
		seen[s]++
	}
	for _, s := range want {
		if seen[s] == 0 {
			missing = append(missing, s)
		}
		if seen[s] > 1 {
			twice = append(twice, s)
		}
	}
	return missing, twice
}

func countUpTo(seqs []uint64, cursor uint64) int {
	n, _ := slices.BinarySearch(seqs, cursor+1)
	return n
}

// TestAResetChangeLogRebuildsTheMirror: the accreditation service's change log starts over
// (its database was rebuilt), so the registry's cursor is past its end; the mirror forgets what
// it learnt from the old log and replays the new one.
func TestAResetChangeLogRebuildsTheMirror(t *testing.T) {
	ctx := context.Background()
	db := sqltest.Open(t, sqldb.SQLite, sqldb.Options{Service: "registry", Migrations: migrations.FS})
	uc := app.New(sqlstore.New(db), clock.NewFixed(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)))
	officer := app.Actor{Subject: "olga", Roles: []string{app.RoleOfficer}}
	var ids []string
	for _, name := range []string{"Geneva Water Forum", "Nairobi Youth Network"} {
		o, err := uc.CreateOrganization(ctx, officer, domain.Organization{Name: name, Country: "CH", StakeholderGroup: domain.StakeholderNGO}, "", false)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	// Learnt from the old log.
	if _, err := uc.ApplyStatusChange(ctx, domain.StatusChange{Sequence: 50, OrganizationID: ids[0],
		Status: domain.ConsultativeStatus{Category: domain.CategoryGeneral, State: domain.StatusActive}}); err != nil {
		t.Fatal(err)
	}

	fake := newAccreditation()
	for i, st := range []accreditationv1.ConsultativeStatus_State{accreditationv1.ConsultativeStatus_STATE_ACTIVE, accreditationv1.ConsultativeStatus_STATE_SUSPENDED} {
		fake.publish(&accreditationv1.StatusChange{Sequence: uint64(i + 1), OrganizationId: ids[1],
			Status: &accreditationv1.ConsultativeStatus{State: st, Category: accreditationv1.Category_CATEGORY_SPECIAL}})
	}
	srv := &server{t: t, fake: fake, addr: "127.0.0.1:0"}
	srv.start()
	defer srv.stop()
	conn, err := grpc.NewClient(srv.addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	f := statusstream.New(conn, uc)
	f.Credentials, f.MinBackoff = withBearer, 5*time.Millisecond
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); f.Run(runCtx) }()
	defer func() { cancel(); <-done }()

	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := uc.StatusCursor(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cursor %d, want 2", c)
		}
		time.Sleep(10 * time.Millisecond)
	}
	a, _ := uc.GetOrganization(ctx, ids[0])
	b, _ := uc.GetOrganization(ctx, ids[1])
	if a.Status != domain.NoStatus || b.Status != (domain.ConsultativeStatus{Category: domain.CategorySpecial, State: domain.StatusSuspended}) {
		t.Fatalf("after the rebuild: %+v and %+v", a.Status, b.Status)
	}
}
