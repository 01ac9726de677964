package portal

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
)

// queueSorts are the work queue's sortable columns, as the service names them.
var queueSorts = []string{"submit_time", "deferral_count", "days_pending", "update_time"}

// openStates are the states an officer's queue shows by default: everything not final
// except drafts, which are the organization's own.
var openStates = []accreditationv1.Application_State{
	accreditationv1.Application_STATE_SUBMITTED,
	accreditationv1.Application_STATE_RETURNED,
	accreditationv1.Application_STATE_PENDING_COMMITTEE,
	accreditationv1.Application_STATE_DEFERRED,
	accreditationv1.Application_STATE_RECOMMENDED,
	accreditationv1.Application_STATE_NOT_RECOMMENDED,
}

// queueData is the work queue with its filters and sort.
type queueData struct {
	State, Session, Sort string
	Cycle                int
	Desc                 bool
	States               []accreditationv1.Application_State
	Sessions             []*accreditationv1.CommitteeSession
	Applications         []*accreditationv1.Application
	Names                map[string]string
	SessionNames         map[string]string
	Total                int32
	NextURL              string
	query                url.Values
	base                 string
}

// SortURL is the link of a column header: by that column, flipping the direction when it
// is already the sort.
func (d queueData) SortURL(col string) string {
	q := url.Values{}
	for k, v := range d.query {
		q[k] = v
	}
	q.Del("page")
	q.Set("sort", col)
	if d.Sort == col && !d.Desc {
		q.Set("dir", "desc")
	} else {
		q.Del("dir")
	}
	return d.base + "/queue?" + q.Encode()
}

// AriaSort is the aria-sort value of a column header, for screen readers.
func (d queueData) AriaSort(col string) string {
	switch {
	case d.Sort != col:
		return "none"
	case d.Desc:
		return "descending"
	}
	return "ascending"
}

// workQueue lists applications for officers by state, session and review cycle, with how
// often each was deferred and how long it has waited.
func (p *Portal) workQueue(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireSignIn(w, r, v) {
		return
	}
	if !v.IsOfficer() {
		p.failPage(w, r, v, status.Error(codes.PermissionDenied, ""))
		return
	}
	ctx := callContext(r.Context(), v)
	q := r.URL.Query()
	d := queueData{State: q.Get("state"), Session: q.Get("session"), Sort: q.Get("sort"), Desc: q.Get("dir") == "desc",
		query: q, base: p.base, Names: map[string]string{}, SessionNames: map[string]string{}}
	d.Cycle, _ = strconv.Atoi(q.Get("cycle"))
	for i := 1; i < len(accreditationv1.Application_State_name); i++ {
		d.States = append(d.States, accreditationv1.Application_State(i))
	}
	if !contains(queueSorts, d.Sort) {
		d.Sort = "submit_time"
	}
	req := &accreditationv1.ListApplicationsRequest{
		PageSize: 50, PageToken: q.Get("page"), SessionId: d.Session, ReviewCycleYear: int32(d.Cycle),
		OrderBy: d.Sort,
	}
	if d.Desc {
		req.OrderBy += " desc"
	}
	if s, ok := accreditationv1.Application_State_value[d.State]; ok && s != 0 {
		req.State = []accreditationv1.Application_State{accreditationv1.Application_State(s)}
	} else {
		req.State = openStates
	}
	resp, err := p.accreditation.ListApplications(ctx, req)
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	d.Applications, d.Total = resp.GetApplications(), resp.GetTotalSize()
	if sessions, err := p.accreditation.ListCommitteeSessions(ctx, &accreditationv1.ListCommitteeSessionsRequest{PageSize: 100}); err == nil {
		d.Sessions = sessions.GetCommitteeSessions()
		for _, s := range d.Sessions {
			d.SessionNames[s.GetId()] = s.GetName()
		}
	}
	if ids := orgIDs(d.Applications); len(ids) > 0 {
		if orgs, err := p.registry.BatchGetOrganizations(ctx, &registryv1.BatchGetOrganizationsRequest{Ids: ids}); err == nil {
			for _, o := range orgs.GetOrganizations() {
				d.Names[o.GetId()] = o.GetName()
			}
		}
	}
	if next := resp.GetNextPageToken(); next != "" {
		nq := r.URL.Query()
		nq.Set("page", next)
		d.NextURL = p.path("/queue?", nq.Encode())
	}
	pg := p.newPage(w, r, v, "queue.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "queue", pg)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// requireOfficer lets officers through to a review step.
func (p *Portal) requireOfficer(w http.ResponseWriter, r *http.Request, v viewer) bool {
	if !p.requireSignIn(w, r, v) {
		return false
	}
	if !v.IsOfficer() {
		p.failPage(w, r, v, status.Error(codes.PermissionDenied, ""))
		return false
	}
	return true
}

// screenApplication records the NGO Branch's screening: complete, or returned with notes.
func (p *Portal) screenApplication(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	_, err := p.accreditation.ScreenApplication(callContext(r.Context(), v), &accreditationv1.ScreenApplicationRequest{
		Id: r.PathValue("id"), Complete: r.FormValue("complete") == "true", Notes: strings.TrimSpace(r.FormValue("notes")),
		Etag: r.FormValue("etag"), RequestId: r.FormValue("request_id"),
	})
	p.afterWrite(w, r, v, err, "notice.screened", nil)
}

// scheduleApplication lists the application for a Committee session.
func (p *Portal) scheduleApplication(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	_, err := p.accreditation.ScheduleApplication(callContext(r.Context(), v), &accreditationv1.ScheduleApplicationRequest{
		Id: r.PathValue("id"), SessionId: r.FormValue("session_id"),
		Etag: r.FormValue("etag"), RequestId: r.FormValue("request_id"),
	})
	p.afterWrite(w, r, v, err, "notice.scheduled", nil)
}

// recordOutcome records what the Committee decided at its session.
func (p *Portal) recordOutcome(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	_, err := p.accreditation.RecordOutcome(callContext(r.Context(), v), &accreditationv1.RecordOutcomeRequest{
		Id:                  r.PathValue("id"),
		Outcome:             accreditationv1.Outcome(accreditationv1.Outcome_value[r.FormValue("outcome")]),
		RecommendedCategory: accreditationv1.Category(accreditationv1.Category_value[r.FormValue("recommended_category")]),
		SessionId:           r.FormValue("session_id"),
		Notes:               strings.TrimSpace(r.FormValue("notes")),
		Etag:                r.FormValue("etag"),
		RequestId:           r.FormValue("request_id"),
	})
	p.afterWrite(w, r, v, err, "notice.recorded", nil)
}

// recordDecision records ECOSOC's decision on the Committee's recommendation.
func (p *Portal) recordDecision(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	req := &accreditationv1.RecordDecisionRequest{
		Id:          r.PathValue("id"),
		Decision:    accreditationv1.Decision(accreditationv1.Decision_value[r.FormValue("decision")]),
		DecisionRef: strings.TrimSpace(r.FormValue("decision_ref")),
		Notes:       strings.TrimSpace(r.FormValue("notes")),
		Etag:        r.FormValue("etag"),
		RequestId:   r.FormValue("request_id"),
	}
	if d, ok := parseDate(r.FormValue("effective_date")); ok {
		req.EffectiveDate = d
	}
	_, err := p.accreditation.RecordDecision(callContext(r.Context(), v), req)
	p.afterWrite(w, r, v, err, "notice.recorded", nil)
}

// parseDate reads an <input type=date> value.
func parseDate(s string) (*date.Date, bool) {
	var y, m, d int
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return nil, false
	}
	var err error
	if y, err = strconv.Atoi(parts[0]); err != nil {
		return nil, false
	}
	if m, err = strconv.Atoi(parts[1]); err != nil {
		return nil, false
	}
	if d, err = strconv.Atoi(parts[2]); err != nil {
		return nil, false
	}
	return &date.Date{Year: int32(y), Month: int32(m), Day: int32(d)}, true
}

// poseQuestion records a member State's question to the organization, for the session the
// application is scheduled for.
func (p *Portal) poseQuestion(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireSignIn(w, r, v) {
		return
	}
	_, err := p.accreditation.PoseQuestion(callContext(r.Context(), v), &accreditationv1.PoseQuestionRequest{
		ApplicationId: r.PathValue("id"),
		Text:          strings.TrimSpace(r.FormValue("question")),
		AskedBy:       strings.ToUpper(strings.TrimSpace(r.FormValue("asked_by"))),
		Etag:          r.FormValue("etag"),
		RequestId:     r.FormValue("request_id"),
	})
	p.afterWrite(w, r, v, err, "notice.asked", nil)
}
