package accreditation

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"google.golang.org/grpc"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/changestream"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// StatusCache answers status lookups from memory, kept current by the accreditation service's
// change stream, so that a registration usually costs no network call and a suspension is seen
// as soon as it is published (the stream delivers changes within a second).
//
// It trusts its memory only while the stream is connected: when the stream is down it asks the
// accreditation service on every lookup (and is UNAVAILABLE if that fails too), so an answer is
// never older than the stream's delivery delay. An organization it has not seen a change for is
// looked up once and then followed through the stream.
type StatusCache struct {
	client   accreditationv1.AccreditationServiceClient
	lookup   *StatusClient
	log      *slog.Logger
	withAuth func(context.Context) (context.Context, error)
	stale    *changestream.Staleness

	mu       sync.Mutex
	live     bool
	statuses map[string]domain.ConsultativeStatus
	changed  map[string]uint64 // organization -> generation of the last change applied
	gen      uint64            // counts applied changes, to spot a lookup overtaken by a change
	after    uint64            // sequence of the last change applied, to resume the stream

	// onChange, when set, sees every change before the cache applies it (see OnChange).
	onChange func(ctx context.Context, seq uint64, st domain.ConsultativeStatus) error

	// OnLoss, when set, is told of every suspension or withdrawal the stream delivers, with the
	// reason in words (decision and grounds), after the cache has applied it.
	OnLoss func(ctx context.Context, org, reason string)
}

// OnChange makes fn see every change of the stream, in order, before the cache applies it; an
// error from fn drops the connection, and the change is delivered again after the reconnect.
// Changes replayed after a reset reach fn again, so fn must ignore a sequence it has applied.
// Call it before Run.
func (c *StatusCache) OnChange(fn func(ctx context.Context, seq uint64, st domain.ConsultativeStatus) error) {
	c.onChange = fn
}

// settle is how long a newly opened stream must stay up before the cache trusts its memory:
// long enough for the backlog since the last applied change to arrive.
const settle = 300 * time.Millisecond

// NewStatusCache builds the cache over a connection to the accreditation service. withAuth
// adds the service's own credentials to the stream's context (the stream is open to system
// callers only); nil sends none.
func NewStatusCache(conn grpc.ClientConnInterface, log *slog.Logger, withAuth func(context.Context) (context.Context, error)) *StatusCache {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if withAuth == nil {
		withAuth = func(ctx context.Context) (context.Context, error) { return ctx, nil }
	}
	return &StatusCache{
		client: accreditationv1.NewAccreditationServiceClient(conn), lookup: NewStatusClient(conn), log: log, withAuth: withAuth,
		statuses: map[string]domain.ConsultativeStatus{}, changed: map[string]uint64{}, stale: changestream.NewStaleness(),
	}
}

// Lag is how long the cache has been out of step with the change stream (0 while it follows).
func (c *StatusCache) Lag() time.Duration { return c.stale.Lag() }

// ConsultativeStatus implements app.StatusChecker.
func (c *StatusCache) ConsultativeStatus(ctx context.Context, org string) (domain.ConsultativeStatus, error) {
	c.mu.Lock()
	st, known := c.statuses[org]
	live, gen := c.live, c.gen
	c.mu.Unlock()
	if live && known {
		return st, nil
	}
	st, err := c.lookup.ConsultativeStatus(ctx, org)
	if err != nil {
		return st, err
	}
	c.mu.Lock()
	// Keep the answer only if the stream is up and no change for this organization arrived
	// while we asked: otherwise the stream's value is the newer one.
	if c.live && c.changed[org] <= gen {
		c.statuses[org] = st
	}
	c.mu.Unlock()
	return st, nil
}

// Run follows the change stream until ctx ends, reconnecting with backoff after any failure.
func (c *StatusCache) Run(ctx context.Context) {
	f := &changestream.Follower{
		Open: c.open, SetLive: c.setLive, Reset: c.reset, Settle: settle, Log: c.log, Staleness: c.stale,
		Down: "status change stream interrupted; status lookups go to the accreditation service until it is back",
		Back: "status change stream connected again; statuses are served from memory",
	}
	f.Run(ctx)
}

func (c *StatusCache) setLive(v bool) {
	c.mu.Lock()
	c.live = v
	c.mu.Unlock()
}

// open opens the stream after the last applied change; its recv applies the next change.
func (c *StatusCache) open(ctx context.Context) (func() error, error) {
	actx, err := c.withAuth(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	after := c.after
	c.mu.Unlock()
	stream, err := c.client.WatchStatusChanges(actx, &accreditationv1.WatchStatusChangesRequest{
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
		ch := msg.GetStatusChange()
		if c.onChange != nil {
			c.mu.Lock()
			fresh := ch.GetSequence() > c.after
			c.mu.Unlock()
			if fresh {
				if err := c.onChange(ctx, ch.GetSequence(), FromProto(ch.GetOrganizationId(), ch.GetStatus())); err != nil {
					return err
				}
			}
		}
		if c.apply(ch) && c.OnLoss != nil {
			switch ch.GetKind() {
			case accreditationv1.StatusChange_KIND_SUSPENDED, accreditationv1.StatusChange_KIND_WITHDRAWN:
				c.OnLoss(ctx, ch.GetOrganizationId(), LossReason(ch))
			}
		}
		return nil
	}, nil
}

func (c *StatusCache) apply(ch *accreditationv1.StatusChange) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch.GetSequence() <= c.after {
		return false // already applied before a reconnect
	}
	org := ch.GetOrganizationId()
	c.gen++
	c.after = ch.GetSequence()
	c.statuses[org] = FromProto(org, ch.GetStatus())
	c.changed[org] = c.gen
	return true
}

// LossReason says in words why a status was suspended or withdrawn, from the change: what
// happened, by which ECOSOC decision, and on which grounds.
func LossReason(ch *accreditationv1.StatusChange) string {
	what := "consultative status suspended"
	if ch.GetKind() == accreditationv1.StatusChange_KIND_WITHDRAWN {
		what = "consultative status withdrawn"
	}
	if d := ch.GetDecisionSymbol(); d != "" {
		what += " by ECOSOC decision " + d
	}
	switch ch.GetReason() {
	case accreditationv1.StatusReason_STATUS_REASON_REPORTING_2008_4:
		what += " (quadrennial report overdue, resolution 2008/4)"
	case accreditationv1.StatusReason_STATUS_REASON_CEASED_TO_EXIST:
		what += " (the organization ceased to exist)"
	case accreditationv1.StatusReason_STATUS_REASON_ORGANIZATION_REQUEST:
		what += " (at the organization's request)"
	case accreditationv1.StatusReason_STATUS_REASON_SANCTION_1996_31:
		what += " (resolution 1996/31)"
	}
	return what
}

func (c *StatusCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.statuses = map[string]domain.ConsultativeStatus{}
	c.changed = map[string]uint64{}
	c.after = 0
	c.gen++
}
