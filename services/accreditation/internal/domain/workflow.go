package domain

import (
	"fmt"
	"time"
)

// Outcome is what the Committee concluded at a session.
type Outcome string

// Committee outcomes (domain notes 1.3; 2018 regular session: 223
// recommended, 242 deferred, 2 not recommended, 16 closed,
// un.org/press/en/2018/ecosoc6890.doc.htm).
const (
	OutcomeRecommend    Outcome = "RECOMMEND"
	OutcomeDefer        Outcome = "DEFER"
	OutcomeClose        Outcome = "CLOSE"
	OutcomeNotRecommend Outcome = "NOT_RECOMMEND"
)

// Decision is ECOSOC's decision on the Committee's draft decision.
type Decision string

// ECOSOC decisions: it adopts the Committee's report, overturns it, or
// sends it back (ecosoc.un.org/zh/node/12582).
const (
	DecisionGrant     Decision = "GRANT"
	DecisionReject    Decision = "REJECT"
	DecisionReferBack Decision = "REFER_BACK"
)

// Edit replaces the editable fields of a DRAFT or RETURNED application.
func (a *Application) Edit(actor Actor, category Category, q Questionnaire, now time.Time) (Event, error) {
	if err := a.require(ActionUpdate); err != nil {
		return Event{}, err
	}
	if !category.Valid() {
		return Event{}, Invalid("application.requested_category", "must be General, Special or Roster")
	}
	a.RequestedCategory, a.Questionnaire = category, q
	return a.step(actor, ActionUpdate, a.State, now, "", ""), nil
}

// AttachDocument adds a checked document (see CheckUpload).
func (a *Application) AttachDocument(actor Actor, d Document, now time.Time) (Event, error) {
	if err := a.require(ActionAddDocument); err != nil {
		return Event{}, err
	}
	a.Documents = append(a.Documents, d)
	return a.step(actor, ActionAddDocument, a.State, now, "", fmt.Sprintf("%s %s (%s, sha256 %s)", d.Kind, d.Filename, d.ContentType, d.SHA256)), nil
}

// Submit sends the application to the Secretariat; see CheckSubmission for
// the rules a submission must meet.
func (a *Application) Submit(actor Actor, org Organization, now time.Time) (Event, error) {
	if err := a.require(ActionSubmit); err != nil {
		return Event{}, err
	}
	received := DateAt(now)
	if err := CheckSubmission(*a, org, received); err != nil {
		return Event{}, err
	}
	from := a.State
	a.State = StateSubmitted
	a.SubmitTime = now
	a.ReviewCycleYear = ReviewCycleYear(received)
	return a.step(actor, ActionSubmit, from, now, "", fmt.Sprintf("received %s; review cycle %d", received, a.ReviewCycleYear)), nil
}

// Screen records the NGO Branch's screening: complete goes on to the
// Committee, incomplete goes back to the organization with notes.
func (a *Application) Screen(actor Actor, complete bool, notes string, now time.Time) (Event, error) {
	if err := a.require(ActionScreen); err != nil {
		return Event{}, err
	}
	if !complete && blank(notes) {
		return Event{}, Invalid("notes", "are required when the application is incomplete: say what is missing")
	}
	from := a.State
	a.State = StatePendingCommittee
	if !complete {
		a.State = StateReturned
	}
	return a.step(actor, ActionScreen, from, now, "", notes), nil
}

// Schedule lists the application for a session that has not ended and that
// is not earlier than the review cycle fixed at submission.
func (a *Application) Schedule(actor Actor, s CommitteeSession, now time.Time) (Event, error) {
	if err := a.require(ActionSchedule); err != nil {
		return Event{}, err
	}
	today := DateAt(now)
	if s.Ended(today) {
		return Event{}, &PreconditionError{Reason: "SESSION_ENDED",
			Message: fmt.Sprintf("session %s ended on %s", s.Name, s.EndDate)}
	}
	if s.StartDate.Year < a.ReviewCycleYear {
		return Event{}, &PreconditionError{Reason: "BEFORE_REVIEW_CYCLE",
			Message: fmt.Sprintf("session %s is in %d, before the application's review cycle %d", s.Name, s.StartDate.Year, a.ReviewCycleYear)}
	}
	a.SessionID = s.ID
	return a.step(actor, ActionSchedule, a.State, now, s.ID, s.Name), nil
}

// countDeferral adds one deferral unless this session already counted one:
// "a session counts once however many questions it asked".
func (a *Application) countDeferral(session string) {
	if session != "" && a.LastDeferralSession == session {
		return
	}
	a.DeferralCount++
	a.LastDeferralSession = session
}

// PoseQuestion records a member State's question; the application is
// deferred until it is answered (domain notes 1.3: "deferred(questions) —
// any Committee member asks a question"; questions come from named member
// States, marketscreener copy of the Committee's press release). ses is the
// session it was asked at; only a member State sitting at it may ask.
func (a *Application) PoseQuestion(actor Actor, qid, text, askedBy string, ses CommitteeSession, now time.Time) (Event, error) {
	if err := a.require(ActionPoseQuestion); err != nil {
		return Event{}, err
	}
	if blank(text) {
		return Event{}, Invalid("text", "is required")
	}
	if ses.ID == "" {
		return Event{}, &PreconditionError{Reason: "NOT_SCHEDULED",
			Message: "the application is not scheduled for a session; name the session the question was asked at"}
	}
	if err := ses.CheckAsker("asked_by", askedBy); err != nil {
		return Event{}, err
	}
	from := a.State
	q := a.addQuestion(qid, text, askedBy, ses.ID, now)
	note := "asked by " + askedBy
	if q.RepeatsQuestionID != "" {
		note += "; repeats question " + q.RepeatsQuestionID
	}
	return a.step(actor, ActionPoseQuestion, from, now, ses.ID, note), nil
}

func (a *Application) addQuestion(qid, text, askedBy, sessionID string, now time.Time) Question {
	q := Question{ID: qid, Text: text, AskedBy: askedBy, SessionID: sessionID, AskedTime: now,
		RepeatsQuestionID: FindRepeat(a.Questions, text)}
	a.Questions = append(a.Questions, q)
	a.State = StateDeferred
	a.countDeferral(sessionID)
	return q
}

// PutOnAgenda lists an application before the Committee at session s: a
// new one due for it (its review cycle has come) or one carried over from
// an earlier session, deferred or answered. Carrying over is what the
// Committee does with every deferred application (E/2024/32 Part II:
// "new and deferred applications"), so no officer has to reschedule them.
func (a *Application) PutOnAgenda(actor Actor, s CommitteeSession, now time.Time) (Event, error) {
	if a.State != StatePendingCommittee && a.State != StateDeferred {
		return Event{}, TransitionError(ActionSchedule, a.State)
	}
	prev := a.SessionID
	ev, err := a.Schedule(actor, s, now)
	if err != nil {
		return ev, err
	}
	ev.Note = "on the agenda of " + s.Name
	if prev != "" && prev != s.ID {
		ev.Note += "; carried over"
	}
	return ev, nil
}

func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// AnswerQuestion records the organization's answer; once every question is
// answered the application returns to the Committee for a later session
// ("NGO Response System", esango.un.org).
func (a *Application) AnswerQuestion(actor Actor, qid, text string, now time.Time) (Event, error) {
	if err := a.require(ActionAnswerQuestion); err != nil {
		return Event{}, err
	}
	if blank(text) {
		return Event{}, Invalid("text", "is required")
	}
	q, ok := a.Question(qid)
	if !ok {
		return Event{}, &NotFoundError{What: "question", ID: qid}
	}
	if q.Answered() {
		return Event{}, &PreconditionError{Reason: "ALREADY_ANSWERED",
			Message: fmt.Sprintf("question %s was already answered on %s", qid, q.AnswerTime.Format(time.DateOnly))}
	}
	q.Answer, q.AnswerTime = text, now
	from := a.State
	if len(a.OpenQuestions()) == 0 {
		a.State = StatePendingCommittee
	}
	return a.step(actor, ActionAnswerQuestion, from, now, q.SessionID, "answer to "+qid), nil
}

// NewQuestion is a question put with a DEFER outcome.
type NewQuestion struct {
	ID      string
	Text    string
	AskedBy string
}

// RecordOutcome records the Committee's conclusion at session ses. held is
// the category the organization holds now, so that a reclassification is
// never recommended to the same category. The application must be on the
// session's agenda and the session must have started (the Committee
// decides in session; an outcome before it, or before the application's
// review year, is not one). A DEFER must leave a question to answer: one
// given with it, or one already put at this session (domain notes 1.3,
// "deferred(questions)").
func (a *Application) RecordOutcome(actor Actor, o Outcome, recommended Category, ses CommitteeSession, notes string, held Category, questions []NewQuestion, now time.Time) (Event, error) {
	if err := a.require(ActionRecordOutcome); err != nil {
		return Event{}, err
	}
	if (o == OutcomeRecommend) != recommended.Valid() || (o != OutcomeRecommend && recommended != CategoryNone) {
		return Event{}, Invalid("recommended_category", "is required for OUTCOME_RECOMMEND and must be unset otherwise")
	}
	if o != OutcomeDefer && len(questions) > 0 {
		return Event{}, Invalid("questions", "are given only with OUTCOME_DEFER")
	}
	if ses.ID == "" || a.SessionID != ses.ID {
		return Event{}, &PreconditionError{Reason: "NOT_ON_AGENDA",
			Message: fmt.Sprintf("application %s is not on the agenda of session %s: the Committee decides only on the items before it", a.ID, orNone(ses.Name))}
	}
	today := DateAt(now)
	if today.Before(ses.StartDate) {
		return Event{}, &PreconditionError{Reason: "SESSION_NOT_STARTED",
			Message: fmt.Sprintf("session %s starts on %s: its outcomes are recorded from then", ses.Name, ses.StartDate)}
	}
	if ses.StartDate.Year < a.ReviewCycleYear {
		return Event{}, &PreconditionError{Reason: "BEFORE_REVIEW_CYCLE",
			Message: fmt.Sprintf("session %s is in %d, before the application's review cycle %d", ses.Name, ses.StartDate.Year, a.ReviewCycleYear)}
	}
	from := a.State
	switch o {
	case OutcomeRecommend:
		if a.Kind == KindReclassification && recommended == held {
			return Event{}, &PreconditionError{Reason: "SAME_CATEGORY",
				Message: fmt.Sprintf("the organization already holds %s status: a reclassification must be to another category", held)}
		}
		a.State, a.RecommendedCategory, a.RecommendDate = StateRecommended, recommended, today
	case OutcomeDefer:
		for i, q := range questions {
			if blank(q.Text) {
				return Event{}, Invalid(fmt.Sprintf("questions[%d].text", i), "is required")
			}
			if err := ses.CheckAsker(fmt.Sprintf("questions[%d].asked_by", i), q.AskedBy); err != nil {
				return Event{}, err
			}
			a.addQuestion(q.ID, q.Text, q.AskedBy, ses.ID, now)
		}
		open := false
		for _, q := range a.OpenQuestions() {
			open = open || q.SessionID == ses.ID
		}
		if !open {
			return Event{}, &PreconditionError{Reason: "DEFER_WITHOUT_QUESTION",
				Message: "a deferral must leave the organization a question to answer: give the member State's question with it"}
		}
		a.State = StateDeferred
		a.countDeferral(ses.ID)
	case OutcomeClose:
		a.State = StateClosed
	case OutcomeNotRecommend:
		a.State = StateNotRecommended
	default:
		return Event{}, Invalid("outcome", "must be RECOMMEND, DEFER, CLOSE or NOT_RECOMMEND")
	}
	note := string(o)
	if o == OutcomeRecommend {
		note += " " + string(recommended)
	}
	if notes != "" {
		note += ": " + notes
	}
	return a.step(actor, ActionRecordOutcome, from, now, ses.ID, note), nil
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// GrantedCategory is the category ECOSOC grants: the one the Committee
// recommended, or the requested one when ECOSOC overturns a
// non-recommendation.
func (a Application) GrantedCategory() Category {
	if a.RecommendedCategory.Valid() {
		return a.RecommendedCategory
	}
	return a.RequestedCategory
}

// RecordDecision records ECOSOC's decision. The change to the status of
// record that a grant makes is the Status's business (Grant, Reclassify).
//
// ECOSOC decides at a later meeting than the Committee's (the Committee's
// report on its regular session is taken up in June, on its resumed
// session in July: media.un.org d3175914, press.un.org ngo973), so a grant
// dated decided must come after the day of the recommendation; zero means
// today.
func (a *Application) RecordDecision(actor Actor, d Decision, ref, notes string, decided Date, now time.Time) (Event, error) {
	if err := a.require(ActionRecordDecision); err != nil {
		return Event{}, err
	}
	if blank(ref) {
		return Event{}, Invalid("decision_ref", "is required, e.g. E/2022/32")
	}
	if decided.IsZero() {
		decided = DateAt(now)
	}
	if d == DecisionGrant && a.RecommendDate.IsFull() && !decided.After(a.RecommendDate) {
		return Event{}, &PreconditionError{Reason: "NOT_AFTER_RECOMMENDATION",
			Message: fmt.Sprintf("the Committee recommended the application on %s: ECOSOC's decision comes at a later meeting, not on %s", a.RecommendDate, decided)}
	}
	from := a.State
	switch d {
	case DecisionGrant:
		a.State = StateGranted
	case DecisionReject:
		a.State = StateRejected
	case DecisionReferBack:
		// Referred back: the Committee takes it up again at a session still to be chosen.
		a.State, a.SessionID = StatePendingCommittee, ""
	default:
		return Event{}, Invalid("decision", "must be GRANT, REJECT or REFER_BACK")
	}
	a.DecisionRef = ref
	note := string(d) + " " + ref
	if notes != "" {
		note += ": " + notes
	}
	return a.step(actor, ActionRecordDecision, from, now, "", note), nil
}

// Withdraw ends an open application at the organization's request.
func (a *Application) Withdraw(actor Actor, reason string, now time.Time) (Event, error) {
	if err := a.require(ActionWithdraw); err != nil {
		return Event{}, err
	}
	from := a.State
	a.State = StateWithdrawn
	return a.step(actor, ActionWithdraw, from, now, "", reason), nil
}

// CloseForNoAnswer closes a deferred application without prejudice under
// the no-answer rule described by rule.
func (a *Application) CloseForNoAnswer(actor Actor, sessionID, rule string, now time.Time) (Event, error) {
	if err := a.require(ActionCloseNoAnswer); err != nil {
		return Event{}, err
	}
	from := a.State
	a.State = StateClosed
	return a.step(actor, ActionCloseNoAnswer, from, now, sessionID, rule), nil
}
