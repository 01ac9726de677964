package domain

import (
	"fmt"
	"time"
)

// RequestKind is what an organization asks the Committee on NGOs to take note of.
type RequestKind string

// Request kinds. A change of name goes through iCSO's "Change of name", with a signed letter
// and the registration certificate showing both names; the Committee takes note of it
// (ecosoc.un.org/en/ngo/change-of-name; press.un.org/en/2019/ecosoc6963.doc.htm). A change of
// founding date is handled the same way, since the two-year rule reads it. The Committee takes
// note of mergers (un.org/press/en/2020/ngo908.doc.htm) and of withdrawals of applications
// (E/2024/32 Part II).
const (
	RequestChangeOfName        RequestKind = "CHANGE_OF_NAME"
	RequestChangeOfFoundingDay RequestKind = "CHANGE_OF_FOUNDING_DATE"
	RequestMerger              RequestKind = "MERGER"
	RequestWithdrawApplication RequestKind = "WITHDRAW_APPLICATION"
)

// RequestState is where the Committee's consideration of a request stands.
type RequestState string

// Request states.
const (
	RequestSubmitted RequestState = "SUBMITTED"
	RequestTakenNote RequestState = "TAKEN_NOTE"
	RequestDeferred  RequestState = "DEFERRED"
)

// CommitteeRequest is a request before the Committee.
type CommitteeRequest struct {
	ID             string
	OrganizationID string
	Kind           RequestKind
	// Details is what is asked, in words: the new name, the founding date and the document
	// showing it, the organizations merging.
	Details string
	// ApplicationID is the application to withdraw, for WITHDRAW_APPLICATION.
	ApplicationID string
	State         RequestState
	SessionID     string
	Questions     []Question
	CreateTime    time.Time
	UpdateTime    time.Time
	Revision      int64
}

// NewCommitteeRequest checks a request's fields.
func NewCommitteeRequest(id, org string, kind RequestKind, details, appID string, now time.Time) (CommitteeRequest, error) {
	var bad []FieldViolation
	if org == "" {
		bad = append(bad, FieldViolation{"committee_request.organization_id", "is required"})
	}
	switch kind {
	case RequestChangeOfName, RequestChangeOfFoundingDay, RequestMerger:
	case RequestWithdrawApplication:
		if appID == "" {
			bad = append(bad, FieldViolation{"committee_request.application_id", "is required to withdraw an application"})
		}
	default:
		bad = append(bad, FieldViolation{"committee_request.kind", "must be CHANGE_OF_NAME, CHANGE_OF_FOUNDING_DATE, MERGER or WITHDRAW_APPLICATION"})
	}
	if blank(details) {
		bad = append(bad, FieldViolation{"committee_request.details", "must say what is asked (the new name, the founding date and its document, the merger)"})
	}
	if len(bad) > 0 {
		return CommitteeRequest{}, &InvalidError{Fields: bad}
	}
	return CommitteeRequest{ID: id, OrganizationID: org, Kind: kind, Details: details, ApplicationID: appID, State: RequestSubmitted,
		CreateTime: now, UpdateTime: now, Revision: 1}, nil
}

// Review records the Committee's consideration at session ses: it takes note, or defers the
// request with a member State's question. The request must be on the session's agenda and
// the session must have started.
func (r *CommitteeRequest) Review(takeNote bool, ses CommitteeSession, questions []NewQuestion, now time.Time) error {
	if r.State == RequestTakenNote {
		return &PreconditionError{Reason: "ALREADY_TAKEN_NOTE", Message: "the Committee already took note of request " + r.ID}
	}
	if r.SessionID != ses.ID {
		return &PreconditionError{Reason: "NOT_ON_AGENDA", Message: fmt.Sprintf("request %s is not on the agenda of %s", r.ID, ses.Name)}
	}
	if DateAt(now).Before(ses.StartDate) {
		return &PreconditionError{Reason: "SESSION_NOT_STARTED", Message: ses.Name + " starts on " + ses.StartDate.String()}
	}
	if takeNote {
		r.State, r.UpdateTime = RequestTakenNote, now
		return nil
	}
	if len(questions) == 0 {
		return &PreconditionError{Reason: "DEFER_WITHOUT_QUESTION", Message: "a deferred request needs the member State's question"}
	}
	for i, q := range questions {
		if blank(q.Text) {
			return Invalid(fmt.Sprintf("questions[%d].text", i), "is required")
		}
		if err := ses.CheckAsker(fmt.Sprintf("questions[%d].asked_by", i), q.AskedBy); err != nil {
			return err
		}
		r.Questions = append(r.Questions, Question{ID: q.ID, Text: q.Text, AskedBy: q.AskedBy, SessionID: ses.ID, AskedTime: now})
	}
	r.State, r.UpdateTime = RequestDeferred, now
	return nil
}
