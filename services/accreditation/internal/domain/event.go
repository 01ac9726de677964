package domain

import "time"

// Event is one entry of an application's append-only history: who took
// which step, when, and the states it moved the application between.
type Event struct {
	ID            string
	ApplicationID string
	Actor         Actor
	Action        Action
	From          State
	To            State
	RequestID     string
	Time          time.Time
	SessionID     string
	Note          string
}

// step finishes a transition: stamps the application and returns the
// history entry describing it.
func (a *Application) step(actor Actor, action Action, from State, now time.Time, session, note string) Event {
	a.UpdateTime = now
	if a.State.Final() && a.FinalTime.IsZero() {
		a.FinalTime = now
	}
	return Event{
		ApplicationID: a.ID, Actor: actor, Action: action, From: from, To: a.State,
		Time: now, SessionID: session, Note: note,
	}
}

// Created is the history entry for a new draft.
func (a *Application) Created(actor Actor) Event {
	return Event{ApplicationID: a.ID, Actor: actor, Action: ActionCreate, From: StateDraft, To: StateDraft, Time: a.CreateTime}
}
