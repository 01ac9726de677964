package accreditation

import (
	"context"
	"log/slog"
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
	statuses changestream.Copy[domain.ConsultativeStatus]
	follower changestream.Follower

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

// NewStatusCache builds the cache over a connection to the accreditation service. withAuth
// adds the service's own credentials to the stream's context (the stream is open to system
// callers only); nil sends none.
func NewStatusCache(conn grpc.ClientConnInterface, log *slog.Logger, withAuth func(context.Context) (context.Context, error)) *StatusCache {
	c := &StatusCache{client: accreditationv1.NewAccreditationServiceClient(conn), lookup: NewStatusClient(conn)}
	c.follower = changestream.Follower{
		Open: c.open, Credentials: withAuth, SetLive: c.statuses.SetLive, Reset: c.statuses.Reset,
		// Long enough for the backlog since the last applied change to arrive.
		Settle: 300 * time.Millisecond, Log: log, Staleness: changestream.NewStaleness(),
		Down: "status change stream interrupted; status lookups go to the accreditation service until it is back",
		Back: "status change stream connected again; statuses are served from memory",
	}
	return c
}

// Lag is how long the cache has been out of step with the change stream (0 while it follows).
func (c *StatusCache) Lag() time.Duration { return c.follower.Staleness.Lag() }

// ConsultativeStatus implements app.StatusChecker.
func (c *StatusCache) ConsultativeStatus(ctx context.Context, org string) (domain.ConsultativeStatus, error) {
	if st, live, known := c.statuses.Get(org); live && known {
		return st, nil
	}
	t := c.statuses.Ticket()
	st, err := c.lookup.ConsultativeStatus(ctx, org)
	if err == nil {
		c.statuses.Keep(org, st, t)
	}
	return st, err
}

// Run follows the change stream until ctx ends, reconnecting with backoff after any failure.
func (c *StatusCache) Run(ctx context.Context) { c.follower.Run(ctx) }

// open opens the stream after the last applied change.
func (c *StatusCache) open(ctx context.Context) (func() error, error) {
	stream, err := c.client.WatchStatusChanges(ctx, &accreditationv1.WatchStatusChangesRequest{
		Start: &accreditationv1.WatchStatusChangesRequest_AfterSequence{AfterSequence: c.statuses.After()},
	})
	if err != nil {
		return nil, err
	}
	return changestream.Receive(stream, func(msg *accreditationv1.WatchStatusChangesResponse) error {
		return c.apply(ctx, msg.GetStatusChange())
	}), nil
}

func (c *StatusCache) apply(ctx context.Context, ch *accreditationv1.StatusChange) error {
	org, st := ch.GetOrganizationId(), FromProto(ch.GetOrganizationId(), ch.GetStatus())
	if c.onChange != nil && ch.GetSequence() > c.statuses.After() {
		if err := c.onChange(ctx, ch.GetSequence(), st); err != nil {
			return err
		}
	}
	if c.statuses.Apply(ch.GetSequence(), org, st) && c.OnLoss != nil {
		switch ch.GetKind() {
		case accreditationv1.StatusChange_KIND_SUSPENDED, accreditationv1.StatusChange_KIND_WITHDRAWN:
			c.OnLoss(ctx, org, LossReason(ch))
		}
	}
	return nil
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
