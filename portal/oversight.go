package portal

import (
	"context"
	"google.golang.org/genproto/googleapis/type/date"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
)

// enforcementData is the reporting page: the three lists of resolution 2008/4 as of a date,
// proposed for the Committee, and the form recording ECOSOC's decision over them.
type enforcementData struct {
	Lists     *accreditationv1.EnforceReportingResponse
	AsOf      string
	Names     map[string]string
	RequestID string
}

// enforcement shows who would be on each 2008/4 list as of a date (today unless one is asked);
// reading it changes nothing.
func (p *Portal) enforcement(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	ctx := callContext(r.Context(), v)
	req := &accreditationv1.EnforceReportingRequest{}
	asOf := r.URL.Query().Get("as_of")
	if d, ok := parseDate(asOf); ok {
		req.AsOf = d
	}
	resp, err := p.accreditation.EnforceReporting(ctx, req)
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	all := append(append(append([]*accreditationv1.ConsultativeStatus{}, resp.GetProposedSuspensions()...), resp.GetProposedReinstatements()...), resp.GetProposedWithdrawals()...)
	d := enforcementData{Lists: resp, AsOf: asOf, Names: p.organizationNames(r, v, orgIDs(all)), RequestID: newRequestID()}
	pg := p.newPage(w, r, v, "enforce.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "enforcement", pg)
}

// orgIDs lists the organization of each item, in order.
func orgIDs[T interface{ GetOrganizationId() string }](items []T) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.GetOrganizationId()
	}
	return ids
}

// organizationNames looks up names to show instead of ids; a name that cannot be read is
// left out and the id shown.
func (p *Portal) organizationNames(r *http.Request, v viewer, ids []string) map[string]string {
	names := map[string]string{}
	if len(ids) == 0 {
		return names
	}
	resp, err := p.registry.BatchGetOrganizations(callContext(r.Context(), v), &registryv1.BatchGetOrganizationsRequest{Ids: ids})
	if err != nil {
		return names
	}
	for _, o := range resp.GetOrganizations() {
		names[o.GetId()] = o.GetName()
	}
	return names
}

// proposalQueue lists the side-event proposals waiting for an officer, across meetings; one is
// approved at its preferred time or rejected with a reason.
func (p *Portal) proposalQueue() officerQueue[*eventsv1.SideEventProposal] {
	return officerQueue[*eventsv1.SideEventProposal]{p: p, title: "proposals.title", template: "proposals", path: "/proposals",
		list: func(ctx context.Context) ([]*eventsv1.SideEventProposal, error) {
			resp, err := p.events.ListSideEventProposals(ctx, &eventsv1.ListSideEventProposalsRequest{
				EventId: "-", State: eventsv1.SideEventProposal_STATE_PROPOSED, PageSize: 100})
			return resp.GetSideEventProposals(), err
		},
		approve: func(ctx context.Context, r *http.Request, id, etag, rid string) error {
			_, err := p.events.ApproveSideEventProposal(ctx, &eventsv1.ApproveSideEventProposalRequest{Id: id, Etag: etag, RequestId: rid, Venue: strings.TrimSpace(r.FormValue("venue"))})
			return err
		},
		refuse: func(ctx context.Context, r *http.Request, id, etag, rid string) error {
			_, err := p.events.RejectSideEventProposal(ctx, &eventsv1.RejectSideEventProposalRequest{Id: id, Etag: etag, RequestId: rid, Reason: strings.TrimSpace(r.FormValue("reason"))})
			return err
		},
	}
}

// sessions lists the Committee on NGOs' sessions, with the applications scheduled for each
// one a click away in the work queue.
func (p *Portal) sessions(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	p.renderSessions(w, r, v, http.StatusOK, url.Values{}, nil)
}

func (p *Portal) renderSessions(w http.ResponseWriter, r *http.Request, v viewer, code int, form url.Values, errs map[string]string) {
	resp, err := p.accreditation.ListCommitteeSessions(callContext(r.Context(), v), &accreditationv1.ListCommitteeSessionsRequest{PageSize: 100})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	pg := p.newPage(w, r, v, "sessions.title")
	pg.Data = sessionsData{Sessions: resp.GetCommitteeSessions(), RequestID: newRequestID(), Form: form}
	pg.Errors = errs
	p.render(w, r, code, "sessions", pg)
}

// sessionsData is the list of Committee sessions and the form for a new one.
type sessionsData struct {
	Sessions  []*accreditationv1.CommitteeSession
	RequestID string
	Form      url.Values
}

// createSession adds a Committee session, to schedule applications for.
func (p *Portal) createSession(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	s := &accreditationv1.CommitteeSession{
		Name: strings.TrimSpace(f.Get("name")),
		Kind: accreditationv1.SessionKind(accreditationv1.SessionKind_value[f.Get("kind")]),
	}
	s.StartDate, _ = parseDate(f.Get("start_date"))
	s.EndDate, _ = parseDate(f.Get("end_date"))
	s.Members = membersOf(f.Get("members"), s.StartDate)
	_, err := p.accreditation.CreateCommitteeSession(callContext(r.Context(), v), &accreditationv1.CreateCommitteeSessionRequest{
		CommitteeSession: s, RequestId: f.Get("request_id"),
	})
	if err != nil {
		p.renderSessions(w, r, v, http.StatusUnprocessableEntity, f, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/sessions?done=notice.sessioncreated"), http.StatusSeeOther)
}

// reportsFor lists an organization's quadrennial reports, newest last.
func (p *Portal) reportsFor(r *http.Request, v viewer, org string) []*accreditationv1.QuadrennialReport {
	resp, err := p.accreditation.ListQuadrennialReports(callContext(r.Context(), v), &accreditationv1.ListQuadrennialReportsRequest{OrganizationId: org, PageSize: 50})
	if err != nil {
		return nil
	}
	return resp.GetQuadrennialReports()
}

// fileReport files the quadrennial report due, with its optional document.
func (p *Portal) fileReport(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	req := &accreditationv1.SubmitQuadrennialReportRequest{
		OrganizationId: v.Org,
		QuadrennialReport: &accreditationv1.QuadrennialReport{
			PeriodStartYear: atoi32(r.FormValue("period_start_year")),
			PeriodEndYear:   atoi32(r.FormValue("period_end_year")),
			Summary:         strings.TrimSpace(r.FormValue("summary")),
		},
		RequestId: r.FormValue("request_id"),
	}
	if file, header, err := r.FormFile("file"); err == nil {
		defer file.Close()
		if content, err := io.ReadAll(file); err == nil && len(content) > 0 {
			name := filepath.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
			req.Document = &accreditationv1.DocumentUpload{
				Kind: accreditationv1.DocumentKind_DOCUMENT_KIND_OTHER, Filename: name,
				ContentType: documentType(name, header.Header.Get("Content-Type")), Content: content,
			}
		}
	}
	if _, err := p.accreditation.SubmitQuadrennialReport(callContext(r.Context(), v), req); err != nil {
		p.renderMy(w, r, v, http.StatusUnprocessableEntity, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/my?done=notice.reported#reports"), http.StatusSeeOther)
}

func atoi32(s string) int32 {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return int32(n)
}

// membersOf reads the member States typed one per line as "CODE Name" (e.g. "GB United
// Kingdom"); each sits for the four-year term that includes the session's year.
func membersOf(text string, start *date.Date) []*accreditationv1.CommitteeMember {
	var out []*accreditationv1.CommitteeMember
	if start == nil {
		return nil
	}
	for _, line := range strings.Split(text, "\n") {
		code, name, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok {
			continue
		}
		out = append(out, &accreditationv1.CommitteeMember{Code: strings.ToUpper(code), Name: strings.TrimSpace(name),
			TermStart: &date.Date{Year: start.Year, Month: 1, Day: 1}, TermEnd: &date.Date{Year: start.Year + 3, Month: 12, Day: 31}})
	}
	return out
}
