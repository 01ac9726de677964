package app

import (
	"context"
	"strings"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// CreateFocalPoint records the liaison officer NGOs contact at a UN entity.
func (a *App) CreateFocalPoint(ctx context.Context, actor Actor, f domain.FocalPoint, requestID string) (domain.FocalPoint, error) {
	key := RequestKey{Caller: actor.Subject, Method: MethodCreateFocalPoint, RequestID: requestID}
	if requestID != "" {
		var first domain.FocalPoint
		if found, err := a.store.LookupRequest(ctx, key, &first); err != nil || found {
			return first, err
		}
	}
	now := a.now()
	f.ID = domain.NewID("fp", now)
	f.CreateTime, f.UpdateTime, f.Revision = now, now, 1
	if err := f.Validate(); err != nil {
		return domain.FocalPoint{}, err
	}
	return a.store.CreateFocalPoint(ctx, f, key)
}

// ListFocalPointsRequest is one page of focal points.
type ListFocalPointsRequest struct {
	UNEntity  string
	PageSize  int
	PageToken string
}

// ListFocalPoints lists focal points by UN entity, then name; anyone may read them.
func (a *App) ListFocalPoints(ctx context.Context, req ListFocalPointsRequest) ([]domain.FocalPoint, string, error) {
	size, err := pageSize(req.PageSize)
	if err != nil {
		return nil, "", err
	}
	entity := EntityKey(req.UNEntity)
	filter := "fp|" + entity
	after, err := decodePage[FocalPointCursor](a, req.PageToken, filter)
	if err != nil {
		return nil, "", err
	}
	rows, err := a.store.ListFocalPoints(ctx, FocalPointQuery{UNEntity: entity, After: after, Limit: size + 1})
	if err != nil {
		return nil, "", err
	}
	return nextPage(a, rows, size, filter, func(f domain.FocalPoint) FocalPointCursor {
		return FocalPointCursor{Entity: EntityKey(f.UNEntity), Name: f.Name, ID: f.ID}
	})
}

// EntityKey is how UN entity names are compared: "UNICEF" and "unicef " are the same entity.
func EntityKey(entity string) string { return strings.ToLower(strings.TrimSpace(entity)) }
