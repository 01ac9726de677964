package gateway

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"google.golang.org/grpc"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/changestream"
)

// statusView keeps the REST answer to GET /v1/organizations/{id}/status in memory, kept current
// by the accreditation service's change stream, so that a warm lookup costs the edge no call to
// the service. It follows the events service's StatusCache: memory is trusted only while the
// stream is connected and settled; otherwise every lookup goes to the service as before.
type statusView struct {
	// stale measures how long the view has been out of step with the stream, for its lag gauge.
	stale    *changestream.Staleness
	client   accreditationv1.AccreditationServiceClient
	withAuth func(context.Context) (context.Context, error)
	log      *slog.Logger
	limit    int
	settle   time.Duration
	marshal  func(*accreditationv1.ConsultativeStatus) ([]byte, error)

	mu      sync.RWMutex
	live    bool
	entries map[string]viewEntry
	gen     uint64      // counts applied changes, to spot a pass-through overtaken by a change
	resets  uint64      // counts change-log resets, after which nothing learnt before is kept
	after   uint64      // sequence of the last change applied, to resume the stream
	header  http.Header // what a real answer carries besides its body; nil until one was seen
}

// viewEntry is one organization's answer. body is nil when the status must not be served from
// memory (see servableFromStream): the entry then only records that the organization is followed.
type viewEntry struct {
	body []byte
	gen  uint64
}

// statusViewLimit bounds the organizations remembered. Ids come from callers, so without a bound
// a caller walking made-up ids would grow the map until the edge ran out of memory; past it, new
// organizations simply pass through.
const statusViewLimit = 200_000

// statusViewSettle is how long a newly opened stream must stay up before memory is trusted: long
// enough for the backlog since the last applied change to arrive.
const statusViewSettle = 300 * time.Millisecond

func newStatusView(conn grpc.ClientConnInterface, withAuth func(context.Context) (context.Context, error), log *slog.Logger) *statusView {
	m := jsonMarshaler()
	return &statusView{
		client: accreditationv1.NewAccreditationServiceClient(conn), withAuth: withAuth, log: log,
		limit: statusViewLimit, settle: statusViewSettle,
		marshal: func(st *accreditationv1.ConsultativeStatus) ([]byte, error) { return m.Marshal(st) },
		entries: map[string]viewEntry{}, stale: changestream.NewStaleness(),
	}
}

// servableFromStream says whether the stream will tell the view about every later change of st:
// it does for every status the service can state (a report filed on an ACTIVE status is published
// as KIND_REPORT_FILED), not for one whose state it left unspecified.
func servableFromStream(st *accreditationv1.ConsultativeStatus) bool {
	return st.GetState() != accreditationv1.ConsultativeStatus_STATE_UNSPECIFIED
}

// render is the entry body for org's status st: the bytes grpc-gateway would write, or nil when
// st is not to be served from memory.
func (v *statusView) render(org string, st *accreditationv1.ConsultativeStatus) []byte {
	if st == nil || st.GetOrganizationId() != org || !servableFromStream(st) {
		return nil
	}
	b, err := v.marshal(st)
	if err != nil {
		return nil
	}
	return b
}

// answer returns what to write for org, when memory may answer for it.
func (v *statusView) answer(org string) (body []byte, header http.Header, reason passReason) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	switch e, known := v.entries[org]; {
	case !v.live || v.header == nil:
		return nil, nil, passNotLive
	case !known:
		return nil, nil, passUnknown
	case e.body == nil:
		return nil, nil, passUnservable
	default:
		return e.body, v.header, passNone
	}
}

// ticket is taken before a lookup passes through, so that keep can tell whether the answer is
// still the newest news about the organization.
type ticket struct{ gen, resets uint64 }

func (v *statusView) ticket() ticket {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return ticket{v.gen, v.resets}
}

// keep remembers the answer a pass-through got for org, unless a change for org arrived while it
// was asked (the stream's value is then the newer one), the change log was reset meanwhile, the
// stream is not up, or the view is full.
func (v *statusView) keep(org string, st *accreditationv1.ConsultativeStatus, t ticket) {
	body := v.render(org, st)
	v.mu.Lock()
	defer v.mu.Unlock()
	if !v.live || v.resets != t.resets {
		return
	}
	e, known := v.entries[org]
	if known && e.gen > t.gen || !known && len(v.entries) >= v.limit {
		return
	}
	v.entries[org] = viewEntry{body: body, gen: t.gen}
}

// learnHeader records the headers a real answer carried next to its body (grpc-gateway's
// Content-Type and the service's metadata), so that answers from memory carry the same.
func (v *statusView) learnHeader(h http.Header) {
	v.mu.Lock()
	v.header = h
	v.mu.Unlock()
}

// Run follows the change stream until ctx ends, reconnecting with backoff after any failure.
func (v *statusView) Run(ctx context.Context) {
	f := &changestream.Follower{
		Open: v.open, SetLive: v.setLive, Reset: v.reset, Settle: v.settle, Log: v.log, Staleness: v.stale,
		Down: "status change stream interrupted; REST status lookups go to the accreditation service until it is back",
		Back: "status change stream connected again; REST status lookups are answered from memory",
	}
	f.Run(ctx)
}

func (v *statusView) setLive(live bool) {
	v.mu.Lock()
	v.live = live
	v.mu.Unlock()
}

// open opens the stream after the last applied change; its recv applies the next change.
func (v *statusView) open(ctx context.Context) (func() error, error) {
	actx, err := v.withAuth(ctx)
	if err != nil {
		return nil, err
	}
	v.mu.RLock()
	after := v.after
	v.mu.RUnlock()
	stream, err := v.client.WatchStatusChanges(actx, &accreditationv1.WatchStatusChangesRequest{
		Start: &accreditationv1.WatchStatusChangesRequest_AfterSequence{AfterSequence: after},
	})
	if err != nil {
		return nil, err
	}
	return func() error {
		msg, err := stream.Recv()
		if err != nil {
			return err
		}
		v.apply(msg.GetStatusChange())
		return nil
	}, nil
}

func (v *statusView) apply(ch *accreditationv1.StatusChange) {
	org := ch.GetOrganizationId()
	body := v.render(org, ch.GetStatus())
	v.mu.Lock()
	defer v.mu.Unlock()
	if ch.GetSequence() <= v.after {
		return // applied before a reconnect
	}
	v.after = ch.GetSequence()
	v.gen++
	if _, known := v.entries[org]; !known && len(v.entries) >= v.limit {
		return // not remembered, so nothing stale is left behind either
	}
	v.entries[org] = viewEntry{body: body, gen: v.gen}
}

func (v *statusView) reset() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.entries = map[string]viewEntry{}
	v.after = 0
	v.gen++
	v.resets++
}
