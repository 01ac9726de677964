package domain

import (
	"strings"
	"time"
)

// Kind says whether an application asks for status for the first time or
// to move an ACTIVE status to another category (reclassification).
type Kind string

// Application kinds.
const (
	KindNew              Kind = "NEW"
	KindReclassification Kind = "RECLASSIFICATION"
)

// Questionnaire is the application form's answers. Every answer is needed
// to submit (csonet.org menu=83: "online questionnaire plus a summary").
type Questionnaire struct {
	AimsAndPurposes     string
	MainActivities      string
	GovernanceStructure string
	FundingSources      string
	UNContributions     string
}

// questionnaireFields names each answer as the API does, for listing the
// missing ones.
func (q Questionnaire) fields() []struct{ name, value string } {
	return []struct{ name, value string }{
		{"questionnaire.aims_and_purposes", q.AimsAndPurposes},
		{"questionnaire.main_activities", q.MainActivities},
		{"questionnaire.governance_structure", q.GovernanceStructure},
		{"questionnaire.funding_sources", q.FundingSources},
		{"questionnaire.un_contributions", q.UNContributions},
	}
}

// Question is a question a member State put to the organization at a
// session, and the organization's answer.
type Question struct {
	ID                string
	Text              string
	AskedBy           string // ISO 3166-1 alpha-2 of the member State
	SessionID         string
	AskedTime         time.Time
	Answer            string
	AnswerTime        time.Time
	RepeatsQuestionID string
	// Reminders are when the reminders of this question were sent (accepted by the mail
	// server), earliest first: the three-reminders rule counts these, not the ones planned.
	Reminders []time.Time
}

// Answered reports whether the organization has answered.
func (q Question) Answered() bool { return !q.AnswerTime.IsZero() }

// Application is an organization's request for consultative status or for
// reclassification, from draft to ECOSOC's decision.
type Application struct {
	ID                  string
	OrganizationID      string
	Kind                Kind
	RequestedCategory   Category
	State               State
	ReviewCycleYear     int
	SessionID           string
	Questionnaire       Questionnaire
	Documents           []Document
	Questions           []Question
	DeferralCount       int
	LastDeferralSession string // the session that last counted a deferral, so a session counts once
	RecommendedCategory Category
	// RecommendDate is the day the Committee recommended the application.
	RecommendDate Date
	DecisionRef   string
	SubmitTime    time.Time
	FinalTime     time.Time // when it reached a final state; stops days pending
	CreateTime    time.Time
	UpdateTime    time.Time
	Revision      int64 // grows with every write; the etag is derived from it
}

// NewApplication starts a draft. The caller has checked who may apply and
// that the organization may apply now (CheckMayApply).
func NewApplication(id, org string, kind Kind, category Category, q Questionnaire, now time.Time) (Application, error) {
	var bad []FieldViolation
	if org == "" {
		bad = append(bad, FieldViolation{"application.organization_id", "is required"})
	}
	if kind == "" {
		kind = KindNew
	}
	if kind != KindNew && kind != KindReclassification {
		bad = append(bad, FieldViolation{"application.kind", "must be KIND_NEW or KIND_RECLASSIFICATION"})
	}
	if !category.Valid() {
		bad = append(bad, FieldViolation{"application.requested_category", "must be General, Special or Roster"})
	}
	if len(bad) > 0 {
		return Application{}, &InvalidError{Fields: bad}
	}
	return Application{
		ID: id, OrganizationID: org, Kind: kind, RequestedCategory: category, State: StateDraft,
		Questionnaire: q, CreateTime: now, UpdateTime: now,
	}, nil
}

// DaysPending is the whole days since submission, up to now or up to the
// moment the application reached a final state, so that long and repeated
// deferrals are visible (domain notes 5.1: "show how long each application
// has been pending").
func (a Application) DaysPending(now time.Time) int {
	if a.SubmitTime.IsZero() {
		return 0
	}
	end := now
	if !a.FinalTime.IsZero() {
		end = a.FinalTime
	}
	if end.Before(a.SubmitTime) {
		return 0
	}
	return int(end.Sub(a.SubmitTime) / (24 * time.Hour))
}

// OpenQuestions lists the questions still waiting for an answer.
func (a Application) OpenQuestions() []Question {
	var out []Question
	for _, q := range a.Questions {
		if !q.Answered() {
			out = append(out, q)
		}
	}
	return out
}

// Question finds a question by id.
func (a *Application) Question(id string) (*Question, bool) {
	for i := range a.Questions {
		if a.Questions[i].ID == id {
			return &a.Questions[i], true
		}
	}
	return nil, false
}

// Document finds a document by id.
func (a Application) Document(id string) (Document, bool) {
	for _, d := range a.Documents {
		if d.ID == id {
			return d, true
		}
	}
	return Document{}, false
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }
