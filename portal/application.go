package portal

import (
	"io"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

// questionnaireFields are the questionnaire's answers, in the order of the form.
var questionnaireFields = []string{"aims_and_purposes", "main_activities", "governance_structure", "funding_sources", "un_contributions"}

// requiredDocuments are the documents an application cannot be submitted without.
var requiredDocuments = []accreditationv1.DocumentKind{
	accreditationv1.DocumentKind_DOCUMENT_KIND_CONSTITUTION,
	accreditationv1.DocumentKind_DOCUMENT_KIND_REGISTRATION_CERTIFICATE,
	accreditationv1.DocumentKind_DOCUMENT_KIND_FINANCIAL_STATEMENT,
}

// answers reads the questionnaire by field name, for the form and the missing-items list.
func answers(q *accreditationv1.Questionnaire) map[string]string {
	return map[string]string{
		"aims_and_purposes":    q.GetAimsAndPurposes(),
		"main_activities":      q.GetMainActivities(),
		"governance_structure": q.GetGovernanceStructure(),
		"funding_sources":      q.GetFundingSources(),
		"un_contributions":     q.GetUnContributions(),
	}
}

// missingItems lists, as catalogue keys, what the application still lacks to be submitted:
// the same rule the service applies on submit, shown beforehand so the organization is not
// refused item by item.
func missingItems(a *accreditationv1.Application) []string {
	var out []string
	ans := answers(a.GetQuestionnaire())
	for _, f := range questionnaireFields {
		if strings.TrimSpace(ans[f]) == "" {
			out = append(out, "q."+f)
		}
	}
	have := map[accreditationv1.DocumentKind]bool{}
	for _, d := range a.GetDocuments() {
		have[d.GetKind()] = true
	}
	for _, k := range requiredDocuments {
		if !have[k] {
			out = append(out, "doc."+k.String())
		}
	}
	return out
}

// applicationData is an application's page, for its organization and for officers.
type applicationData struct {
	App          *accreditationv1.Application
	Org          *registryv1.Organization
	Answers      map[string]string
	Fields       []string
	Missing      []string
	Editable     bool
	Owner        bool
	Officer      bool
	History      []*accreditationv1.ApplicationEvent
	Sessions     []*accreditationv1.CommitteeSession
	DocKinds     []accreditationv1.DocumentKind
	Categories   []accreditationv1.Category
	Outcomes     []accreditationv1.Outcome
	Decisions    []accreditationv1.Decision
	CanScreen    bool
	CanSchedule  bool
	CanOutcome   bool
	CanDecide    bool
	CanAsk       bool
	CanWithdraw  bool
	RequestID    string
	DocumentBase string
	// Members are the member States sitting at the application's session: a question is
	// asked by one of them, chosen by name.
	Members []*accreditationv1.CommitteeMember
}

// application shows an application: the questionnaire, documents, questions and history, and
// the forms its reader may use in its state.
func (p *Portal) application(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireSignIn(w, r, v) {
		return
	}
	p.renderApplication(w, r, v, http.StatusOK, nil, nil)
}

func (p *Portal) renderApplication(w http.ResponseWriter, r *http.Request, v viewer, code int, typed map[string]string, errs map[string]string) {
	ctx := callContext(r.Context(), v)
	id := r.PathValue("id")
	resp, err := p.accreditation.GetApplication(ctx, &accreditationv1.GetApplicationRequest{Id: id})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	a := resp.GetApplication()
	st := a.GetState()
	d := applicationData{
		App:          a,
		Answers:      answers(a.GetQuestionnaire()),
		Fields:       questionnaireFields,
		Missing:      missingItems(a),
		Owner:        v.IsNGO() && v.Org == a.GetOrganizationId(),
		Officer:      v.IsOfficer(),
		Categories:   categories(),
		RequestID:    newRequestID(),
		DocumentBase: p.path("/applications/", url.PathEscape(id), "/documents/"),
	}
	for k := range typed {
		d.Answers[k] = typed[k]
	}
	d.Editable = d.Owner && (st == accreditationv1.Application_STATE_DRAFT || st == accreditationv1.Application_STATE_RETURNED)
	for i := 1; i < len(accreditationv1.DocumentKind_name); i++ {
		d.DocKinds = append(d.DocKinds, accreditationv1.DocumentKind(i))
	}
	if org, err := p.registry.GetOrganization(ctx, &registryv1.GetOrganizationRequest{Id: a.GetOrganizationId()}); err == nil {
		d.Org = org.GetOrganization()
	}
	if hist, err := p.accreditation.ListApplicationEvents(ctx, &accreditationv1.ListApplicationEventsRequest{ApplicationId: id, PageSize: 200}); err == nil {
		d.History = hist.GetApplicationEvents()
	}
	open := st == accreditationv1.Application_STATE_PENDING_COMMITTEE || st == accreditationv1.Application_STATE_DEFERRED
	d.CanAsk = open && v.HasAnyRole(auth.RoleOfficer, auth.RoleCommittee)
	if d.CanAsk && d.App.GetSessionId() != "" {
		if s, err := p.accreditation.GetCommitteeSession(ctx, &accreditationv1.GetCommitteeSessionRequest{Id: d.App.GetSessionId()}); err == nil {
			d.Members = s.GetCommitteeSession().GetMembers()
		}
	}
	d.CanWithdraw = d.Owner && !final(st) && st != accreditationv1.Application_STATE_DRAFT
	if d.Officer {
		d.CanScreen = st == accreditationv1.Application_STATE_SUBMITTED
		d.CanSchedule, d.CanOutcome = open, open
		d.CanDecide = st == accreditationv1.Application_STATE_RECOMMENDED || st == accreditationv1.Application_STATE_NOT_RECOMMENDED
		if open {
			if s, err := p.accreditation.ListCommitteeSessions(ctx, &accreditationv1.ListCommitteeSessionsRequest{PageSize: 100}); err == nil {
				d.Sessions = s.GetCommitteeSessions()
			}
		}
		for i := 1; i < len(accreditationv1.Outcome_name); i++ {
			d.Outcomes = append(d.Outcomes, accreditationv1.Outcome(i))
		}
		for i := 1; i < len(accreditationv1.Decision_name); i++ {
			d.Decisions = append(d.Decisions, accreditationv1.Decision(i))
		}
	}
	pg := p.newPage(w, r, v, "app.title")
	pg.Data = d
	pg.Errors = errs
	p.render(w, r, code, "application", pg)
}

// afterWrite sends the reader back to the application with a confirmation, or shows the
// application again with the service's refusal beside the form that caused it.
func (p *Portal) afterWrite(w http.ResponseWriter, r *http.Request, v viewer, err error, notice string, typed map[string]string) {
	if err != nil {
		p.renderApplication(w, r, v, http.StatusUnprocessableEntity, typed, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/applications/", url.PathEscape(r.PathValue("id")), "?done=", notice), http.StatusSeeOther)
}

// saveQuestionnaire saves the answers as they are, complete or not: a draft can be resumed.
func (p *Portal) saveQuestionnaire(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	typed := map[string]string{}
	for _, f := range questionnaireFields {
		typed[f] = strings.TrimSpace(r.FormValue(f))
	}
	_, err := p.accreditation.UpdateApplication(callContext(r.Context(), v), &accreditationv1.UpdateApplicationRequest{
		Application: &accreditationv1.Application{
			Id:             r.PathValue("id"),
			Etag:           r.FormValue("etag"),
			OrganizationId: v.Org,
			Questionnaire: &accreditationv1.Questionnaire{
				AimsAndPurposes:     typed["aims_and_purposes"],
				MainActivities:      typed["main_activities"],
				GovernanceStructure: typed["governance_structure"],
				FundingSources:      typed["funding_sources"],
				UnContributions:     typed["un_contributions"],
			},
		},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"questionnaire"}},
	})
	p.afterWrite(w, r, v, err, "notice.saved", typed)
}

// uploadDocument attaches one file; its type is taken from its name and checked by the
// service against its content.
func (p *Portal) uploadDocument(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		p.afterWrite(w, r, v, status.Error(codes.InvalidArgument, translate(languageOf(r), "err.nofile")), "", nil)
		return
	}
	defer file.Close()
	content, err := io.ReadAll(file)
	if err != nil {
		p.afterWrite(w, r, v, status.Error(codes.InvalidArgument, err.Error()), "", nil)
		return
	}
	name := filepath.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
	_, err = p.accreditation.AddApplicationDocument(callContext(r.Context(), v), &accreditationv1.AddApplicationDocumentRequest{
		ApplicationId: r.PathValue("id"),
		Kind:          accreditationv1.DocumentKind(accreditationv1.DocumentKind_value[r.FormValue("kind")]),
		Filename:      name,
		ContentType:   documentType(name, header.Header.Get("Content-Type")),
		Content:       content,
		Etag:          r.FormValue("etag"),
		RequestId:     r.FormValue("request_id"),
	})
	p.afterWrite(w, r, v, err, "notice.uploaded", nil)
}

// documentType names the MIME type of an uploaded file by its extension, since browsers
// disagree on what they send for Word files.
func documentType(name, sent string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return "application/pdf"
	case ".doc":
		return "application/msword"
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return sent
}

// downloadDocument relays a document to a reader the service allows to see it.
func (p *Portal) downloadDocument(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireSignIn(w, r, v) {
		return
	}
	body, err := p.accreditation.DownloadApplicationDocument(callContext(r.Context(), v), &accreditationv1.DownloadApplicationDocumentRequest{
		ApplicationId: r.PathValue("id"), DocumentId: r.PathValue("doc"),
	})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	name := r.PathValue("doc")
	if app, err := p.accreditation.GetApplication(callContext(r.Context(), v), &accreditationv1.GetApplicationRequest{Id: r.PathValue("id")}); err == nil {
		for _, d := range app.GetApplication().GetDocuments() {
			if d.GetId() == r.PathValue("doc") {
				name = d.GetFilename()
			}
		}
	}
	w.Header().Set("Content-Type", body.GetContentType())
	// Saved under the name it was uploaded with, never shown inline: a document is the
	// organization's file, not part of the portal's pages.
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, _ = w.Write(body.GetData())
}

// submitApplication sends the application to the Secretariat.
func (p *Portal) submitApplication(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	_, err := p.accreditation.SubmitApplication(callContext(r.Context(), v), &accreditationv1.SubmitApplicationRequest{
		Id: r.PathValue("id"), Etag: r.FormValue("etag"), RequestId: r.FormValue("request_id"),
	})
	p.afterWrite(w, r, v, err, "notice.submitted", nil)
}

// answerQuestion records the organization's answer to a member State's question.
func (p *Portal) answerQuestion(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	_, err := p.accreditation.AnswerQuestion(callContext(r.Context(), v), &accreditationv1.AnswerQuestionRequest{
		ApplicationId: r.PathValue("id"),
		QuestionId:    r.PathValue("qid"),
		Text:          strings.TrimSpace(r.FormValue("text")),
		Etag:          r.FormValue("etag"),
		RequestId:     r.FormValue("request_id"),
	})
	p.afterWrite(w, r, v, err, "notice.answered", nil)
}

// withdrawApplication lets the organization take back an application still under review.
func (p *Portal) withdrawApplication(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	_, err := p.accreditation.WithdrawApplication(callContext(r.Context(), v), &accreditationv1.WithdrawApplicationRequest{
		Id: r.PathValue("id"), Reason: strings.TrimSpace(r.FormValue("reason")),
		Etag: r.FormValue("etag"), RequestId: r.FormValue("request_id"),
	})
	p.afterWrite(w, r, v, err, "notice.withdrawn", nil)
}

// final reports whether an application has reached a state nothing changes any more.
func final(s accreditationv1.Application_State) bool {
	switch s {
	case accreditationv1.Application_STATE_GRANTED, accreditationv1.Application_STATE_REJECTED,
		accreditationv1.Application_STATE_CLOSED, accreditationv1.Application_STATE_WITHDRAWN:
		return true
	}
	return false
}
