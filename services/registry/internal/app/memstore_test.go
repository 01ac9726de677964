package app

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// memStore is the simplest store that keeps the port's promises, so the use cases can be tested
// without a database. Search matches every word as a substring, enough for the rules under test.
type memStore struct {
	mu          sync.Mutex
	orgs        map[string]domain.Organization
	committees  map[string]domain.NgoCommittee
	focalPoints []domain.FocalPoint
	partners    []domain.Partnership
	log         map[RequestKey][]byte
	cursor      uint64
}

func newMemStore() *memStore {
	return &memStore{orgs: map[string]domain.Organization{}, committees: map[string]domain.NgoCommittee{}, log: map[RequestKey][]byte{}}
}

func (m *memStore) LookupRequest(_ context.Context, key RequestKey, answer any) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.log[key]
	if !ok {
		return false, nil
	}
	return true, json.Unmarshal(b, answer)
}

func (m *memStore) remember(key RequestKey, v any) {
	if key.RequestID != "" {
		b, _ := json.Marshal(v)
		m.log[key] = b
	}
}

func (m *memStore) CreateOrganization(_ context.Context, o domain.Organization, opts CreateOrganizationOptions) (domain.Organization, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if opts.RejectDuplicates {
		for _, e := range m.orgs {
			if e.NormalizedName() == o.NormalizedName() && e.Country == o.Country {
				return domain.Organization{}, &domain.DuplicateError{ExistingID: e.ID, ExistingName: e.Name, Country: e.Country}
			}
		}
	}
	m.orgs[o.ID] = o
	m.remember(opts.Request, o)
	return o, nil
}

func (m *memStore) GetOrganization(_ context.Context, id string) (domain.Organization, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	o, ok := m.orgs[id]
	if !ok {
		return o, &domain.NotFoundError{Kind: "organization", ID: id}
	}
	return o, nil
}

func (m *memStore) BatchGetOrganizations(_ context.Context, ids []string) ([]domain.Organization, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []domain.Organization
	for _, id := range ids {
		if o, ok := m.orgs[id]; ok {
			out = append(out, o)
		}
	}
	return out, nil
}

func (m *memStore) UpdateOrganization(_ context.Context, id string, change func(*domain.Organization) error) (domain.Organization, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	o, ok := m.orgs[id]
	if !ok {
		return o, &domain.NotFoundError{Kind: "organization", ID: id}
	}
	o.SDGs = slices.Clone(o.SDGs)
	if err := change(&o); err != nil {
		return domain.Organization{}, err
	}
	m.orgs[id] = o
	return o, nil
}

func (m *memStore) SearchOrganizations(_ context.Context, q OrganizationQuery) ([]domain.Organization, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []domain.Organization
	for _, o := range m.orgs {
		text := strings.ToLower(o.Name + " " + o.Acronym + " " + o.Description)
		ok := (q.Country == "" || o.Country == q.Country) &&
			(q.StakeholderGroup == 0 || o.StakeholderGroup == q.StakeholderGroup) &&
			(len(q.SDGs) == 0 || domain.SDGMask(o.SDGs)&domain.SDGMask(q.SDGs) != 0) &&
			(q.StatusCategory == 0 || o.Status.SearchCategory() == q.StatusCategory)
		for _, w := range SearchWords(q.Text) {
			ok = ok && strings.Contains(text, w)
		}
		if ok && q.After != nil {
			c := CursorOf(o)
			if q.Order == ByName {
				ok = cmp.Or(cmp.Compare(c.NameKey, q.After.NameKey), cmp.Compare(c.ID, q.After.ID)) > 0
			} else {
				ok = cmp.Or(cmp.Compare(c.UpdateMicros, q.After.UpdateMicros), cmp.Compare(c.ID, q.After.ID)) < 0
			}
		}
		if ok {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b domain.Organization) int {
		ca, cb := CursorOf(a), CursorOf(b)
		if q.Order == ByName {
			return cmp.Or(cmp.Compare(ca.NameKey, cb.NameKey), cmp.Compare(ca.ID, cb.ID))
		}
		return -cmp.Or(cmp.Compare(ca.UpdateMicros, cb.UpdateMicros), cmp.Compare(ca.ID, cb.ID))
	})
	return out[:min(len(out), q.Limit)], nil
}

func (m *memStore) OrganizationCreatedBy(_ context.Context, subject string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, o := range m.orgs {
		if o.CreatedBy == subject {
			return o.ID, true, nil
		}
	}
	return "", false, nil
}

func (m *memStore) CreateCommittee(_ context.Context, c domain.NgoCommittee, req RequestKey) (domain.NgoCommittee, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.committees[c.ID] = c
	m.remember(req, c)
	return c, nil
}

func (m *memStore) GetCommittee(_ context.Context, id string) (domain.NgoCommittee, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.committees[id]
	if !ok {
		return c, &domain.NotFoundError{Kind: "committee", ID: id}
	}
	return c, nil
}

func (m *memStore) UpdateCommittee(_ context.Context, id string, change func(*domain.NgoCommittee) (bool, error)) (domain.NgoCommittee, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.committees[id]
	if !ok {
		return c, &domain.NotFoundError{Kind: "committee", ID: id}
	}
	c.Members = slices.Clone(c.Members)
	changed, err := change(&c)
	if err != nil {
		return domain.NgoCommittee{}, err
	}
	if changed {
		m.committees[id] = c
	}
	return c, nil
}

func (m *memStore) ListCommittees(_ context.Context, q CommitteeQuery) ([]domain.NgoCommittee, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []domain.NgoCommittee
	for _, c := range m.committees {
		if (q.Kind == 0 || c.Kind == q.Kind) && (q.MemberOrgID == "" || c.HasMember(q.MemberOrgID)) &&
			(q.After == nil || cmp.Or(cmp.Compare(CommitteeNameKey(c.Name), q.After.Key), cmp.Compare(c.ID, q.After.ID)) > 0) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b domain.NgoCommittee) int {
		return cmp.Or(cmp.Compare(CommitteeNameKey(a.Name), CommitteeNameKey(b.Name)), cmp.Compare(a.ID, b.ID))
	})
	return out[:min(len(out), q.Limit)], nil
}

func (m *memStore) CreateFocalPoint(_ context.Context, f domain.FocalPoint, req RequestKey) (domain.FocalPoint, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.focalPoints = append(m.focalPoints, f)
	m.remember(req, f)
	return f, nil
}

func (m *memStore) ListFocalPoints(_ context.Context, q FocalPointQuery) ([]domain.FocalPoint, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	key := func(f domain.FocalPoint) FocalPointCursor {
		return FocalPointCursor{EntityKey(f.UNEntity), f.Name, f.ID}
	}
	less := func(a, b FocalPointCursor) int {
		return cmp.Or(cmp.Compare(a.Entity, b.Entity), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	}
	var out []domain.FocalPoint
	for _, f := range m.focalPoints {
		if (q.UNEntity == "" || EntityKey(f.UNEntity) == q.UNEntity) && (q.After == nil || less(key(f), *q.After) > 0) {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b domain.FocalPoint) int { return less(key(a), key(b)) })
	return out[:min(len(out), q.Limit)], nil
}

func (m *memStore) CreatePartnership(_ context.Context, p domain.Partnership, req RequestKey) (domain.Partnership, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.partners = append(m.partners, p)
	m.remember(req, p)
	return p, nil
}

func (m *memStore) ListPartnerships(_ context.Context, q PartnershipQuery) ([]domain.Partnership, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	order := func(a, b domain.Partnership) int {
		return -cmp.Or(cmp.Compare(DateKey(a.StartDate), DateKey(b.StartDate)), cmp.Compare(a.ID, b.ID))
	}
	var out []domain.Partnership
	for _, p := range m.partners {
		if (q.OrganizationID == "" || p.OrganizationID == q.OrganizationID) && (q.UNEntity == "" || EntityKey(p.UNEntity) == q.UNEntity) &&
			(q.After == nil || order(p, domain.Partnership{StartDate: domain.Date{Year: q.After.Start / 10000, Month: q.After.Start / 100 % 100, Day: q.After.Start % 100}, ID: q.After.ID}) > 0) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, order)
	return out[:min(len(out), q.Limit)], nil
}

func (m *memStore) ApplyStatusChange(_ context.Context, ch domain.StatusChange) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if ch.Sequence <= m.cursor {
		return false, nil
	}
	if o, ok := m.orgs[ch.OrganizationID]; ok {
		o.Status = ch.Status
		m.orgs[o.ID] = o
	}
	m.cursor = ch.Sequence
	return true, nil
}

func (m *memStore) StatusCursor(context.Context) (uint64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.cursor, nil
}

func (m *memStore) ResetStatusMirror(context.Context) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var cleared []string
	for id, o := range m.orgs {
		if o.Status != domain.NoStatus {
			o.Status = domain.NoStatus
			m.orgs[id] = o
			cleared = append(cleared, id)
		}
	}
	m.cursor = 0
	return cleared, nil
}
