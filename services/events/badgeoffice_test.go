package events_test

import (
	"context"
	"io"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/events"
)

// badgeOffice is a badge office's client: it follows the designation stream from its own cursor,
// keeps the set of live passes (issued and not since voided or returned), and reconnects after
// any failure, resuming after the last change it applied.
type badgeOffice struct {
	mu     sync.Mutex
	cursor uint64
	seqs   []uint64
	live   map[string]bool
}

func (b *badgeOffice) apply(c *eventsv1.DesignationChange) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.seqs = append(b.seqs, c.GetSequence())
	b.cursor = c.GetSequence()
	id := c.GetDesignation().GetId()
	switch c.GetKind() {
	case eventsv1.DesignationChange_KIND_ISSUED:
		b.live[id] = true
	case eventsv1.DesignationChange_KIND_VOIDED, eventsv1.DesignationChange_KIND_RETURNED:
		delete(b.live, id)
	}
}

func (b *badgeOffice) state() (uint64, []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var ids []string
	for id := range b.live {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return b.cursor, ids
}

func (b *badgeOffice) follow(ctx context.Context, client eventsv1.EventsServiceClient, auth func(context.Context) context.Context) {
	for ctx.Err() == nil {
		b.mu.Lock()
		after := b.cursor
		b.mu.Unlock()
		stream, err := client.WatchDesignationChanges(auth(ctx), &eventsv1.WatchDesignationChangesRequest{AfterSequence: after})
		for err == nil {
			var msg *eventsv1.WatchDesignationChangesResponse
			if msg, err = stream.Recv(); err == nil {
				b.apply(msg.GetDesignationChange())
			}
		}
		select {
		case <-ctx.Done():
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// runEvents runs the service on lis until the returned stop is called.
func runEvents(t *testing.T, cfg config.Common, lis net.Listener) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	ready := make(chan string, 1)
	go func() {
		done <- service.Run(ctx, events.Spec, cfg, lis, func(addr string) { ready <- addr }, service.WithLogOutput(io.Discard))
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("Run: %v", err)
	}
	return sync.OnceFunc(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
}

// A badge office follows the designation stream from a cursor across a restart of the service
// and ends with exactly the live designations, voids by a suspension included.
func TestBadgeOfficeFollowsDesignationsAcrossARestart(t *testing.T) {
	peer := &accreditationPeer{state: map[string]accreditationv1.ConsultativeStatus_State{}, wake: make(chan struct{})}
	peer.publish("org_a", accreditationv1.ConsultativeStatus_STATE_ACTIVE)
	peer.publish("org_b", accreditationv1.ConsultativeStatus_STATE_ACTIVE)
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
	addr := lis.Addr().String()
	stop := runEvents(t, cfg, lis)
	defer func() { stop() }()

	// The calls made just after the restart wait for the channel to reconnect, as a client that
	// knows the service is coming back would; without it the first one can meet the refused
	// connection of the restart itself.
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.WaitForReady(true)))
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
	token := func(role auth.Role, org string) string {
		tok, err := auth.IssueDevToken(key, auth.Claims{Roles: []auth.Role{role}, Org: org,
			RegisteredClaims: jwt.RegisteredClaims{Subject: "u-" + string(role) + org, Issuer: cfg.OIDCIssuer, Audience: jwt.ClaimStrings{cfg.OIDCAudience}}}, time.Hour, now)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	as := func(role auth.Role, org string) context.Context {
		return metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+token(role, org))
	}
	systemToken := token(auth.RoleSystem, "")
	withSystem := func(ctx context.Context) context.Context {
		return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+systemToken)
	}

	badge := &badgeOffice{live: map[string]bool{}}
	changes := 0
	designate := func(org string, st eventsv1.DutyStation, role eventsv1.Designation_Role, email string) *eventsv1.Designation {
		t.Helper()
		resp, err := client.CreateDesignation(as(auth.RoleNGO, org), &eventsv1.CreateDesignationRequest{Designation: &eventsv1.Designation{
			OrganizationId: org, DutyStation: st, Year: 2021, Role: role,
			Person: &eventsv1.DesignatedPerson{FullName: "P " + email, Email: email, BirthDate: &date.Date{Year: 1980, Month: 1, Day: 2}},
		}})
		if err != nil {
			t.Fatalf("designate %s: %v", email, err)
		}
		changes++
		return resp.GetDesignation()
	}
	approve := func(d *eventsv1.Designation) {
		t.Helper()
		if _, err := client.ApproveDesignation(as(auth.RoleOfficer, ""), &eventsv1.ApproveDesignationRequest{Id: d.GetId(), Etag: d.GetEtag()}); err != nil {
			t.Fatalf("approve %s: %v", d.GetPerson().GetEmail(), err)
		}
		changes++
	}
	waitFor := func(what string, ok func(cursor uint64, live []string) bool) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			cursor, live := badge.state()
			if ok(cursor, live) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("badge office never saw %s: cursor %d, live %v", what, cursor, live)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	// Before the restart: two organizations' heads and CAOs at Geneva, one main representative,
	// one additional representative still pending.
	a := []*eventsv1.Designation{
		designate("org_a", eventsv1.DutyStation_DUTY_STATION_GENEVA, eventsv1.Designation_ROLE_HEAD, "head-a@example.org"),
		designate("org_a", eventsv1.DutyStation_DUTY_STATION_GENEVA, eventsv1.Designation_ROLE_CHIEF_ADMINISTRATIVE_OFFICER, "cao-a@example.org"),
	}
	b := []*eventsv1.Designation{
		designate("org_b", eventsv1.DutyStation_DUTY_STATION_GENEVA, eventsv1.Designation_ROLE_HEAD, "head-b@example.org"),
		designate("org_b", eventsv1.DutyStation_DUTY_STATION_GENEVA, eventsv1.Designation_ROLE_CHIEF_ADMINISTRATIVE_OFFICER, "cao-b@example.org"),
	}
	for _, d := range append(slices.Clone(a), b...) {
		approve(d)
	}
	mainA := designate("org_a", eventsv1.DutyStation_DUTY_STATION_GENEVA, eventsv1.Designation_ROLE_MAIN_REPRESENTATIVE, "main-a@example.org")
	approve(mainA)
	pendingA := designate("org_a", eventsv1.DutyStation_DUTY_STATION_GENEVA, eventsv1.Designation_ROLE_ADDITIONAL_REPRESENTATIVE, "add-a@example.org")

	followCtx, stopFollowing := context.WithCancel(context.Background())
	defer stopFollowing()
	go badge.follow(followCtx, client, withSystem)
	before := changes
	waitFor("the changes before the restart", func(c uint64, _ []string) bool { return c == uint64(before) })

	// The service restarts on the same address and database; the badge office's stream breaks
	// and it reconnects from its cursor.
	stop()
	relis, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	stop = runEvents(t, cfg, relis)

	addB := designate("org_b", eventsv1.DutyStation_DUTY_STATION_GENEVA, eventsv1.Designation_ROLE_ADDITIONAL_REPRESENTATIVE, "add-b@example.org")
	approve(addB)
	if _, err := client.ReturnDesignation(as(auth.RoleOfficer, ""), &eventsv1.ReturnDesignationRequest{Id: pendingA.GetId(), Reason: "No photograph"}); err != nil {
		t.Fatal(err)
	}
	changes++
	// org_a is suspended: its three live designations are voided, and the stream says so.
	peer.publish("org_a", accreditationv1.ConsultativeStatus_STATE_SUSPENDED)
	changes += 3

	want := []string{b[0].GetId(), b[1].GetId(), addB.GetId()}
	slices.Sort(want)
	waitFor("every change", func(c uint64, live []string) bool { return c == uint64(changes) })
	_, live := badge.state()
	if !slices.Equal(live, want) {
		t.Fatalf("badge office's live passes %v, want %v", live, want)
	}
	listed, err := client.ListDesignations(withSystem(context.Background()), &eventsv1.ListDesignationsRequest{
		DutyStation: eventsv1.DutyStation_DUTY_STATION_GENEVA, OnDate: &date.Date{Year: 2021, Month: 9, Day: 1},
		State: eventsv1.Designation_STATE_APPROVED,
	})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range listed.GetDesignations() {
		ids = append(ids, d.GetId())
	}
	slices.Sort(ids)
	if !slices.Equal(ids, want) {
		t.Fatalf("ListDesignations %v, want %v", ids, want)
	}
	badge.mu.Lock()
	seqs := slices.Clone(badge.seqs)
	badge.mu.Unlock()
	for i, s := range seqs {
		if s != uint64(i+1) {
			t.Fatalf("the badge office got sequences %v: every change once, in order", seqs)
		}
	}
	got, err := client.GetDesignation(withSystem(context.Background()), &eventsv1.GetDesignationRequest{Id: mainA.GetId()})
	if err != nil || got.GetDesignation().GetState() != eventsv1.Designation_STATE_VOIDED {
		t.Fatalf("main representative of the suspended organization: %v %v", got, err)
	}

	// The suspended organization is refused as a rule violation.
	_, err = client.CreateDesignation(as(auth.RoleNGO, "org_a"), &eventsv1.CreateDesignationRequest{Designation: &eventsv1.Designation{
		OrganizationId: "org_a", DutyStation: eventsv1.DutyStation_DUTY_STATION_VIENNA, Year: 2021, Role: eventsv1.Designation_ROLE_HEAD,
		Person: &eventsv1.DesignatedPerson{FullName: "Head A", Email: "head-a@example.org"},
	}})
	if status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("designation by a suspended organization: %v", err)
	}
	// An ngo user may not follow the stream.
	s, err := client.WatchDesignationChanges(as(auth.RoleNGO, "org_b"), &eventsv1.WatchDesignationChangesRequest{})
	if err == nil {
		_, err = s.Recv()
	}
	if status.Code(err) != codes.PermissionDenied {
		t.Fatalf("ngo user on the stream: %v", err)
	}
}
