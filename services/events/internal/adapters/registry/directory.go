// Package registry reads organizations' names, stakeholder groups and countries from the
// registry service, for participation reports and for crediting proposers on the calendar.
package registry

import (
	"context"
	"fmt"
	"strings"
	"time"

	"google.golang.org/grpc"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// batchLimit is BatchGetOrganizations' largest request.
const batchLimit = 1000

// Directory implements app.OrganizationDirectory with BatchGetOrganizations.
type Directory struct {
	client registryv1.RegistryServiceClient
}

// NewDirectory wraps a connection to the registry service.
func NewDirectory(conn grpc.ClientConnInterface) *Directory {
	return &Directory{client: registryv1.NewRegistryServiceClient(conn)}
}

// OrganizationFacts returns the facts of the organizations the registry knows; unknown ids are
// left out, so that the report counts them as "not known".
func (d *Directory) OrganizationFacts(ctx context.Context, ids []string) (map[string]domain.OrganizationFacts, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	out := make(map[string]domain.OrganizationFacts, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), batchLimit)
		resp, err := d.client.BatchGetOrganizations(ctx, &registryv1.BatchGetOrganizationsRequest{Ids: ids[:n]})
		if err != nil {
			return nil, err
		}
		for _, o := range resp.GetOrganizations() {
			f := domain.OrganizationFacts{Name: o.GetName(), Country: o.GetCountry()}
			if g := o.GetStakeholderGroup(); g != registryv1.StakeholderGroup_STAKEHOLDER_GROUP_UNSPECIFIED {
				f.StakeholderGroup = g.String()
			}
			out[o.GetId()] = f
		}
		ids = ids[n:]
	}
	return out, nil
}

// Recipient resolves a notice's recipient: "participant:<organization>:<email>" is the person's
// own address in their organization's working languages; "organization:<id>" is the
// organization's address of record, name and working languages.
func (d *Directory) Recipient(ctx context.Context, ref string) (notify.Address, error) {
	var org, email string
	if rest, ok := strings.CutPrefix(ref, "participant:"); ok {
		org, email, _ = strings.Cut(rest, ":")
		if email == "" {
			return notify.Address{}, notify.ErrNoAddress
		}
	} else if id, ok := strings.CutPrefix(ref, "organization:"); ok {
		org = id
	} else {
		return notify.Address{}, fmt.Errorf("registry: unknown recipient %q", ref)
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	resp, err := d.client.BatchGetOrganizations(ctx, &registryv1.BatchGetOrganizationsRequest{Ids: []string{org}})
	if err != nil {
		return notify.Address{}, err
	}
	addr := notify.Address{Email: email}
	for _, o := range resp.GetOrganizations() {
		addr.Languages = o.GetLanguages()
		if email == "" {
			addr.Email, addr.Name = o.GetEmail(), o.GetName()
		}
	}
	if addr.Email == "" {
		return notify.Address{}, notify.ErrNoAddress
	}
	return addr, nil
}
