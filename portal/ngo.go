package portal

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
)

// myData is an NGO user's home: the organization, its status and next report due, and its
// applications.
type myData struct {
	Org          *registryv1.Organization
	Status       *accreditationv1.ConsultativeStatus
	Applications []*accreditationv1.Application
	Categories   []accreditationv1.Category
	Reports      []*accreditationv1.QuadrennialReport
	// HasOpen hides the start form: an organization has one open application at a time.
	HasOpen   bool
	RequestID string
	// Notices are the optional e-mail notices and whether the organization receives each.
	Notices []noticeChoice
}

// noticeChoice is one optional notice kind on the preferences form.
type noticeChoice struct {
	Kind     string
	Receives bool
}

// myOrganization is where an NGO user starts: what ECOSOC has decided, when the next
// quadrennial report is due, and the applications in progress.
func (p *Portal) myOrganization(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	p.renderMy(w, r, v, http.StatusOK, nil)
}

func (p *Portal) renderMy(w http.ResponseWriter, r *http.Request, v viewer, code int, errs map[string]string) {
	ctx := callContext(r.Context(), v)
	org, err := p.registry.GetOrganization(ctx, &registryv1.GetOrganizationRequest{Id: v.Org})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	d := myData{Org: org.GetOrganization(), Categories: categories(), RequestID: newRequestID()}
	if st, err := p.accreditation.GetConsultativeStatus(ctx, &accreditationv1.GetConsultativeStatusRequest{OrganizationId: v.Org}); err == nil {
		d.Status = st.GetConsultativeStatus()
	}
	apps, err := p.accreditation.ListApplications(ctx, &accreditationv1.ListApplicationsRequest{OrganizationId: v.Org, PageSize: 50, OrderBy: "create_time desc"})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	d.Applications = apps.GetApplications()
	for _, a := range d.Applications {
		d.HasOpen = d.HasOpen || !final(a.GetState())
	}
	d.Reports = p.reportsFor(r, v, v.Org)
	if prefs, err := p.accreditation.GetNoticePreferences(ctx, &accreditationv1.GetNoticePreferencesRequest{OrganizationId: v.Org}); err == nil {
		np := prefs.GetNoticePreferences()
		for _, k := range np.GetOptionalKinds() {
			d.Notices = append(d.Notices, noticeChoice{Kind: k, Receives: !slices.Contains(np.GetDeclinedKinds(), k)})
		}
	}
	pg := p.newPage(w, r, v, "my.title")
	pg.Data = d
	pg.Errors = errs
	p.render(w, r, code, "my", pg)
}

func categories() []accreditationv1.Category {
	return []accreditationv1.Category{accreditationv1.Category_CATEGORY_GENERAL, accreditationv1.Category_CATEGORY_SPECIAL, accreditationv1.Category_CATEGORY_ROSTER}
}

// requireNGO lets through a reader acting for an organization; others sign in first or are
// told the page is for NGO users.
func (p *Portal) requireNGO(w http.ResponseWriter, r *http.Request, v viewer) bool {
	if !p.requireSignIn(w, r, v) {
		return false
	}
	if !v.IsNGO() {
		p.failPage(w, r, v, status.Error(codes.PermissionDenied, ""))
		return false
	}
	return true
}

// startApplication opens a draft application for the reader's organization.
func (p *Portal) startApplication(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	cat := accreditationv1.Category(accreditationv1.Category_value[r.FormValue("requested_category")])
	resp, err := p.accreditation.CreateApplication(callContext(r.Context(), v), &accreditationv1.CreateApplicationRequest{
		Application: &accreditationv1.Application{OrganizationId: v.Org, RequestedCategory: cat},
		RequestId:   r.FormValue("request_id"),
	})
	if err != nil {
		p.renderMy(w, r, v, http.StatusUnprocessableEntity, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/applications/", url.PathEscape(resp.GetApplication().GetId()), "?done=notice.created"), http.StatusSeeOther)
}

// profileData is the profile form, holding what the reader typed when the service refused it.
type profileData struct {
	Org  *registryv1.Organization
	SDGs []int
	Has  map[int]bool
}

// profilePage shows the organization's profile as a form.
func (p *Portal) profilePage(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	resp, err := p.registry.GetOrganization(callContext(r.Context(), v), &registryv1.GetOrganizationRequest{Id: v.Org})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	p.renderProfile(w, r, v, http.StatusOK, resp.GetOrganization(), nil)
}

func (p *Portal) renderProfile(w http.ResponseWriter, r *http.Request, v viewer, code int, org *registryv1.Organization, errs map[string]string) {
	d := profileData{Org: org, Has: map[int]bool{}}
	for i := 1; i <= 17; i++ {
		d.SDGs = append(d.SDGs, i)
	}
	for _, s := range org.GetSdgs() {
		d.Has[int(s)] = true
	}
	pg := p.newPage(w, r, v, "profile.title")
	pg.Data = d
	pg.Errors = errs
	p.render(w, r, code, "profile", pg)
}

// profileFields are the parts of the profile the form edits; the rest (address, focal
// points, social media) keep their values.
var profileFields = []string{"name", "acronym", "website", "email", "description", "sdgs"}

// saveProfile writes the form back with the etag it was read with, so an edit made
// meanwhile by someone else is not silently overwritten.
func (p *Portal) saveProfile(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	org := &registryv1.Organization{
		Id:          v.Org,
		Etag:        f.Get("etag"),
		Name:        strings.TrimSpace(f.Get("name")),
		Acronym:     strings.TrimSpace(f.Get("acronym")),
		Website:     strings.TrimSpace(f.Get("website")),
		Email:       strings.TrimSpace(f.Get("email")),
		Description: strings.TrimSpace(f.Get("description")),
	}
	for _, s := range f["sdg"] {
		if n, err := strconv.Atoi(s); err == nil {
			org.Sdgs = append(org.Sdgs, int32(n))
		}
	}
	_, err := p.registry.UpdateOrganization(callContext(r.Context(), v), &registryv1.UpdateOrganizationRequest{
		Organization: org, UpdateMask: &fieldmaskpb.FieldMask{Paths: profileFields},
	})
	if err != nil {
		p.renderProfile(w, r, v, http.StatusUnprocessableEntity, org, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/my?done=notice.saved"), http.StatusSeeOther)
}
