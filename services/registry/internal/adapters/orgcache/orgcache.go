// Package orgcache puts a read-through cache in front of the registry's store for the read every
// other service makes most: one organization's profile. It decorates the same store port as the
// database, so the use cases cannot tell it is there; it invalidates on every write, and when the
// cache fails the profile is read from the database instead (the platform's ReadThrough logs the
// outage once and counts every failure).
package orgcache

import (
	"context"
	"log/slog"
	"time"

	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// TTL bounds how long a profile can stay stale if an invalidation is lost (e.g. the cache was
// unreachable at the moment of the write).
const TTL = time.Minute

// keyPrefix versions the encoding: a change to the record bumps it, so old entries are never read.
const keyPrefix = "registry:organization:v1:"

// Store is the caching decorator.
type Store struct {
	app.Store
	profiles *cache.ReadThrough
}

// New decorates next with c.
func New(next app.Store, c cache.Cache, logger *slog.Logger) *Store {
	return &Store{Store: next, profiles: cache.NewReadThrough(c, cache.ReadThroughOptions{
		Name: "registry_organizations", TTL: TTL, Logger: logger,
	})}
}

func key(id string) string { return keyPrefix + id }

// GetOrganization serves the profile from the cache, loading it from the store on a miss; many
// concurrent misses of one profile share one database read.
func (s *Store) GetOrganization(ctx context.Context, id string) (domain.Organization, error) {
	raw, err := s.profiles.Get(ctx, key(id), func(ctx context.Context) ([]byte, error) {
		o, err := s.Store.GetOrganization(ctx, id)
		if err != nil {
			return nil, err
		}
		return encode(o)
	})
	if err != nil {
		return domain.Organization{}, err
	}
	return decode(raw)
}

// CreateOrganization writes through and drops any entry for the id, so every write invalidates.
func (s *Store) CreateOrganization(ctx context.Context, o domain.Organization, opts app.CreateOrganizationOptions) (domain.Organization, error) {
	created, err := s.Store.CreateOrganization(ctx, o, opts)
	if err == nil {
		s.profiles.Invalidate(ctx, key(created.ID))
	}
	return created, err
}

// UpdateOrganization writes through and then drops the cached profile.
func (s *Store) UpdateOrganization(ctx context.Context, id string, change func(*domain.Organization) error) (domain.Organization, error) {
	o, err := s.Store.UpdateOrganization(ctx, id, change)
	if err == nil {
		s.profiles.Invalidate(ctx, key(id))
	}
	return o, err
}

// Failures reports how many cache calls failed, for tests and diagnostics.
func (s *Store) Failures() int64 { return s.profiles.Failures() }

// ApplyStatusChange writes through and drops the cached profile even when the store skipped the
// change as already applied: another replica may have applied it, and a cache local to this
// process would not have heard.
func (s *Store) ApplyStatusChange(ctx context.Context, ch domain.StatusChange) (bool, error) {
	applied, err := s.Store.ApplyStatusChange(ctx, ch)
	if err == nil {
		s.profiles.Invalidate(ctx, key(ch.OrganizationID))
	}
	return applied, err
}

// ResetStatusMirror writes through and drops the profiles whose status it cleared.
func (s *Store) ResetStatusMirror(ctx context.Context) ([]string, error) {
	cleared, err := s.Store.ResetStatusMirror(ctx)
	if err == nil && len(cleared) > 0 {
		keys := make([]string, len(cleared))
		for i, id := range cleared {
			keys[i] = key(id)
		}
		s.profiles.Invalidate(ctx, keys...)
	}
	return cleared, err
}
