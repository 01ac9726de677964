package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// Method names for the request log: a request id is scoped to one kind of create.
const (
	MethodCreateOrganization = "CreateOrganization"
	MethodCreateCommittee    = "CreateNgoCommittee"
	MethodCreateFocalPoint   = "CreateFocalPoint"
	MethodCreatePartnership  = "CreatePartnership"
)

// CreateOrganization adds a profile to the directory. Officers and admins create any; an `ngo` user
// creates the one organization it will act for. A likely duplicate is refused unless an officer or
// admin says it knows (allowDuplicate). A retry with the same requestID returns the first profile.
func (a *App) CreateOrganization(ctx context.Context, actor Actor, o domain.Organization, requestID string, allowDuplicate bool) (domain.Organization, error) {
	// Who may create is decided before a request id is replayed, so a replay never answers a
	// caller the create itself would refuse.
	if err := mayCreateOrganization(actor, allowDuplicate); err != nil {
		return domain.Organization{}, err
	}
	key := RequestKey{Caller: actor.Subject, Method: MethodCreateOrganization, RequestID: requestID}
	if requestID != "" {
		var first domain.Organization
		if found, err := a.store.LookupRequest(ctx, key, &first); err != nil || found {
			return first, err
		}
	}
	if err := a.oneOrganizationPerUser(ctx, actor); err != nil {
		return domain.Organization{}, err
	}
	now := a.now()
	o.ID = domain.NewID("org", now)
	o.Status = domain.NoStatus
	o.CreatedBy = actor.Subject
	o.CreateTime, o.UpdateTime = now, now
	o.Revision = 1
	o.NameFlag = domain.NameFlag(o.Name)
	// An organization's own registration waits for an officer; a profile an officer makes is theirs.
	o.ProfileState, o.ProfileNote = domain.ProfileSubmitted, ""
	if actor.Staff() {
		o.ProfileState = domain.ProfileAccepted
	}
	if err := o.Validate(now); err != nil {
		return domain.Organization{}, err
	}
	return a.store.CreateOrganization(ctx, o, CreateOrganizationOptions{RejectDuplicates: !allowDuplicate,
		OnePerCreator: !actor.Staff(), Request: key})
}

// mayCreateOrganization is the authorization of a create beyond the role gate: officers and
// admins create any organization, an ngo user only without allow_duplicate.
func mayCreateOrganization(actor Actor, allowDuplicate bool) error {
	if actor.Staff() {
		return nil
	}
	if allowDuplicate {
		return domain.Denied("only officers and admins may create a likely duplicate (allow_duplicate)")
	}
	return nil
}

// oneOrganizationPerUser refuses an ngo user's second organization with a reason it can act on;
// the store's OnePerCreator holds the rule when two creates race past this check.
func (a *App) oneOrganizationPerUser(ctx context.Context, actor Actor) error {
	if actor.Staff() {
		return nil
	}
	if actor.Org != "" {
		return domain.Denied("this account already acts for organization %s: an ngo user creates one organization", actor.Org)
	}
	id, found, err := a.store.OrganizationCreatedBy(ctx, actor.Subject)
	if err != nil {
		return err
	}
	if found {
		return domain.Denied("this account already created organization %s: an ngo user creates one organization", id)
	}
	return nil
}

// GetOrganization returns a profile; anyone may read one.
func (a *App) GetOrganization(ctx context.Context, id string) (domain.Organization, error) {
	return a.store.GetOrganization(ctx, id)
}

// BatchGetOrganizations returns the profiles found, each once and in the order their ids first
// appear, and the ids that name no profile.
func (a *App) BatchGetOrganizations(ctx context.Context, ids []string) (found []domain.Organization, missing []string, err error) {
	unique := make([]string, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			unique = append(unique, id)
		}
	}
	rows, err := a.store.BatchGetOrganizations(ctx, unique)
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[string]domain.Organization, len(rows))
	for _, o := range rows {
		byID[o.ID] = o
	}
	for _, id := range unique {
		if o, ok := byID[id]; ok {
			found = append(found, o)
		} else {
			missing = append(missing, id)
		}
	}
	return found, missing, nil
}

// ErrEtagRequired refuses an update that does not say which version it changes.
var ErrEtagRequired = &domain.ValidationError{Violations: []domain.Violation{{
	Field: "etag", Description: "is required: send the etag of the profile you read"}}}

// UpdateOrganization changes a profile. apply receives the stored profile and sets the fields the
// caller changes; everything else (id, status, times, revision) is kept by this use case. The etag
// must be the current one, so nobody overwrites a change they have not seen.
func (a *App) UpdateOrganization(ctx context.Context, actor Actor, id, etag string, apply func(*domain.Organization) error) (domain.Organization, error) {
	if etag == "" {
		return domain.Organization{}, ErrEtagRequired
	}
	now := a.now()
	return a.store.UpdateOrganization(ctx, id, func(o *domain.Organization) error {
		if !actor.Staff() && !ownedBy(*o, actor) {
			return domain.Denied("an ngo user changes only the organization it acts for")
		}
		if o.Etag() != etag {
			return domain.ErrStaleEtag
		}
		kept := *o
		if err := apply(o); err != nil {
			return err
		}
		o.ID, o.Status, o.CreatedBy, o.CreateTime, o.Revision = kept.ID, kept.Status, kept.CreatedBy, kept.CreateTime, kept.Revision+1
		o.ProfileState, o.ProfileNote = kept.ProfileState, kept.ProfileNote
		if o.ProfileState == domain.ProfileReturned && !actor.Staff() {
			// The organization's correction submits the profile again.
			o.ProfileState = domain.ProfileSubmitted
		}
		if !actor.Staff() {
			if err := domain.CheckSelfEdit(kept, *o); err != nil {
				return err
			}
		}
		o.UpdateTime = now
		o.NameFlag = domain.NameFlag(o.Name)
		return o.Validate(now)
	})
}

// ownedBy reports whether an `ngo` user acts for the organization: its token names it, or, before
// a token naming it was issued, the user created it.
func ownedBy(o domain.Organization, actor Actor) bool {
	if actor.Org != "" {
		return actor.Org == o.ID
	}
	return o.CreatedBy == actor.Subject
}

// ListOrganizationsRequest is a directory search with its paging.
type ListOrganizationsRequest struct {
	Query     OrganizationQuery
	PageSize  int
	PageToken string
}

// ListOrganizations searches the directory a page at a time.
func (a *App) ListOrganizations(ctx context.Context, req ListOrganizationsRequest) ([]domain.Organization, string, error) {
	size, err := pageSize(req.PageSize)
	if err != nil {
		return nil, "", err
	}
	q := req.Query
	if q.Country != "" && !domain.IsCountry(q.Country) {
		return nil, "", &domain.ValidationError{Violations: []domain.Violation{{Field: "country", Description: fmt.Sprintf("%q is not an assigned ISO 3166-1 alpha-2 country code", q.Country)}}}
	}
	for _, g := range q.SDGs {
		if g < 1 || g > 17 {
			return nil, "", &domain.ValidationError{Violations: []domain.Violation{{Field: "sdg", Description: fmt.Sprintf("SDG %d does not exist: goals are numbered 1 to 17", g)}}}
		}
	}
	filter := organizationFilter(q)
	if q.After, err = decodePage[OrganizationCursor](a, req.PageToken, filter); err != nil {
		return nil, "", err
	}
	q.Limit = size + 1
	rows, err := a.store.SearchOrganizations(ctx, q)
	if err != nil {
		return nil, "", err
	}
	return nextPage(a, rows, size, filter, CursorOf)
}

// organizationFilter fingerprints everything that shapes the result set, so a token is only
// accepted with the same filters and order.
func organizationFilter(q OrganizationQuery) string {
	sdgs := slices.Clone(q.SDGs)
	slices.Sort(sdgs)
	sdgs = slices.Compact(sdgs)
	parts := []string{"org", strings.Join(SearchWords(q.Text), " "), q.Country,
		strconv.Itoa(int(q.StakeholderGroup)), fmt.Sprint(sdgs), strconv.Itoa(int(q.StatusCategory)), strconv.Itoa(int(q.Order))}
	return strings.Join(parts, "|")
}

// IsNotFound reports whether err says a record does not exist.
func IsNotFound(err error) bool {
	var nf *domain.NotFoundError
	return errors.As(err, &nf)
}

// ReviewProfile records the NGO Branch's review of a profile: accepted, or returned with the
// reason for the organization to correct.
func (a *App) ReviewProfile(ctx context.Context, actor Actor, id string, accept bool, reason string) (domain.Organization, error) {
	if !accept && strings.TrimSpace(reason) == "" {
		return domain.Organization{}, &domain.ValidationError{Violations: []domain.Violation{{Field: "reason", Description: "is required: say what the organization must correct"}}}
	}
	now := a.now()
	return a.store.UpdateOrganization(ctx, id, func(o *domain.Organization) error {
		if accept {
			o.ProfileState, o.ProfileNote = domain.ProfileAccepted, ""
		} else {
			if o.Accepted() {
				return &domain.PreconditionError{Reason: "PROFILE_ACCEPTED", Message: "the profile was accepted already; it cannot be returned"}
			}
			o.ProfileState, o.ProfileNote = domain.ProfileReturned, strings.TrimSpace(reason)
		}
		o.Revision++
		o.UpdateTime = now
		return nil
	})
}
