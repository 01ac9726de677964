package sqlstore

import (
	"context"
	"database/sql"

	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

const proposalColumns = `p.seq, p.id, p.event_id, p.organization_id, p.organization_name, p.title, p.description, p.co_organizers,
	p.preferred_start_us, p.preferred_end_us, p.time_zone, p.online_url, p.registration_url, p.state, p.rejection_reason,
	p.side_event_id, p.create_us, p.update_us, p.revision`

func scanProposal(row rowScanner) (domain.SideEventProposal, error) {
	var p domain.SideEventProposal
	var co string
	var start, end, created, updated int64
	err := row.Scan(&p.Arrival, &p.ID, &p.EventID, &p.OrganizationID, &p.OrganizationName, &p.Title, &p.Description, &co,
		&start, &end, &p.TimeZone, &p.OnlineURL, &p.RegistrationURL, &p.State, &p.RejectionReason,
		&p.SideEventID, &created, &updated, &p.Revision)
	if err != nil {
		return p, err
	}
	p.PreferredStart, p.PreferredEnd, p.Created, p.Updated = fromMicros(start), fromMicros(end), fromMicros(created), fromMicros(updated)
	p.CoOrganizers, err = decodeOrganizers(co)
	if len(p.CoOrganizers) == 0 {
		p.CoOrganizers = nil
	}
	return p, err
}

// CreateProposal stores a new proposal; a second one by the organization for the same meeting is
// refused, whatever became of the first.
func (s *Store) CreateProposal(ctx context.Context, p *domain.SideEventProposal, key app.RequestKey) error {
	co := encodeOrganizers(p.CoOrganizers)
	return s.insertOwned(ctx, key, p.ID, p.Created, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, s.q(`INSERT INTO side_event_proposals (id, event_id, organization_id, organization_name,
			title, description, co_organizers, preferred_start_us, preferred_end_us, time_zone, online_url, registration_url,
			state, rejection_reason, side_event_id, create_us, update_us, revision)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`),
			p.ID, p.EventID, p.OrganizationID, p.OrganizationName, p.Title, p.Description, co,
			micros(p.PreferredStart), micros(p.PreferredEnd), p.TimeZone, p.OnlineURL, p.RegistrationURL,
			p.State, p.RejectionReason, p.SideEventID, micros(p.Created), micros(p.Updated), p.Revision).Scan(&p.Arrival)
	}, domain.AlreadyExists(domain.ReasonProposalExists, "organization %s has already proposed a side event for event %s", p.OrganizationID, p.EventID))
}

// GetProposal reads one proposal.
func (s *Store) GetProposal(ctx context.Context, id string) (domain.SideEventProposal, error) {
	p, err := scanProposal(s.db.QueryRowContext(ctx, s.q("SELECT "+proposalColumns+" FROM side_event_proposals p WHERE p.id = ?"), id))
	return p, notFoundOr(err, "side-event proposal", id)
}

// ListProposals returns proposals oldest first.
func (s *Store) ListProposals(ctx context.Context, f app.OwnedFilter, pg app.Page) ([]domain.SideEventProposal, int, error) {
	return listOwned(ctx, s, "side_event_proposals", "p", proposalColumns, scanProposal, f, pg)
}

// DecideProposal locks the proposal, reads its meeting, lets decide change the proposal and
// creates the side event decide returns, all in one transaction.
func (s *Store) DecideProposal(ctx context.Context, id string, key app.RequestKey, decide func(*domain.SideEventProposal, *domain.Event) (*domain.Event, error)) (domain.SideEventProposal, *domain.Event, error) {
	var p domain.SideEventProposal
	var side *domain.Event
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		found, err := s.lockRow(ctx, tx, "side_event_proposals", id)
		if err != nil {
			return err
		}
		if !found {
			return domain.NotFound("side-event proposal", id)
		}
		if p, err = scanProposal(tx.QueryRowContext(ctx, s.q("SELECT "+proposalColumns+" FROM side_event_proposals p WHERE p.id = ?"), id)); err != nil {
			return err
		}
		// The meeting is locked too (after the proposal, the one order every path takes), so
		// that it cannot be cancelled between the check and the side event's creation.
		if _, err := s.lockRow(ctx, tx, "events", p.EventID); err != nil {
			return err
		}
		meeting, err := s.getEventTx(ctx, tx, p.EventID)
		if err != nil {
			return err
		}
		if side, err = decide(&p, &meeting); err != nil {
			return err
		}
		p.Revision++
		if _, err := tx.ExecContext(ctx, s.q("UPDATE side_event_proposals SET state = ?, rejection_reason = ?, side_event_id = ?, update_us = ?, revision = ? WHERE id = ?"),
			p.State, p.RejectionReason, p.SideEventID, micros(p.Updated), p.Revision, p.ID); err != nil {
			return err
		}
		if side != nil {
			if err := s.insertEvent(ctx, tx, side); err != nil {
				return err
			}
		}
		if err := s.notifyDecided(ctx, tx, p, meeting, side); err != nil {
			return err
		}
		return s.remember(ctx, tx, key, p.ID, p.Updated)
	})
	return p, side, err
}

// notifyDecided writes, in the decision's transaction, the notice that tells the proposing
// organization its side event was approved (linking to it) or declined (with the reason).
func (s *Store) notifyDecided(ctx context.Context, tx *sql.Tx, p domain.SideEventProposal, meeting domain.Event, side *domain.Event) error {
	n := notify.Notice{Key: "proposal:" + p.ID + ":decided", Recipient: "organization:" + p.OrganizationID, Topic: p.ID,
		Params: map[string]string{"title": p.Title, "meeting": meeting.Title}}
	switch {
	case p.State == domain.ProposalApproved && side != nil:
		n.Kind, n.Link = notify.KindProposalApproved, "/portal/events/"+side.ID
		n.Params["startdate"] = side.Start.UTC().Format("2006-01-02")
	case p.State == domain.ProposalRejected:
		n.Kind, n.Link = notify.KindProposalRejected, "/portal/events/"+meeting.ID
		n.Params["reason"] = p.RejectionReason
	default:
		return nil
	}
	return notify.Enqueue(ctx, tx, s.dialect(), n, p.Updated)
}

func (s *Store) dialect() sqldb.Dialect { return s.db.Dialect() }
