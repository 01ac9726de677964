package grpcapi_test

import (
	"context"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	v1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

func code(err error) codes.Code { return status.Code(err) }

var pdf = []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")

type callers struct {
	ngoA, ngoB, officer, committee, system, anon context.Context
}

func (e *env) callers(t *testing.T) callers {
	return callers{
		ngoA:      e.as(t, "alice", "org_a", auth.RoleNGO),
		ngoB:      e.as(t, "bob", "org_b", auth.RoleNGO),
		officer:   e.as(t, "olga", "", auth.RoleOfficer),
		committee: e.as(t, "cn", "", auth.RoleCommittee),
		system:    e.as(t, "registry", "", auth.RoleSystem),
		anon:      context.Background(),
	}
}

func TestWorkflowOverGRPC(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.callers(t)
	api := e.client

	// Anonymous and wrong-role callers.
	if _, err := api.CreateApplication(c.anon, &v1.CreateApplicationRequest{Application: &v1.Application{OrganizationId: "org_a", RequestedCategory: v1.Category_CATEGORY_SPECIAL}}); code(err) != codes.Unauthenticated {
		t.Fatalf("anonymous create: %v", err)
	}
	if _, err := api.CreateApplication(c.committee, &v1.CreateApplicationRequest{Application: &v1.Application{OrganizationId: "org_a", RequestedCategory: v1.Category_CATEGORY_SPECIAL}}); code(err) != codes.PermissionDenied {
		t.Fatalf("committee create: %v", err)
	}
	created, err := api.CreateApplication(c.ngoA, &v1.CreateApplicationRequest{RequestId: "r1",
		Application: &v1.Application{OrganizationId: "org_a", RequestedCategory: v1.Category_CATEGORY_SPECIAL}})
	if err != nil {
		t.Fatal(err)
	}
	a := created.GetApplication()
	if a.GetState() != v1.Application_STATE_DRAFT || a.GetKind() != v1.Application_KIND_NEW || a.GetEtag() == "" {
		t.Fatalf("created %v", a)
	}
	again, _ := api.CreateApplication(c.ngoA, &v1.CreateApplicationRequest{RequestId: "r1",
		Application: &v1.Application{OrganizationId: "org_a", RequestedCategory: v1.Category_CATEGORY_SPECIAL}})
	if again.GetApplication().GetId() != a.GetId() {
		t.Fatalf("retried request_id made %s", again.GetApplication().GetId())
	}

	// An incomplete submit lists every missing item.
	_, err = api.SubmitApplication(c.ngoA, &v1.SubmitApplicationRequest{Id: a.GetId()})
	st := status.Convert(err)
	if st.Code() != codes.FailedPrecondition {
		t.Fatalf("incomplete submit: %v", err)
	}
	var missing int
	for _, d := range st.Details() {
		if pf, ok := d.(*errdetails.PreconditionFailure); ok {
			missing = len(pf.GetViolations())
		}
	}
	if missing != 8 {
		t.Fatalf("%d missing items listed, want 8 (5 answers, 3 documents): %v", missing, st.Details())
	}

	// A file that is not PDF or Word is refused with a field violation.
	_, err = api.AddApplicationDocument(c.ngoA, &v1.AddApplicationDocumentRequest{ApplicationId: a.GetId(), Kind: v1.DocumentKind_DOCUMENT_KIND_CONSTITUTION,
		Filename: "s.pdf", ContentType: "application/pdf", Content: []byte("MZ\x90\x00 not a pdf")})
	if st := status.Convert(err); st.Code() != codes.InvalidArgument || len(st.Details()) == 0 {
		t.Fatalf("executable upload: %v", err)
	}
	for _, k := range []v1.DocumentKind{v1.DocumentKind_DOCUMENT_KIND_CONSTITUTION, v1.DocumentKind_DOCUMENT_KIND_REGISTRATION_CERTIFICATE, v1.DocumentKind_DOCUMENT_KIND_FINANCIAL_STATEMENT} {
		r, err := api.AddApplicationDocument(c.ngoA, &v1.AddApplicationDocumentRequest{ApplicationId: a.GetId(), Kind: k, Filename: "d.pdf", ContentType: "application/pdf", Content: pdf})
		if err != nil {
			t.Fatal(err)
		}
		a = r.GetApplication()
	}
	doc := a.GetDocuments()[0]
	if len(doc.GetSha256()) != 64 || doc.GetSizeBytes() != int64(len(pdf)) {
		t.Fatalf("document %v", doc)
	}
	body, err := api.DownloadApplicationDocument(c.officer, &v1.DownloadApplicationDocumentRequest{ApplicationId: a.GetId(), DocumentId: doc.GetId()})
	if err != nil || string(body.GetData()) != string(pdf) || body.GetContentType() != "application/pdf" {
		t.Fatalf("download %v %v", body, err)
	}

	// Another NGO can neither read nor change it.
	if _, err := api.GetApplication(c.ngoB, &v1.GetApplicationRequest{Id: a.GetId()}); code(err) != codes.NotFound {
		t.Fatalf("other NGO read: %v", err)
	}
	if _, err := api.DownloadApplicationDocument(c.ngoB, &v1.DownloadApplicationDocumentRequest{ApplicationId: a.GetId(), DocumentId: doc.GetId()}); code(err) != codes.NotFound {
		t.Fatalf("other NGO download: %v", err)
	}
	upd := &v1.Application{Id: a.GetId(), Etag: a.GetEtag(), Questionnaire: &v1.Questionnaire{AimsAndPurposes: "a", MainActivities: "b",
		GovernanceStructure: "c", FundingSources: "d", UnContributions: "e"}}
	if _, err := api.UpdateApplication(c.ngoB, &v1.UpdateApplicationRequest{Application: upd}); code(err) != codes.NotFound {
		t.Fatalf("other NGO update: %v", err)
	}
	updated, err := api.UpdateApplication(c.ngoA, &v1.UpdateApplicationRequest{Application: upd, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"questionnaire", "state", "etag"}}})
	if err != nil {
		t.Fatal(err)
	}
	// The etag read before the edit is stale now.
	if _, err := api.SubmitApplication(c.ngoA, &v1.SubmitApplicationRequest{Id: a.GetId(), Etag: a.GetEtag()}); code(err) != codes.Aborted {
		t.Fatalf("stale etag: %v", err)
	}
	e.clock.Set(time.Date(2027, 6, 2, 16, 0, 0, 0, time.UTC)) // after 1 June in New York: reviewed in 2029
	sub, err := api.SubmitApplication(c.ngoA, &v1.SubmitApplicationRequest{Id: a.GetId(), Etag: updated.GetApplication().GetEtag(), RequestId: "s1"})
	if err != nil {
		t.Fatal(err)
	}
	if sub.GetApplication().GetReviewCycleYear() != 2029 || sub.GetApplication().GetState() != v1.Application_STATE_SUBMITTED {
		t.Fatalf("submitted %v", sub.GetApplication())
	}
	// A step the state does not allow is FAILED_PRECONDITION naming the state.
	_, err = api.AnswerQuestion(c.ngoA, &v1.AnswerQuestionRequest{ApplicationId: a.GetId(), QuestionId: "q", Text: "x"})
	if st := status.Convert(err); st.Code() != codes.FailedPrecondition {
		t.Fatalf("answer while submitted: %v", err)
	}

	ses, err := api.CreateCommitteeSession(c.officer, &v1.CreateCommitteeSessionRequest{CommitteeSession: &v1.CommitteeSession{
		Name: "2029 regular session", Kind: v1.SessionKind_SESSION_KIND_REGULAR,
		StartDate: &date.Date{Year: 2029, Month: 1, Day: 21}, EndDate: &date.Date{Year: 2029, Month: 1, Day: 30},
		Members: []*v1.CommitteeMember{{Code: "CN", Name: "China", TermStart: &date.Date{Year: 2027, Month: 1, Day: 1}, TermEnd: &date.Date{Year: 2030, Month: 12, Day: 31}}}}})
	if err != nil {
		t.Fatal(err)
	}
	sid := ses.GetCommitteeSession().GetId()
	if _, err := api.GetCommitteeSession(c.ngoA, &v1.GetCommitteeSessionRequest{Id: sid}); err != nil {
		t.Fatalf("ngo reads a session: %v", err)
	}
	if _, err := api.ScreenApplication(c.ngoA, &v1.ScreenApplicationRequest{Id: a.GetId(), Complete: true}); code(err) != codes.PermissionDenied {
		t.Fatalf("ngo screens: %v", err)
	}
	if _, err := api.ScreenApplication(c.officer, &v1.ScreenApplicationRequest{Id: a.GetId(), Complete: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.ScheduleApplication(c.officer, &v1.ScheduleApplicationRequest{Id: a.GetId(), SessionId: sid}); err != nil {
		t.Fatal(err)
	}
	q, err := api.PoseQuestion(c.committee, &v1.PoseQuestionRequest{ApplicationId: a.GetId(), Text: "Who funds you?", AskedBy: "CN"})
	if err != nil || q.GetApplication().GetState() != v1.Application_STATE_DEFERRED || q.GetApplication().GetDeferralCount() != 1 {
		t.Fatalf("question %v %v", q, err)
	}
	qid := q.GetApplication().GetQuestions()[0].GetId()
	if _, err := api.AnswerQuestion(c.ngoA, &v1.AnswerQuestionRequest{ApplicationId: a.GetId(), QuestionId: qid, Text: "Members."}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.RecordOutcome(c.officer, &v1.RecordOutcomeRequest{Id: a.GetId(), Outcome: v1.Outcome_OUTCOME_RECOMMEND, RecommendedCategory: v1.Category_CATEGORY_SPECIAL}); code(err) != codes.FailedPrecondition {
		t.Fatalf("an outcome before the session: %v", err)
	}
	e.clock.Set(time.Date(2029, 1, 22, 12, 0, 0, 0, time.UTC))
	if _, err := api.RecordOutcome(c.officer, &v1.RecordOutcomeRequest{Id: a.GetId(), Outcome: v1.Outcome_OUTCOME_RECOMMEND}); code(err) != codes.InvalidArgument {
		t.Fatalf("recommend without a category: %v", err)
	}
	if _, err := api.RecordOutcome(c.officer, &v1.RecordOutcomeRequest{Id: a.GetId(), Outcome: v1.Outcome_OUTCOME_RECOMMEND, RecommendedCategory: v1.Category_CATEGORY_SPECIAL}); err != nil {
		t.Fatal(err)
	}

	// The stream sees the grant; anonymous lookups see the status.
	watchCtx, cancel := context.WithCancel(c.system)
	defer cancel()
	stream, err := api.WatchStatusChanges(watchCtx, &v1.WatchStatusChangesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Set(time.Date(2029, 7, 25, 12, 0, 0, 0, time.UTC))
	if _, err := api.RecordDecision(c.officer, &v1.RecordDecisionRequest{Id: a.GetId(), Decision: v1.Decision_DECISION_GRANT, DecisionRef: "E/2029/32"}); code(err) != codes.InvalidArgument {
		t.Fatalf("grant without a date: %v", err)
	}
	granted, err := api.RecordDecision(c.officer, &v1.RecordDecisionRequest{Id: a.GetId(), Decision: v1.Decision_DECISION_GRANT, DecisionRef: "E/2029/32",
		EffectiveDate: &date.Date{Year: 2029, Month: 7, Day: 25}})
	if err != nil || granted.GetApplication().GetState() != v1.Application_STATE_GRANTED {
		t.Fatalf("grant %v %v", granted, err)
	}
	msg, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	ch := msg.GetStatusChange()
	if ch.GetKind() != v1.StatusChange_KIND_GRANTED || ch.GetSequence() != 1 || ch.GetStatus().GetNextReportDue().GetYear() != 2033 || ch.GetResumeToken() == "" {
		t.Fatalf("change %v", ch)
	}
	status1, err := api.GetConsultativeStatus(c.anon, &v1.GetConsultativeStatusRequest{OrganizationId: "org_a"})
	if err != nil || status1.GetConsultativeStatus().GetState() != v1.ConsultativeStatus_STATE_ACTIVE {
		t.Fatalf("status %v %v", status1, err)
	}
	batch, err := api.BatchGetConsultativeStatuses(c.anon, &v1.BatchGetConsultativeStatusesRequest{OrganizationIds: []string{"org_zz", "org_a"}})
	if err != nil || batch.GetConsultativeStatuses()[0].GetState() != v1.ConsultativeStatus_STATE_NONE || batch.GetConsultativeStatuses()[1].GetCategory() != v1.Category_CATEGORY_SPECIAL {
		t.Fatalf("batch %v %v", batch, err)
	}

	// A consumer resuming from the token gets the next change only, within a second.
	resumed, err := api.WatchStatusChanges(watchCtx, &v1.WatchStatusChangesRequest{Start: &v1.WatchStatusChangesRequest_ResumeToken{ResumeToken: ch.GetResumeToken()}})
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	if _, err := api.WithdrawStatus(c.ngoA, &v1.WithdrawStatusRequest{OrganizationId: "org_a", Etag: status1.GetConsultativeStatus().GetEtag()}); err != nil {
		t.Fatal(err)
	}
	next, err := resumed.Recv()
	if err != nil || next.GetStatusChange().GetSequence() != 2 || next.GetStatusChange().GetKind() != v1.StatusChange_KIND_WITHDRAWN || time.Since(began) > time.Second {
		t.Fatalf("resumed %v %v after %v", next, err, time.Since(began))
	}
	deadline := time.Now().Add(time.Second)
	for {
		s, err := api.GetConsultativeStatus(c.anon, &v1.GetConsultativeStatusRequest{OrganizationId: "org_a"})
		if err == nil && s.GetConsultativeStatus().GetState() == v1.ConsultativeStatus_STATE_WITHDRAWN {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cached status still %v after a second", s.GetConsultativeStatus().GetState())
		}
		time.Sleep(20 * time.Millisecond)
	}

	hist, err := api.ListApplicationEvents(c.ngoA, &v1.ListApplicationEventsRequest{ApplicationId: a.GetId()})
	if err != nil || len(hist.GetApplicationEvents()) != 12 {
		t.Fatalf("history %d entries, %v", len(hist.GetApplicationEvents()), err)
	}
	if _, err := api.ListApplicationEvents(c.committee, &v1.ListApplicationEventsRequest{ApplicationId: a.GetId()}); code(err) != codes.PermissionDenied {
		t.Fatalf("committee reads history: %v", err)
	}
}

func TestWatchRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.callers(t)
	for _, tc := range []struct {
		name string
		ctx  context.Context
		req  *v1.WatchStatusChangesRequest
		want codes.Code
	}{
		{"ngo", c.ngoA, &v1.WatchStatusChangesRequest{}, codes.PermissionDenied},
		{"anonymous", c.anon, &v1.WatchStatusChangesRequest{}, codes.Unauthenticated},
		{"mangled token", c.system, &v1.WatchStatusChangesRequest{Start: &v1.WatchStatusChangesRequest_ResumeToken{ResumeToken: "garbage"}}, codes.InvalidArgument},
		{"cursor ahead", c.system, &v1.WatchStatusChangesRequest{Start: &v1.WatchStatusChangesRequest_AfterSequence{AfterSequence: 42}}, codes.FailedPrecondition},
	} {
		stream, err := e.client.WatchStatusChanges(tc.ctx, tc.req)
		if err == nil {
			_, err = stream.Recv()
		}
		if code(err) != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
		}
	}
}
