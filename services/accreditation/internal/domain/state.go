package domain

import (
	"slices"
	"strings"
)

// State is where an application is in the review (section 1.3 of the
// domain notes: draft, submitted, screened, before the Committee, deferred,
// recommended or not, then ECOSOC's decision).
type State string

// Application states. GRANTED, REJECTED, CLOSED and WITHDRAWN are final.
const (
	StateDraft            State = "DRAFT"
	StateSubmitted        State = "SUBMITTED"
	StateReturned         State = "RETURNED"
	StatePendingCommittee State = "PENDING_COMMITTEE"
	StateDeferred         State = "DEFERRED"
	StateRecommended      State = "RECOMMENDED"
	StateNotRecommended   State = "NOT_RECOMMENDED"
	StateGranted          State = "GRANTED"
	StateRejected         State = "REJECTED"
	StateClosed           State = "CLOSED"
	StateWithdrawn        State = "WITHDRAWN"
)

// AllStates lists every state in workflow order.
var AllStates = []State{
	StateDraft, StateSubmitted, StateReturned, StatePendingCommittee, StateDeferred,
	StateRecommended, StateNotRecommended, StateGranted, StateRejected, StateClosed, StateWithdrawn,
}

// Final reports whether no step can move the application any more.
func (s State) Final() bool {
	return s == StateGranted || s == StateRejected || s == StateClosed || s == StateWithdrawn
}

// FinalStates are the states an application never leaves.
var FinalStates = []State{StateGranted, StateRejected, StateClosed, StateWithdrawn}

// OpenStates are the states that count as "an open application": an
// organization may have only one at a time.
var OpenStates = slices.DeleteFunc(slices.Clone(AllStates), State.Final)

// Action names a workflow step; the same names appear in the history.
type Action string

// Workflow steps.
const (
	ActionCreate         Action = "CREATE"
	ActionUpdate         Action = "UPDATE"
	ActionAddDocument    Action = "ADD_DOCUMENT"
	ActionSubmit         Action = "SUBMIT"
	ActionScreen         Action = "SCREEN"
	ActionSchedule       Action = "SCHEDULE"
	ActionPoseQuestion   Action = "POSE_QUESTION"
	ActionAnswerQuestion Action = "ANSWER_QUESTION"
	ActionRecordOutcome  Action = "RECORD_OUTCOME"
	ActionRecordDecision Action = "RECORD_DECISION"
	ActionWithdraw       Action = "WITHDRAW"
	ActionCloseNoAnswer  Action = "CLOSE_FOR_NO_ANSWER"
)

// Reading is not a workflow step, but who may read is decided with the steps.
const (
	ActionRead        Action = "READ"
	ActionReadHistory Action = "READ_HISTORY"
)

func (a Action) verb() string {
	switch a {
	case ActionAddDocument:
		return "add a document to"
	case ActionPoseQuestion:
		return "pose a question on"
	case ActionAnswerQuestion:
		return "answer a question on"
	case ActionRecordOutcome:
		return "record a Committee outcome on"
	case ActionRecordDecision:
		return "record an ECOSOC decision on"
	case ActionCloseNoAnswer:
		return "close for no answer"
	}
	return strings.ToLower(string(a))
}

// fromStates is the state machine: the states each step may start from.
// Sources: section 1.3 of the domain notes (csonet.org menu=83; the NGO
// Branch guide "Screening your application"/"Review of your application";
// Committee reports). Withdrawal is possible from any pre-decision state: the
// Committee "takes note" of withdrawals (E/2024/32 Part II).
var fromStates = map[Action][]State{
	ActionUpdate:         {StateDraft, StateReturned},
	ActionAddDocument:    {StateDraft, StateReturned},
	ActionSubmit:         {StateDraft, StateReturned},
	ActionScreen:         {StateSubmitted},
	ActionSchedule:       {StatePendingCommittee, StateDeferred},
	ActionPoseQuestion:   {StatePendingCommittee, StateDeferred},
	ActionAnswerQuestion: {StateDeferred},
	ActionRecordOutcome:  {StatePendingCommittee, StateDeferred},
	ActionRecordDecision: {StateRecommended, StateNotRecommended},
	ActionWithdraw:       OpenStates,
	ActionCloseNoAnswer:  {StateDeferred},
}

// stepOrder lists the steps in the order they are offered in refusals.
var stepOrder = []Action{
	ActionUpdate, ActionAddDocument, ActionSubmit, ActionScreen, ActionSchedule, ActionPoseQuestion,
	ActionAnswerQuestion, ActionRecordOutcome, ActionRecordDecision, ActionWithdraw, ActionCloseNoAnswer,
}

// AllowedActions lists the steps that may be taken from state s.
func AllowedActions(s State) []Action {
	var out []Action
	for _, a := range stepOrder {
		if slices.Contains(fromStates[a], s) {
			out = append(out, a)
		}
	}
	return out
}

// CanTake reports whether step a may start from state s.
func CanTake(a Action, s State) bool { return slices.Contains(fromStates[a], s) }

func (a *Application) require(action Action) error {
	if !CanTake(action, a.State) {
		return TransitionError(action, a.State)
	}
	return nil
}
