package app

import (
	"context"
	"fmt"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// StatusLookup answers "does this organization hold status right now?".
// The hot path puts caches in front of the store; both answer NONE for an
// organization they have no record of.
type StatusLookup interface {
	Status(ctx context.Context, org string) (domain.Status, error)
	Statuses(ctx context.Context, orgs []string) ([]domain.Status, error)
}

// Invalidator is implemented by status lookups that cache: the use cases
// tell it at once about the changes they commit, so this process never
// serves a stale status after its own write; other replicas learn from the
// change log.
type Invalidator interface {
	Invalidate(ctx context.Context, org string)
}

func (s *Service) changed(ctx context.Context, orgs ...string) {
	if inv, ok := s.statuses.(Invalidator); ok {
		for _, o := range orgs {
			inv.Invalidate(ctx, o)
		}
	}
	s.changes.Notify()
}

// StoreStatuses reads statuses straight from the store.
type StoreStatuses struct{ Store Store }

// Status implements StatusLookup.
func (l StoreStatuses) Status(ctx context.Context, org string) (domain.Status, error) {
	return l.Store.Status(ctx, org)
}

// Statuses implements StatusLookup, in the order asked.
func (l StoreStatuses) Statuses(ctx context.Context, orgs []string) ([]domain.Status, error) {
	m, err := l.Store.Statuses(ctx, orgs)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Status, len(orgs))
	for i, o := range orgs {
		st, ok := m[o]
		if !ok {
			st = domain.NoStatus(o)
		}
		out[i] = st
	}
	return out, nil
}

// MaxBatch is the most statuses one batch lookup returns.
const MaxBatch = 1000

// ConsultativeStatus is anyone's lookup of one organization's status.
func (s *Service) ConsultativeStatus(ctx context.Context, org string) (domain.Status, error) {
	if org == "" {
		return domain.Status{}, domain.Invalid("organization_id", "is required")
	}
	return s.statuses.Status(ctx, org)
}

// ConsultativeStatuses looks up to 1,000 organizations at once, in order.
func (s *Service) ConsultativeStatuses(ctx context.Context, orgs []string) ([]domain.Status, error) {
	if len(orgs) == 0 || len(orgs) > MaxBatch {
		return nil, domain.Invalid("organization_ids", fmt.Sprintf("give 1 to %d ids", MaxBatch))
	}
	seen := make(map[string]bool, len(orgs))
	for i, o := range orgs {
		if o == "" || seen[o] {
			return nil, domain.Invalid(fmt.Sprintf("organization_ids[%d]", i), "is empty or repeated")
		}
		seen[o] = true
	}
	return s.statuses.Statuses(ctx, orgs)
}
