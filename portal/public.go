package portal

import (
	"net/http"
	"strconv"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
)

// directoryPageSize keeps a directory page light on a slow connection.
const directoryPageSize = 20

// home points each kind of reader to where their work is.
func (p *Portal) home(w http.ResponseWriter, r *http.Request, v viewer) {
	p.render(w, r, http.StatusOK, "home", p.newPage(w, r, v, "home.title"))
}

// directoryData is the directory search: the facets as chosen and one page of results.
type directoryData struct {
	Query, Country, Group, Category, NextPage string
	SDG                                       int
	Groups                                    []registryv1.StakeholderGroup
	Categories                                []registryv1.Category
	SDGs                                      []int
	Organizations                             []*registryv1.Organization
	NextURL                                   string
}

// directory searches the registry by text and by its facets: country, stakeholder group,
// sustainable development goal and consultative-status category.
func (p *Portal) directory(w http.ResponseWriter, r *http.Request, v viewer) {
	q := r.URL.Query()
	d := directoryData{
		Query:    strings.TrimSpace(q.Get("q")),
		Country:  strings.ToUpper(strings.TrimSpace(q.Get("country"))),
		Group:    q.Get("group"),
		Category: q.Get("category"),
	}
	for i := 1; i < len(registryv1.StakeholderGroup_name); i++ {
		d.Groups = append(d.Groups, registryv1.StakeholderGroup(i))
	}
	for i := 1; i < len(registryv1.Category_name); i++ {
		d.Categories = append(d.Categories, registryv1.Category(i))
	}
	for i := 1; i <= 17; i++ {
		d.SDGs = append(d.SDGs, i)
	}
	req := &registryv1.ListOrganizationsRequest{
		PageSize:  directoryPageSize,
		PageToken: q.Get("page"),
		Query:     d.Query,
		Country:   d.Country,
	}
	if g, ok := registryv1.StakeholderGroup_value[d.Group]; ok {
		req.StakeholderGroup = registryv1.StakeholderGroup(g)
	}
	if c, ok := registryv1.Category_value[d.Category]; ok {
		req.StatusCategory = registryv1.Category(c)
	}
	if n, err := strconv.Atoi(q.Get("sdg")); err == nil && n >= 1 && n <= 17 {
		d.SDG = n
		req.Sdg = []int32{int32(n)}
	}
	pg := p.newPage(w, r, v, "directory.title")
	resp, err := p.registry.ListOrganizations(callContext(r.Context(), v), req)
	if err != nil {
		// A bad facet value is the reader's to fix on the same page.
		if status.Code(err) != codes.InvalidArgument {
			p.failPage(w, r, v, err)
			return
		}
		pg.Errors = formErrors(pg.Lang, err)
	}
	d.Organizations = resp.GetOrganizations()
	if next := resp.GetNextPageToken(); next != "" {
		nq := r.URL.Query()
		nq.Set("page", next)
		d.NextURL = p.path("/organizations?", nq.Encode())
	}
	pg.Data = d
	code := http.StatusOK
	if pg.Errors != nil {
		code = http.StatusBadRequest
	}
	p.render(w, r, code, "directory", pg)
}

// organizationData is an organization's public page.
type organizationData struct {
	Org *registryv1.Organization
	// Status is the accreditation service's full record; nil when the organization never
	// held status.
	Status *accreditationv1.ConsultativeStatus
	Own    bool
}

// organization shows one organization's profile and where it stands with ECOSOC.
func (p *Portal) organization(w http.ResponseWriter, r *http.Request, v viewer) {
	ctx := callContext(r.Context(), v)
	id := r.PathValue("id")
	resp, err := p.registry.GetOrganization(ctx, &registryv1.GetOrganizationRequest{Id: id})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	d := organizationData{Org: resp.GetOrganization(), Own: v.IsNGO() && v.Org == id}
	if st, err := p.accreditation.GetConsultativeStatus(ctx, &accreditationv1.GetConsultativeStatusRequest{OrganizationId: id}); err == nil {
		d.Status = st.GetConsultativeStatus()
	} else if status.Code(err) != codes.NotFound {
		p.log.Warn("portal: consultative status unavailable", "org", id, "err", err)
	}
	pg := p.newPage(w, r, v, "org.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "organization", pg)
}
