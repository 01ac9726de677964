package app

import (
	"context"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// RequestKey names one create call for retries: the same caller, method and request id get the
// first answer again. An empty RequestID means the caller did not ask for retry safety.
type RequestKey struct {
	Caller    string
	Method    string
	RequestID string
	// Target is the resource acted on, so a request id reused on another one is another request.
	Target string
}

// RequestLog finds the answer a create with the same RequestKey already gave. Stores record the
// answer in the same transaction as the create itself.
type RequestLog interface {
	// LookupRequest fills answer (a pointer to the created record) and reports true when the key
	// was seen before.
	LookupRequest(ctx context.Context, key RequestKey, answer any) (bool, error)
}

// CreateOrganizationOptions tells the store how to create a profile.
type CreateOrganizationOptions struct {
	// RejectDuplicates makes the store refuse, in the same transaction, a profile whose normalized
	// name and country match an existing one, with a *domain.DuplicateError.
	RejectDuplicates bool
	// OnePerCreator makes the store refuse, in the same transaction and whatever runs
	// concurrently, a second profile created by the same subject, with a *domain.DeniedError.
	OnePerCreator bool
	Request       RequestKey
}

// Organizations stores profiles and searches them.
type Organizations interface {
	// CreateOrganization stores a new profile. When opts.Request was already seen, it returns the
	// profile that request created instead.
	CreateOrganization(ctx context.Context, o domain.Organization, opts CreateOrganizationOptions) (domain.Organization, error)
	// GetOrganization returns a *domain.NotFoundError when no profile has the id.
	GetOrganization(ctx context.Context, id string) (domain.Organization, error)
	// BatchGetOrganizations returns the profiles found, in no particular order.
	BatchGetOrganizations(ctx context.Context, ids []string) ([]domain.Organization, error)
	// UpdateOrganization reads the profile, lets change modify it, and writes it back with its
	// revision incremented, all in one transaction; an error from change writes nothing.
	UpdateOrganization(ctx context.Context, id string, change func(*domain.Organization) error) (domain.Organization, error)
	// SearchOrganizations returns up to q.Limit profiles after q.After in q.Order.
	SearchOrganizations(ctx context.Context, q OrganizationQuery) ([]domain.Organization, error)
	// OrganizationCreatedBy finds a profile created by the subject, so an `ngo` user creates one.
	OrganizationCreatedBy(ctx context.Context, subject string) (id string, found bool, err error)
}

// Committees stores NGO committees and their members.
type Committees interface {
	CreateCommittee(ctx context.Context, c domain.NgoCommittee, req RequestKey) (domain.NgoCommittee, error)
	GetCommittee(ctx context.Context, id string) (domain.NgoCommittee, error)
	// UpdateCommittee reads the committee, lets change modify it and writes it back when change
	// reports a change, in one transaction.
	UpdateCommittee(ctx context.Context, id string, change func(*domain.NgoCommittee) (bool, error)) (domain.NgoCommittee, error)
	ListCommittees(ctx context.Context, q CommitteeQuery) ([]domain.NgoCommittee, error)
}

// FocalPoints stores focal points.
type FocalPoints interface {
	CreateFocalPoint(ctx context.Context, f domain.FocalPoint, req RequestKey) (domain.FocalPoint, error)
	ListFocalPoints(ctx context.Context, q FocalPointQuery) ([]domain.FocalPoint, error)
}

// Partnerships stores partnerships.
type Partnerships interface {
	CreatePartnership(ctx context.Context, p domain.Partnership, req RequestKey) (domain.Partnership, error)
	ListPartnerships(ctx context.Context, q PartnershipQuery) ([]domain.Partnership, error)
}
