// Package registry reaches the registry service over gRPC to learn whether
// an organization exists and when it was founded, which the two-year
// existence rule needs.
package registry

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// DefaultTimeout bounds one lookup, retries included, so that a registry
// that is down makes a submission fail fast with UNAVAILABLE instead of
// hanging the caller.
const DefaultTimeout = 3 * time.Second

// Directory implements app.OrganizationDirectory with the registry's
// GetOrganization.
type Directory struct {
	client  registryv1.RegistryServiceClient
	timeout time.Duration
}

var _ app.OrganizationDirectory = (*Directory)(nil)

// New wraps a registry client. timeout 0 means DefaultTimeout.
func New(client registryv1.RegistryServiceClient, timeout time.Duration) *Directory {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Directory{client: client, timeout: timeout}
}

// Organization implements app.OrganizationDirectory.
func (d *Directory) Organization(ctx context.Context, id string) (domain.Organization, error) {
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	resp, err := d.client.GetOrganization(ctx, &registryv1.GetOrganizationRequest{Id: id})
	if err != nil {
		return domain.Organization{}, translate(id, err)
	}
	o := resp.GetOrganization()
	org := domain.Organization{ID: o.GetId(), Name: o.GetName()}
	switch o.GetProfileState() {
	case registryv1.ProfileState_PROFILE_STATE_SUBMITTED, registryv1.ProfileState_PROFILE_STATE_RETURNED:
		org.ProfilePending = true
	}
	if f := o.GetFoundedOn(); f != nil {
		org.FoundedOn = domain.Date{Year: int(f.GetYear()), Month: time.Month(f.GetMonth()), Day: int(f.GetDay())}
	}
	return org, nil
}

func translate(id string, err error) error {
	switch status.Code(err) {
	case codes.NotFound, codes.InvalidArgument:
		return &domain.NotFoundError{What: "organization", ID: id}
	case codes.Unavailable, codes.DeadlineExceeded, codes.ResourceExhausted, codes.Aborted:
		return &domain.UnavailableError{Message: "the registry is unavailable: retry with the same request_id", Err: err}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &domain.UnavailableError{Message: "the registry did not answer in time: retry with the same request_id", Err: err}
	}
	return fmt.Errorf("registry GetOrganization %s: %w", id, err)
}

// Recipient resolves a notice's "organization:<id>" to the organization's address of record,
// its name and working languages, for the notifier.
func (d *Directory) Recipient(ctx context.Context, ref string) (notify.Address, error) {
	id, ok := strings.CutPrefix(ref, "organization:")
	if !ok {
		return notify.Address{}, fmt.Errorf("registry: unknown recipient %q", ref)
	}
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	resp, err := d.client.GetOrganization(ctx, &registryv1.GetOrganizationRequest{Id: id})
	if status.Code(err) == codes.NotFound {
		return notify.Address{}, notify.ErrNoAddress
	}
	if err != nil {
		return notify.Address{}, err
	}
	o := resp.GetOrganization()
	addr := notify.Address{Email: o.GetEmail(), Name: o.GetName(), Languages: o.GetLanguages()}
	if addr.Email == "" {
		// The name still serves notices about the organization sent to someone else.
		return addr, notify.ErrNoAddress
	}
	return addr, nil
}
