package app

import (
	"context"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// CreatePartnership records a partnership between an organization in the directory and a UN entity.
func (a *App) CreatePartnership(ctx context.Context, actor Actor, p domain.Partnership, requestID string) (domain.Partnership, error) {
	key := RequestKey{Caller: actor.Subject, Method: MethodCreatePartnership, RequestID: requestID, Target: p.OrganizationID}
	if requestID != "" {
		var first domain.Partnership
		if found, err := a.store.LookupRequest(ctx, key, &first); err != nil || found {
			return first, err
		}
	}
	now := a.now()
	p.ID = domain.NewID("par", now)
	p.CreateTime, p.UpdateTime, p.Revision = now, now, 1
	if err := p.Validate(); err != nil {
		return domain.Partnership{}, err
	}
	if _, err := a.store.GetOrganization(ctx, p.OrganizationID); err != nil {
		return domain.Partnership{}, err
	}
	return a.store.CreatePartnership(ctx, p, key)
}

// ListPartnershipsRequest is one page of partnerships.
type ListPartnershipsRequest struct {
	OrganizationID string
	UNEntity       string
	PageSize       int
	PageToken      string
}

// ListPartnerships lists partnerships, most recent start first; anyone may read them.
func (a *App) ListPartnerships(ctx context.Context, req ListPartnershipsRequest) ([]domain.Partnership, string, error) {
	size, err := pageSize(req.PageSize)
	if err != nil {
		return nil, "", err
	}
	entity := EntityKey(req.UNEntity)
	filter := "par|" + req.OrganizationID + "|" + entity
	after, err := decodePage[PartnershipCursor](a, req.PageToken, filter)
	if err != nil {
		return nil, "", err
	}
	rows, err := a.store.ListPartnerships(ctx, PartnershipQuery{OrganizationID: req.OrganizationID, UNEntity: entity, After: after, Limit: size + 1})
	if err != nil {
		return nil, "", err
	}
	return nextPage(a, rows, size, filter, func(p domain.Partnership) PartnershipCursor {
		return PartnershipCursor{Start: DateKey(p.StartDate), ID: p.ID}
	})
}

// DateKey packs a date as YYYYMMDD, the order partnerships are listed in.
func DateKey(d domain.Date) int { return d.Year*10000 + d.Month*100 + d.Day }
