package sqlstore

import (
	"context"
	"database/sql"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// batchFacts are the admission facts of a batch's organizations and people. They are read in one
// query when the batch starts, then kept up to date in memory as each registration is admitted,
// so that every registration sees the ones before it in the batch, as it would have seen them
// committed had it run alone.
type batchFacts struct {
	orgLive    map[string]int  // live (confirmed or waitlisted) registrations per organization
	emailTaken map[string]bool // normalized addresses holding a live registration
	accredited map[string]bool // organizations with an approved accreditation request
}

// readFacts reads the facts of the registrations in batch that are still to be decided.
func (s *Store) readFacts(ctx context.Context, tx *sql.Tx, eventID string, batch []*admission) (*batchFacts, error) {
	f, query, args := s.factsQuery(eventID, batch)
	if query == "" {
		return f, nil
	}
	rows, err := tx.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, n int
		var value string
		if err := rows.Scan(&kind, &value, &n); err != nil {
			return nil, err
		}
		f.add(kind, value, n)
	}
	return f, rows.Err()
}

// factsQuery returns empty facts and the query that fills them (its rows are kind, value, n; see
// add), or no query when no registration is pending.
func (s *Store) factsQuery(eventID string, batch []*admission) (*batchFacts, string, []any) {
	f := &batchFacts{orgLive: map[string]int{}, emailTaken: map[string]bool{}, accredited: map[string]bool{}}
	var orgs, emails []string
	seenOrg, seenEmail := map[string]bool{}, map[string]bool{}
	for _, a := range batch {
		if !a.pending() {
			continue
		}
		if org := a.r.OrganizationID; !seenOrg[org] {
			seenOrg[org] = true
			orgs = append(orgs, org)
		}
		if email := a.email(); !seenEmail[email] {
			seenEmail[email] = true
			emails = append(emails, email)
		}
	}
	if len(orgs) == 0 {
		return f, "", nil
	}
	orgArgs, emailArgs := padded(orgs), padded(emails)
	// One round trip for the three counts the rules need; the first column says which one a row is.
	query := `SELECT 1, organization_id, COUNT(*) FROM registrations
			WHERE event_id = ? AND state IN (1, 2) AND organization_id IN (` + placeholders(len(orgArgs)) + `) GROUP BY organization_id
		UNION ALL SELECT 2, email_lower, 1 FROM registrations
			WHERE event_id = ? AND state IN (1, 2) AND email_lower IN (` + placeholders(len(emailArgs)) + `)
		UNION ALL SELECT 3, organization_id, 1 FROM accreditation_requests
			WHERE event_id = ? AND state = 2 AND organization_id IN (` + placeholders(len(orgArgs)) + `)`
	args := append(append(append(append(append([]any{eventID}, orgArgs...), eventID), emailArgs...), eventID), orgArgs...)
	return f, query, args
}

// add records one row of the facts query.
func (f *batchFacts) add(kind int, value string, n int) {
	switch kind {
	case 1:
		f.orgLive[value] = n
	case 2:
		f.emailTaken[value] = true
	case 3:
		f.accredited[value] = true
	}
}

// admission gives a's decide the facts as they stand now; e is a copy decide may not change.
func (f *batchFacts) admission(e domain.Event, a *admission) domain.Admission {
	return domain.Admission{
		Event:              &e,
		OrganizationLive:   f.orgLive[a.r.OrganizationID],
		EmailTaken:         f.emailTaken[a.email()],
		AccreditedForEvent: f.accredited[a.r.OrganizationID],
	}
}

// admitted counts a's registration in the facts of the registrations after it.
func (f *batchFacts) admitted(a *admission) {
	f.orgLive[a.r.OrganizationID]++
	f.emailTaken[a.email()] = true
}

// padded returns vals as query arguments, repeating the last one up to a power of two: an IN
// list of any length would make a new prepared statement on every connection for each length.
func padded(vals []string) []any {
	size := 1
	for size < len(vals) {
		size *= 2
	}
	out := make([]any, size)
	for i := range out {
		out[i] = vals[min(i, len(vals)-1)]
	}
	return out
}
