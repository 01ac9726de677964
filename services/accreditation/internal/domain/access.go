package domain

import "fmt"

// who says which roles may take a step and whether an ngo user must be the
// owning organization's. The Secretariat (NGO Branch officers) screens,
// schedules and records the Committee's and ECOSOC's conclusions; member
// States on the Committee put questions; only the organization itself
// prepares, submits, answers and withdraws (csonet.org menu=83; domain notes
// 1.3 "Transition details and who may perform them").
type who struct {
	owner bool     // the owning organization's ngo users
	roles []string // other roles allowed, regardless of organization
}

var stepAccess = map[Action]who{
	ActionCreate:         {owner: true, roles: []string{RoleOfficer}},
	ActionRead:           {owner: true, roles: []string{RoleOfficer, RoleCommittee}},
	ActionReadHistory:    {owner: true, roles: []string{RoleOfficer}},
	ActionUpdate:         {owner: true},
	ActionAddDocument:    {owner: true},
	ActionSubmit:         {owner: true},
	ActionAnswerQuestion: {owner: true},
	ActionWithdraw:       {owner: true},
	ActionScreen:         {roles: []string{RoleOfficer}},
	ActionSchedule:       {roles: []string{RoleOfficer}},
	ActionRecordOutcome:  {roles: []string{RoleOfficer}},
	ActionRecordDecision: {roles: []string{RoleOfficer}},
	ActionPoseQuestion:   {roles: []string{RoleCommittee, RoleOfficer}},
	ActionCloseNoAnswer:  {roles: []string{RoleOfficer, RoleSystem}},
}

// Authorize decides whether actor may take action on organization org's
// application. An ngo user of another organization is told the application
// does not exist (NotFoundError with appID), so that one organization cannot
// learn about another's applications; a role that may never take the step is
// refused with PermissionError. For ActionCreate there is nothing to hide:
// applying for another organization is a PermissionError.
func Authorize(action Action, actor Actor, org, appID string) error {
	if actor.Anonymous() {
		return &UnauthenticatedError{Message: "sign in to work on applications"}
	}
	rule, ok := stepAccess[action]
	if !ok {
		return &PermissionError{Message: fmt.Sprintf("no one may %s", action.verb())}
	}
	if actor.HasAnyRole(rule.roles...) {
		return nil
	}
	if actor.HasRole(RoleNGO) {
		if actor.ActsFor(org) {
			if rule.owner {
				return nil
			}
			return &PermissionError{Message: fmt.Sprintf("an organization may not %s its own application", action.verb())}
		}
		if action == ActionCreate {
			return &PermissionError{Message: "an ngo user may apply only for its own organization"}
		}
		return &NotFoundError{What: "application", ID: appID}
	}
	return &PermissionError{Message: fmt.Sprintf("your roles do not allow you to %s an application", action.verb())}
}

// VisibleTo says whether actor may see application a at all, beyond its
// role: a draft is the organization's work in progress, so the Committee's
// member States do not see it until it is submitted; the owner and the NGO
// Branch (which may open a draft on an organization's behalf) do.
func VisibleTo(a Application, actor Actor) bool {
	if a.State != StateDraft {
		return true
	}
	return actor.ActsFor(a.OrganizationID) || actor.HasAnyRole(RoleOfficer, RoleSystem, RoleAdmin)
}
