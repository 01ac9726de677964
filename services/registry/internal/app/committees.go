package app

import (
	"context"
	"strconv"
	"strings"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// CreateCommittee records an NGO committee with no members yet.
func (a *App) CreateCommittee(ctx context.Context, actor Actor, c domain.NgoCommittee, requestID string) (domain.NgoCommittee, error) {
	key := RequestKey{Caller: actor.Subject, Method: MethodCreateCommittee, RequestID: requestID}
	if requestID != "" {
		var first domain.NgoCommittee
		if found, err := a.store.LookupRequest(ctx, key, &first); err != nil || found {
			return first, err
		}
	}
	now := a.now()
	c.ID = domain.NewID("com", now)
	c.Members = nil
	c.CreateTime, c.UpdateTime, c.Revision = now, now, 1
	if err := c.Validate(); err != nil {
		return domain.NgoCommittee{}, err
	}
	return a.store.CreateCommittee(ctx, c, key)
}

// GetCommittee returns a committee with its members; anyone may read it.
func (a *App) GetCommittee(ctx context.Context, id string) (domain.NgoCommittee, error) {
	return a.store.GetCommittee(ctx, id)
}

// AddCommitteeMember adds an existing organization to a committee. Adding a member twice changes
// nothing, so a retry is safe; a non-empty etag must be the committee's current one.
func (a *App) AddCommitteeMember(ctx context.Context, actor Actor, committeeID, orgID, etag string) (domain.NgoCommittee, error) {
	if _, err := a.store.GetOrganization(ctx, orgID); err != nil {
		return domain.NgoCommittee{}, err
	}
	now := a.now()
	return a.store.UpdateCommittee(ctx, committeeID, func(c *domain.NgoCommittee) (bool, error) {
		if etag != "" && c.Etag() != etag {
			return false, domain.ErrStaleEtag
		}
		if !c.AddMember(orgID, now) {
			return false, nil
		}
		c.Revision++
		return true, nil
	})
}

// ListCommitteesRequest is one page of committees.
type ListCommitteesRequest struct {
	Kind        domain.CommitteeKind
	MemberOrgID string
	PageSize    int
	PageToken   string
}

// ListCommittees lists committees by name.
func (a *App) ListCommittees(ctx context.Context, req ListCommitteesRequest) ([]domain.NgoCommittee, string, error) {
	size, err := pageSize(req.PageSize)
	if err != nil {
		return nil, "", err
	}
	filter := strings.Join([]string{"com", strconv.Itoa(int(req.Kind)), req.MemberOrgID}, "|")
	after, err := decodePage[NameCursor](a, req.PageToken, filter)
	if err != nil {
		return nil, "", err
	}
	rows, err := a.store.ListCommittees(ctx, CommitteeQuery{Kind: req.Kind, MemberOrgID: req.MemberOrgID, After: after, Limit: size + 1})
	if err != nil {
		return nil, "", err
	}
	return nextPage(a, rows, size, filter, func(c domain.NgoCommittee) NameCursor {
		return NameCursor{Key: CommitteeNameKey(c.Name), ID: c.ID}
	})
}

// CommitteeNameKey is the key committees are ordered by: the name without case or accents.
func CommitteeNameKey(name string) string { return domain.NormalizeName(name) }
