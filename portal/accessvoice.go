package portal

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/type/date"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// annualQuota is the number of annual grounds passes per organization at each duty station
// (head, chief administrative officer, one main and four additional representatives); the
// service enforces it, the portal only shows what is left.
const annualQuota = 7

// stationQuota is one duty station's line on the NGO's designations page.
type stationQuota struct {
	Station   eventsv1.DutyStation
	Used      int
	Remaining int
}

// designationsData is the NGO's designations for the year and the form for a new one.
type designationsData struct {
	Year         int
	Stations     []stationQuota
	Designations []*eventsv1.Designation
	Form         url.Values
	RequestID    string
}

var dutyStations = []eventsv1.DutyStation{eventsv1.DutyStation_DUTY_STATION_NEW_YORK, eventsv1.DutyStation_DUTY_STATION_GENEVA, eventsv1.DutyStation_DUTY_STATION_VIENNA}

// Roles lists the roles the form offers, in the order they are designated.
func (designationsData) Roles() []eventsv1.Designation_Role {
	return []eventsv1.Designation_Role{eventsv1.Designation_ROLE_HEAD, eventsv1.Designation_ROLE_CHIEF_ADMINISTRATIVE_OFFICER,
		eventsv1.Designation_ROLE_MAIN_REPRESENTATIVE, eventsv1.Designation_ROLE_ADDITIONAL_REPRESENTATIVE, eventsv1.Designation_ROLE_TEMPORARY}
}

// AllStations lists the duty stations the form offers.
func (designationsData) AllStations() []eventsv1.DutyStation { return dutyStations }

// myDesignations shows the organization's designations for this year, with the annual passes
// left at each station.
func (p *Portal) myDesignations(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	p.renderDesignations(w, r, v, http.StatusOK, url.Values{}, nil)
}

func (p *Portal) renderDesignations(w http.ResponseWriter, r *http.Request, v viewer, code int, form url.Values, errs map[string]string) {
	year := time.Now().UTC().Year()
	resp, err := p.events.ListDesignations(callContext(r.Context(), v), &eventsv1.ListDesignationsRequest{
		OrganizationId: v.Org, Year: int32(year), PageSize: 500})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	d := designationsData{Year: year, Designations: resp.GetDesignations(), Form: form, RequestID: newRequestID()}
	for _, st := range dutyStations {
		q := stationQuota{Station: st}
		for _, x := range resp.GetDesignations() {
			live := x.GetState() == eventsv1.Designation_STATE_PENDING || x.GetState() == eventsv1.Designation_STATE_APPROVED
			if x.GetDutyStation() == st && live && x.GetRole() != eventsv1.Designation_ROLE_TEMPORARY {
				q.Used++
			}
		}
		q.Remaining = max(annualQuota-q.Used, 0)
		d.Stations = append(d.Stations, q)
	}
	pg := p.newPage(w, r, v, "dsg.title")
	pg.Data = d
	pg.Errors = errs
	p.render(w, r, code, "designations", pg)
}

// formDate reads an <input type="date"> value; an empty or malformed one is nil.
func formDate(s string) *date.Date {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return nil
	}
	return &date.Date{Year: int32(t.Year()), Month: int32(t.Month()), Day: int32(t.Day())}
}

// createDesignation designates a person for a pass.
func (p *Portal) createDesignation(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	d := &eventsv1.Designation{
		OrganizationId: v.Org,
		DutyStation:    eventsv1.DutyStation(eventsv1.DutyStation_value[f.Get("duty_station")]),
		Year:           int32(time.Now().UTC().Year()),
		Role:           eventsv1.Designation_Role(eventsv1.Designation_Role_value[f.Get("role")]),
		Person: &eventsv1.DesignatedPerson{FullName: strings.TrimSpace(f.Get("full_name")), Title: strings.TrimSpace(f.Get("title")),
			Email: strings.TrimSpace(f.Get("email")), BirthDate: formDate(f.Get("birth_date"))},
		ValidFrom:  formDate(f.Get("valid_from")),
		ValidUntil: formDate(f.Get("valid_until")),
	}
	if _, err := p.events.CreateDesignation(callContext(r.Context(), v), &eventsv1.CreateDesignationRequest{Designation: d, RequestId: f.Get("request_id")}); err != nil {
		p.renderDesignations(w, r, v, http.StatusUnprocessableEntity, f, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/my/designations?done=notice.recorded"), http.StatusSeeOther)
}

// designationQueue is the officers' queue of designations awaiting a decision: approved, the
// badge office issues the pass; returned, the organization reads the reason.
func (p *Portal) designationQueue() officerQueue[*eventsv1.Designation] {
	return officerQueue[*eventsv1.Designation]{p: p, title: "dsgq.title", template: "designationqueue", path: "/designations",
		list: func(ctx context.Context) ([]*eventsv1.Designation, error) {
			resp, err := p.events.ListDesignations(ctx, &eventsv1.ListDesignationsRequest{State: eventsv1.Designation_STATE_PENDING, PageSize: 200})
			return resp.GetDesignations(), err
		},
		approve: func(ctx context.Context, _ *http.Request, id, etag, rid string) error {
			_, err := p.events.ApproveDesignation(ctx, &eventsv1.ApproveDesignationRequest{Id: id, Etag: etag, RequestId: rid})
			return err
		},
		refuse: func(ctx context.Context, r *http.Request, id, etag, rid string) error {
			_, err := p.events.ReturnDesignation(ctx, &eventsv1.ReturnDesignationRequest{Id: id, Etag: etag, RequestId: rid, Reason: strings.TrimSpace(r.FormValue("reason"))})
			return err
		},
	}
}

// statementsData is the public list of issued statements and the open calls.
type statementsData struct {
	Calls      []*eventsv1.StatementCall
	Statements []*eventsv1.WrittenStatement
	Names      map[string]string
}

// statements is the public list of issued written statements, with the calls open now.
func (p *Portal) statements(w http.ResponseWriter, r *http.Request, v viewer) {
	// Asked anonymously: the public list is the same for everyone.
	calls, err := p.events.ListStatementCalls(r.Context(), &eventsv1.ListStatementCallsRequest{PageSize: 100})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	issued, err := p.events.ListWrittenStatements(r.Context(), &eventsv1.ListWrittenStatementsRequest{
		State: eventsv1.WrittenStatement_STATE_ACCEPTED, PageSize: 200})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	var ids []string
	for _, s := range issued.GetWrittenStatements() {
		ids = append(ids, s.GetOrganizationId())
		ids = append(ids, s.GetCoSignerIds()...)
	}
	d := statementsData{Statements: issued.GetWrittenStatements(), Names: p.organizationNames(r, v, ids)}
	now := time.Now()
	for _, c := range calls.GetStatementCalls() {
		if c.GetDeadline().AsTime().After(now) {
			d.Calls = append(d.Calls, c)
		}
	}
	pg := p.newPage(w, r, v, "stmt.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "statements", pg)
}

// statementFormData is the form for a statement to one call, with the limit that applies to
// the organization and its words counted as it types.
type statementFormData struct {
	Call      *eventsv1.StatementCall
	Limit     int32
	Form      url.Values
	RequestID string
}

// statementForm shows the statement form for a call.
func (p *Portal) statementForm(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	p.renderStatementForm(w, r, v, http.StatusOK, url.Values{"call": {r.FormValue("call")}}, nil)
}

func (p *Portal) renderStatementForm(w http.ResponseWriter, r *http.Request, v viewer, code int, form url.Values, errs map[string]string) {
	ctx := callContext(r.Context(), v)
	calls, err := p.events.ListStatementCalls(ctx, &eventsv1.ListStatementCallsRequest{PageSize: 500})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	var call *eventsv1.StatementCall
	for _, c := range calls.GetStatementCalls() {
		if c.GetId() == form.Get("call") {
			call = c
		}
	}
	if call == nil {
		p.notFound(w, r, v)
		return
	}
	st, err := p.accreditation.GetConsultativeStatus(ctx, &accreditationv1.GetConsultativeStatusRequest{OrganizationId: v.Org})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	limit := call.GetSpecialWordLimit()
	switch st.GetConsultativeStatus().GetCategory() {
	case accreditationv1.Category_CATEGORY_GENERAL:
		limit = call.GetGeneralWordLimit()
	case accreditationv1.Category_CATEGORY_ROSTER:
		limit = call.GetRosterWordLimit()
	}
	pg := p.newPage(w, r, v, "stmt.new")
	pg.Data = statementFormData{Call: call, Limit: limit, Form: form, RequestID: newRequestID()}
	pg.Errors = errs
	p.render(w, r, code, "statementform", pg)
}

// submitStatement submits the NGO's statement, alone or with co-signers (ids, one per line or
// separated by spaces or commas).
func (p *Portal) submitStatement(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	cosigners := strings.FieldsFunc(f.Get("co_signers"), func(c rune) bool { return c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t' })
	_, err := p.events.SubmitWrittenStatement(callContext(r.Context(), v), &eventsv1.SubmitWrittenStatementRequest{
		WrittenStatement: &eventsv1.WrittenStatement{CallId: f.Get("call"), OrganizationId: v.Org, CoSignerIds: cosigners,
			Language: f.Get("language"), AgendaItem: f.Get("agenda_item"), Title: strings.TrimSpace(f.Get("title")), Text: f.Get("text")},
		RequestId: f.Get("request_id")})
	if err != nil {
		p.renderStatementForm(w, r, v, http.StatusUnprocessableEntity, f, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/statements?done=notice.recorded"), http.StatusSeeOther)
}
