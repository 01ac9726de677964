package gateway

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
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
	client  accreditationv1.AccreditationServiceClient
	marshal func(*accreditationv1.ConsultativeStatus) ([]byte, error)
	// bodies holds each organization's answer, or nil when its status must not be served from
	// memory (see servableFromStream): the entry then only records that it is followed.
	bodies   changestream.Copy[[]byte]
	follower changestream.Follower
	// header is what a real answer carries besides its body; nil until one was seen.
	header atomic.Pointer[http.Header]
}

// statusViewLimit bounds the organizations remembered: ids come from callers, and past it new
// organizations simply pass through.
const statusViewLimit = 200_000

func newStatusView(conn grpc.ClientConnInterface, withAuth func(context.Context) (context.Context, error), log *slog.Logger) *statusView {
	m := jsonMarshaler()
	v := &statusView{
		client:  accreditationv1.NewAccreditationServiceClient(conn),
		marshal: func(st *accreditationv1.ConsultativeStatus) ([]byte, error) { return m.Marshal(st) },
		bodies:  changestream.Copy[[]byte]{Limit: statusViewLimit},
	}
	v.follower = changestream.Follower{
		Open: v.open, Credentials: withAuth, SetLive: v.bodies.SetLive, Reset: v.bodies.Reset,
		// Long enough for the backlog since the last applied change to arrive.
		Settle: 300 * time.Millisecond, Log: log, Staleness: changestream.NewStaleness(),
		Down: "status change stream interrupted; REST status lookups go to the accreditation service until it is back",
		Back: "status change stream connected again; REST status lookups are answered from memory",
	}
	return v
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
	body, live, known := v.bodies.Get(org)
	h := v.header.Load()
	switch {
	case !live || h == nil:
		return nil, nil, passNotLive
	case !known:
		return nil, nil, passUnknown
	case body == nil:
		return nil, nil, passUnservable
	default:
		return body, *h, passNone
	}
}

// keep remembers the answer a pass-through got for org, asked since t (see Copy.Keep), and the
// headers it came with (grpc-gateway's Content-Type and the service's metadata), so that
// answers from memory carry the same.
func (v *statusView) keep(org string, st *accreditationv1.ConsultativeStatus, header http.Header, t changestream.Ticket) {
	v.header.Store(&header)
	v.bodies.Keep(org, v.render(org, st), t)
}

// Run follows the change stream until ctx ends, reconnecting with backoff after any failure.
func (v *statusView) Run(ctx context.Context) { v.follower.Run(ctx) }

// open opens the stream after the last applied change.
func (v *statusView) open(ctx context.Context) (func() error, error) {
	stream, err := v.client.WatchStatusChanges(ctx, &accreditationv1.WatchStatusChangesRequest{
		Start: &accreditationv1.WatchStatusChangesRequest_AfterSequence{AfterSequence: v.bodies.After()},
	})
	if err != nil {
		return nil, err
	}
	return changestream.Receive(stream, func(msg *accreditationv1.WatchStatusChangesResponse) error {
		v.apply(msg.GetStatusChange())
		return nil
	}), nil
}

func (v *statusView) apply(ch *accreditationv1.StatusChange) {
	v.bodies.Apply(ch.GetSequence(), ch.GetOrganizationId(), v.render(ch.GetOrganizationId(), ch.GetStatus()))
}
