package grpcapi

import (
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/protobuf/types/known/timestamppb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// The domain's enumerations are spelled like the contract's without the
// type prefix (STATE_DRAFT is domain.StateDraft = "DRAFT"), so one pair of
// helpers converts every enum through the generated name tables.

func fromEnum[T ~string](names map[int32]string, v int32, prefix string) T {
	name := names[v]
	if name == "" || strings.HasSuffix(name, "_UNSPECIFIED") {
		return ""
	}
	return T(strings.TrimPrefix(name, prefix))
}

func toEnum[T ~string](values map[string]int32, v T, prefix string) int32 {
	if v == "" {
		return 0
	}
	return values[prefix+string(v)]
}

func ts(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

func toDate(d domain.Date) *date.Date {
	if d.IsZero() {
		return nil
	}
	return &date.Date{Year: int32(d.Year), Month: int32(d.Month), Day: int32(d.Day)}
}

func fromDate(d *date.Date) domain.Date {
	if d == nil {
		return domain.Date{}
	}
	return domain.Date{Year: int(d.GetYear()), Month: time.Month(d.GetMonth()), Day: int(d.GetDay())}
}

func categoryToProto(c domain.Category) accreditationv1.Category {
	return accreditationv1.Category(toEnum(accreditationv1.Category_value, c, "CATEGORY_"))
}

func categoryFromProto(c accreditationv1.Category) domain.Category {
	return fromEnum[domain.Category](accreditationv1.Category_name, int32(c), "CATEGORY_")
}

func stateToProto(s domain.State) accreditationv1.Application_State {
	return accreditationv1.Application_State(toEnum(accreditationv1.Application_State_value, s, "STATE_"))
}

func stateFromProto(s accreditationv1.Application_State) domain.State {
	return fromEnum[domain.State](accreditationv1.Application_State_name, int32(s), "STATE_")
}

func kindFromProto(k accreditationv1.Application_Kind) domain.Kind {
	return fromEnum[domain.Kind](accreditationv1.Application_Kind_name, int32(k), "KIND_")
}

func documentKindFromProto(k accreditationv1.DocumentKind) domain.DocumentKind {
	return fromEnum[domain.DocumentKind](accreditationv1.DocumentKind_name, int32(k), "DOCUMENT_KIND_")
}

func questionnaireFromProto(q *accreditationv1.Questionnaire) domain.Questionnaire {
	return domain.Questionnaire{
		AimsAndPurposes: q.GetAimsAndPurposes(), MainActivities: q.GetMainActivities(), GovernanceStructure: q.GetGovernanceStructure(),
		FundingSources: q.GetFundingSources(), UNContributions: q.GetUnContributions(),
	}
}

func documentToProto(d domain.Document) *accreditationv1.Document {
	return &accreditationv1.Document{
		Id: d.ID, Kind: accreditationv1.DocumentKind(toEnum(accreditationv1.DocumentKind_value, d.Kind, "DOCUMENT_KIND_")),
		Filename: d.Filename, ContentType: d.ContentType, SizeBytes: d.SizeBytes, Sha256: d.SHA256, UploadTime: ts(d.UploadTime),
	}
}

// applicationToProto renders an application as of now (days pending grow
// with time).
func applicationToProto(a domain.Application, now time.Time) *accreditationv1.Application {
	q := a.Questionnaire
	out := &accreditationv1.Application{
		Id:                a.ID,
		OrganizationId:    a.OrganizationID,
		Kind:              accreditationv1.Application_Kind(toEnum(accreditationv1.Application_Kind_value, a.Kind, "KIND_")),
		RequestedCategory: categoryToProto(a.RequestedCategory),
		State:             stateToProto(a.State),
		ReviewCycleYear:   int32(a.ReviewCycleYear),
		SessionId:         a.SessionID,
		Questionnaire: &accreditationv1.Questionnaire{AimsAndPurposes: q.AimsAndPurposes, MainActivities: q.MainActivities,
			GovernanceStructure: q.GovernanceStructure, FundingSources: q.FundingSources, UnContributions: q.UNContributions},
		DeferralCount:       int32(a.DeferralCount),
		RecommendedCategory: categoryToProto(a.RecommendedCategory),
		DecisionRef:         a.DecisionRef,
		SubmitTime:          ts(a.SubmitTime),
		DaysPending:         int32(a.DaysPending(now)),
		CreateTime:          ts(a.CreateTime),
		UpdateTime:          ts(a.UpdateTime),
		Etag:                app.ETag(a.ID, a.Revision),
	}
	for _, d := range a.Documents {
		out.Documents = append(out.Documents, documentToProto(d))
	}
	for _, qu := range a.Questions {
		out.Questions = append(out.Questions, &accreditationv1.Question{
			Id: qu.ID, Text: qu.Text, AskedBy: qu.AskedBy, SessionId: qu.SessionID, AskedTime: ts(qu.AskedTime),
			Answer: qu.Answer, AnswerTime: ts(qu.AnswerTime), RepeatsQuestionId: qu.RepeatsQuestionID,
		})
	}
	return out
}

func eventToProto(e domain.Event) *accreditationv1.ApplicationEvent {
	return &accreditationv1.ApplicationEvent{
		Id:            e.ID,
		ApplicationId: e.ApplicationID,
		Actor:         &accreditationv1.Actor{Subject: e.Actor.Subject, Roles: e.Actor.Roles, OrganizationId: e.Actor.Org},
		Action:        accreditationv1.ApplicationEvent_Action(toEnum(accreditationv1.ApplicationEvent_Action_value, e.Action, "ACTION_")),
		FromState:     stateToProto(e.From),
		ToState:       stateToProto(e.To),
		RequestId:     e.RequestID,
		EventTime:     ts(e.Time),
		SessionId:     e.SessionID,
		Note:          e.Note,
	}
}

func sessionToProto(s domain.CommitteeSession) *accreditationv1.CommitteeSession {
	return &accreditationv1.CommitteeSession{
		Id: s.ID, Name: s.Name,
		Kind:      accreditationv1.SessionKind(toEnum(accreditationv1.SessionKind_value, s.Kind, "SESSION_KIND_")),
		StartDate: toDate(s.StartDate), EndDate: toDate(s.EndDate),
		CreateTime: ts(s.CreateTime), UpdateTime: ts(s.UpdateTime), Etag: app.ETag(s.ID, s.Revision),
		Members: membersToProto(s.Members),
	}
}

func membersToProto(ms []domain.Member) []*accreditationv1.CommitteeMember {
	out := make([]*accreditationv1.CommitteeMember, len(ms))
	for i, m := range ms {
		out[i] = &accreditationv1.CommitteeMember{Code: m.Code, Name: m.Name, TermStart: toDate(m.TermStart), TermEnd: toDate(m.TermEnd)}
	}
	return out
}

func membersFromProto(ms []*accreditationv1.CommitteeMember) []domain.Member {
	out := make([]domain.Member, len(ms))
	for i, m := range ms {
		out[i] = domain.Member{Code: m.GetCode(), Name: m.GetName(), TermStart: fromDate(m.GetTermStart()), TermEnd: fromDate(m.GetTermEnd())}
	}
	return out
}

func reasonToProto(r domain.Reason) accreditationv1.StatusReason {
	return accreditationv1.StatusReason(toEnum(accreditationv1.StatusReason_value, r, "STATUS_REASON_"))
}

func reasonFromProto(r accreditationv1.StatusReason) domain.Reason {
	return fromEnum[domain.Reason](accreditationv1.StatusReason_name, int32(r), "STATUS_REASON_")
}

func questionsFromProto(qs []*accreditationv1.CommitteeQuestion) []domain.NewQuestion {
	out := make([]domain.NewQuestion, len(qs))
	for i, q := range qs {
		out[i] = domain.NewQuestion{Text: q.GetText(), AskedBy: q.GetAskedBy()}
	}
	return out
}

func statusStateToProto(s domain.StatusState) accreditationv1.ConsultativeStatus_State {
	if s == "" {
		s = domain.StatusNone
	}
	return accreditationv1.ConsultativeStatus_State(toEnum(accreditationv1.ConsultativeStatus_State_value, s, "STATE_"))
}

func statusToProto(s domain.Status) *accreditationv1.ConsultativeStatus {
	out := &accreditationv1.ConsultativeStatus{
		OrganizationId: s.OrganizationID, Category: categoryToProto(s.Category), State: statusStateToProto(s.State),
		GrantedOn: toDate(s.GrantedOn), DecisionRef: s.DecisionRef, NextReportDue: toDate(s.NextReportDue),
		SuspendedUntil: toDate(s.SuspendedUntil), WithdrawnOn: toDate(s.WithdrawnOn), UpdateTime: ts(s.UpdateTime),
	}
	if s.Revision > 0 {
		out.Etag = app.ETag(s.OrganizationID, s.Revision)
	}
	return out
}

func changeToProto(c domain.Change) *accreditationv1.StatusChange {
	return &accreditationv1.StatusChange{
		Sequence:             c.Sequence,
		OrganizationId:       c.OrganizationID,
		Kind:                 accreditationv1.StatusChange_Kind(toEnum(accreditationv1.StatusChange_Kind_value, c.Kind, "KIND_")),
		Status:               statusToProto(c.Status),
		PreviousState:        statusStateToProto(c.PreviousState),
		PreviousCategory:     categoryToProto(c.PreviousCategory),
		ChangeTime:           ts(c.Time),
		ApplicationId:        c.ApplicationID,
		ResumeToken:          resumeToken(c.Sequence),
		RevokedCredentialIds: c.RevokedCredentials,
		DecisionSymbol:       c.Decision,
		Reason:               reasonToProto(c.Reason),
		SuspensionYears:      int32(c.SuspensionYears),
		Note:                 c.Note,
	}
}

func reportToProto(r domain.QuadrennialReport) *accreditationv1.QuadrennialReport {
	out := &accreditationv1.QuadrennialReport{
		Id: r.ID, OrganizationId: r.OrganizationID, PeriodStartYear: int32(r.PeriodStartYear), PeriodEndYear: int32(r.PeriodEndYear),
		Summary: r.Summary, SubmitTime: ts(r.SubmitTime), CreateTime: ts(r.CreateTime), UpdateTime: ts(r.UpdateTime),
		Etag: app.ETag(r.ID, r.Revision), ReviewState: string(r.ReviewState), SessionId: r.SessionID,
	}
	if r.Document != nil {
		out.Document = documentToProto(*r.Document)
	}
	return out
}
