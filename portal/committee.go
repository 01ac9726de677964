package portal

import (
	"net/http"
	"net/url"
	"strings"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
)

// agendaData is a Committee session's page: its member States, its agenda with a batch
// outcome form (one row per application, each with its own outcome, category and question),
// the ECOSOC decision form over the recommended ones, and the reports to review.
type agendaData struct {
	Agenda    *accreditationv1.Agenda
	Names     map[string]string
	RequestID string
}

// agenda shows a session's agenda.
func (p *Portal) agenda(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	resp, err := p.accreditation.GetAgenda(callContext(r.Context(), v), &accreditationv1.GetAgendaRequest{SessionId: r.PathValue("id")})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	var orgs []string
	for _, a := range resp.GetAgenda().GetApplications() {
		orgs = append(orgs, a.GetOrganizationId())
	}
	for _, q := range resp.GetAgenda().GetQuadrennialReports() {
		orgs = append(orgs, q.GetOrganizationId())
	}
	for _, q := range resp.GetAgenda().GetRequests() {
		orgs = append(orgs, q.GetOrganizationId())
	}
	pg := p.newPage(w, r, v, "agenda.title")
	pg.Data = agendaData{Agenda: resp.GetAgenda(), Names: p.organizationNames(r, v, orgs), RequestID: newRequestID()}
	p.render(w, r, http.StatusOK, "agenda", pg)
}

// afterCommitteeWrite returns to the session's page with a notice, or shows the refusal.
func (p *Portal) afterCommitteeWrite(w http.ResponseWriter, r *http.Request, v viewer, err error, notice string) {
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	http.Redirect(w, r, p.path("/sessions/", url.PathEscape(r.PathValue("id")), "/agenda?done=", notice), http.StatusSeeOther)
}

// assembleAgenda lists before the session what is due for it.
func (p *Portal) assembleAgenda(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	_, err := p.accreditation.AssembleAgenda(callContext(r.Context(), v), &accreditationv1.AssembleAgendaRequest{
		SessionId: r.PathValue("id"), RequestId: r.FormValue("request_id")})
	p.afterCommitteeWrite(w, r, v, err, "notice.assembled")
}

// recordOutcomes records the rows of the batch form whose outcome was chosen.
func (p *Portal) recordOutcomes(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.failPage(w, r, v, err)
		return
	}
	var rows []*accreditationv1.OutcomeRow
	for _, id := range r.Form["application"] {
		outcome := r.FormValue("outcome_" + id)
		if outcome == "" {
			continue
		}
		row := &accreditationv1.OutcomeRow{ApplicationId: id, Outcome: accreditationv1.Outcome(accreditationv1.Outcome_value[outcome]),
			Notes: strings.TrimSpace(r.FormValue("notes_" + id))}
		if row.Outcome == accreditationv1.Outcome_OUTCOME_RECOMMEND {
			row.RecommendedCategory = accreditationv1.Category(accreditationv1.Category_value[r.FormValue("category_"+id)])
		}
		if q := strings.TrimSpace(r.FormValue("question_" + id)); q != "" {
			row.Questions = []*accreditationv1.CommitteeQuestion{{Text: q, AskedBy: r.FormValue("asked_by_" + id)}}
		}
		rows = append(rows, row)
	}
	_, err := p.accreditation.BatchRecordOutcomes(callContext(r.Context(), v), &accreditationv1.BatchRecordOutcomesRequest{
		SessionId: r.PathValue("id"), Rows: rows, RequestId: r.FormValue("request_id")})
	p.afterCommitteeWrite(w, r, v, err, "notice.outcomes")
}

// recordGrants records ECOSOC's decision over the recommended applications ticked: each is
// granted the category the Committee recommended, or not granted.
func (p *Portal) recordGrants(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.failPage(w, r, v, err)
		return
	}
	d := &accreditationv1.EcosocDecision{Symbol: strings.TrimSpace(r.FormValue("symbol"))}
	d.DecisionDate, _ = parseDate(r.FormValue("decision_date"))
	for _, id := range r.Form["grant"] {
		switch r.FormValue("action_" + id) {
		case "not_grant":
			d.Entries = append(d.Entries, &accreditationv1.DecisionEntry{Action: accreditationv1.DecisionEntry_ACTION_NOT_GRANT, ApplicationId: id})
		default:
			d.Entries = append(d.Entries, &accreditationv1.DecisionEntry{Action: accreditationv1.DecisionEntry_ACTION_GRANT, ApplicationId: id,
				Category: accreditationv1.Category(accreditationv1.Category_value[r.FormValue("category_"+id)])})
		}
	}
	_, err := p.accreditation.RecordEcosocDecision(callContext(r.Context(), v), &accreditationv1.RecordEcosocDecisionRequest{
		EcosocDecision: d, RequestId: r.FormValue("request_id")})
	p.afterCommitteeWrite(w, r, v, err, "notice.decided")
}

// reviewReport records the Committee's review of a report on the session's agenda.
func (p *Portal) reviewReport(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	req := &accreditationv1.ReviewQuadrennialReportRequest{ReportId: r.PathValue("report"), SessionId: r.PathValue("id"),
		TakeNote: r.FormValue("review") == "take_note", RequestId: r.FormValue("request_id")}
	if q := strings.TrimSpace(r.FormValue("question")); q != "" && !req.TakeNote {
		req.Questions = []*accreditationv1.CommitteeQuestion{{Text: q, AskedBy: r.FormValue("asked_by")}}
	}
	_, err := p.accreditation.ReviewQuadrennialReport(callContext(r.Context(), v), req)
	p.afterCommitteeWrite(w, r, v, err, "notice.reviewed")
}

// reportingDecision records ECOSOC's decision over the 2008/4 lists: the statuses ticked on
// the reporting page are suspended, reinstated or withdrawn as their list says.
func (p *Portal) reportingDecision(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.failPage(w, r, v, err)
		return
	}
	d := &accreditationv1.EcosocDecision{Symbol: strings.TrimSpace(r.FormValue("symbol"))}
	d.DecisionDate, _ = parseDate(r.FormValue("decision_date"))
	lists := []struct {
		field  string
		action accreditationv1.DecisionEntry_Action
	}{{"suspend", accreditationv1.DecisionEntry_ACTION_SUSPEND}, {"reinstate", accreditationv1.DecisionEntry_ACTION_REINSTATE}, {"withdraw", accreditationv1.DecisionEntry_ACTION_WITHDRAW}}
	for _, l := range lists {
		for _, org := range r.Form[l.field] {
			e := &accreditationv1.DecisionEntry{Action: l.action, OrganizationId: org}
			if l.action != accreditationv1.DecisionEntry_ACTION_REINSTATE {
				e.Reason = accreditationv1.StatusReason_STATUS_REASON_REPORTING_2008_4
			}
			d.Entries = append(d.Entries, e)
		}
	}
	_, err := p.accreditation.RecordEcosocDecision(callContext(r.Context(), v), &accreditationv1.RecordEcosocDecisionRequest{
		EcosocDecision: d, RequestId: r.FormValue("request_id")})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	http.Redirect(w, r, p.path("/enforcement?done=notice.decided"), http.StatusSeeOther)
}

// reviewProfile accepts an organization's profile or returns it with the reason.
func (p *Portal) reviewProfile(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	ctx, id := callContext(r.Context(), v), r.PathValue("id")
	var err error
	if r.FormValue("review") == "accept" {
		_, err = p.registry.AcceptOrganizationProfile(ctx, &registryv1.AcceptOrganizationProfileRequest{Id: id})
	} else {
		_, err = p.registry.ReturnOrganizationProfile(ctx, &registryv1.ReturnOrganizationProfileRequest{Id: id, Reason: strings.TrimSpace(r.FormValue("reason"))})
	}
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	http.Redirect(w, r, p.path("/organizations/", url.PathEscape(id), "?done=notice.profilereviewed"), http.StatusSeeOther)
}

// reviewRequest records the Committee's consideration of a request on the session's agenda.
func (p *Portal) reviewRequest(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	req := &accreditationv1.ReviewCommitteeRequestRequest{Id: r.PathValue("request"), SessionId: r.PathValue("id"),
		TakeNote: r.FormValue("review") == "take_note", RequestId: r.FormValue("request_id")}
	if q := strings.TrimSpace(r.FormValue("question")); q != "" && !req.TakeNote {
		req.Questions = []*accreditationv1.CommitteeQuestion{{Text: q, AskedBy: r.FormValue("asked_by")}}
	}
	_, err := p.accreditation.ReviewCommitteeRequest(callContext(r.Context(), v), req)
	p.afterCommitteeWrite(w, r, v, err, "notice.reviewed")
}

// fileRequest puts the organization's request to the Committee: a change of name or of
// founding date, or a merger.
func (p *Portal) fileRequest(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	_, err := p.accreditation.FileCommitteeRequest(callContext(r.Context(), v), &accreditationv1.FileCommitteeRequestRequest{
		CommitteeRequest: &accreditationv1.CommitteeRequest{OrganizationId: v.Org,
			Kind:    accreditationv1.CommitteeRequest_Kind(accreditationv1.CommitteeRequest_Kind_value[r.FormValue("kind")]),
			Details: strings.TrimSpace(r.FormValue("details"))},
		RequestId: r.FormValue("request_id")})
	if err != nil {
		p.renderMy(w, r, v, http.StatusUnprocessableEntity, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/my?done=notice.requestfiled#requests"), http.StatusSeeOther)
}
