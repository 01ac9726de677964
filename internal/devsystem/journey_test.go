package devsystem_test

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
)

type params = map[string]string
type body = map[string]any

func q(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// A client's journey through every operation of the API, as other UN systems and NGO tools
// would make it from /openapi.json alone: each call succeeds or fails as the journey expects,
// and every request and answer is checked against the document by an independent validator.
func TestEveryOperationMatchesTheDocument(t *testing.T) {
	// The journey is about the contract, not the rate limits: a burst of calls from one
	// address must not turn into 429s halfway.
	t.Setenv("LIAISON_RATE_ANONYMOUS_PER_SECOND", "0")
	t.Setenv("LIAISON_RATE_USER_PER_SECOND", "0")
	// The world is pinned after the demonstration's 2028 cycle, when its statuses have reports
	// due and its sessions have sat, so every step of the Committee's work can succeed.
	now := time.Date(2032, 7, 1, 14, 0, 0, 0, time.UTC)
	t.Setenv("LIAISON_NOW", now.Format(time.RFC3339))
	sys := startSystem(t)
	token := func(t *testing.T, sys config.Common, org string, roles ...auth.Role) string {
		return tokenAt(t, sys, now, org, roles...)
	}
	c := newContract(t, "http://"+sys.HTTPAddr)
	officer := token(t, sys, "", auth.RoleOfficer)
	admin := token(t, sys, "", auth.RoleAdmin)
	stranger := token(t, sys, "org_nobody", auth.RoleNGO)
	const (
		OK, Bad, Unauth, Forbidden, NotFound, Conflict, Precondition = 200, 400, 401, 403, 404, 409, 412
	)
	run := fmt.Sprint(time.Now().UnixNano())
	before := now.AddDate(0, 0, -1)
	yesterday := body{"year": before.Year(), "month": int(before.Month()), "day": before.Day()}
	members := []body{{"code": "CN", "name": "China", "termStart": body{"year": now.Year() - 1, "month": 1, "day": 1}, "termEnd": body{"year": now.Year() + 2, "month": 12, "day": 31}},
		{"code": "GB", "name": "United Kingdom", "termStart": body{"year": now.Year() - 1, "month": 1, "day": 1}, "termEnd": body{"year": now.Year() + 2, "month": 12, "day": 31}}}

	// Registry: an organization's profile, committees, focal points, partnerships.
	org := body{"name": "Coalition for Open Meeting Records " + run, "stakeholderGroup": "STAKEHOLDER_GROUP_NGO", "country": "KE",
		"website": "https://open-records.example.org", "foundedOn": body{"year": 2001, "month": 5, "day": 4}, "sdgs": []int{16}}
	created := c.call(OK, "RegistryService_CreateOrganization", officer, nil, q("requestId", "journey-org-"+run), org)
	orgID := created.str("id")
	c.call(Conflict, "RegistryService_CreateOrganization", officer, nil, nil, org)
	c.call(Unauth, "RegistryService_CreateOrganization", "", nil, nil, org)
	c.call(Bad, "RegistryService_CreateOrganization", officer, nil, nil, body{"name": "X", "stakeholderGroup": "STAKEHOLDER_GROUP_NGO", "country": "ZZ"})
	c.call(OK, "RegistryService_GetOrganization", "", params{"id": orgID}, nil, nil)
	c.call(NotFound, "RegistryService_GetOrganization", "", params{"id": "org_none"}, nil, nil)
	c.call(Conflict, "RegistryService_UpdateOrganization", officer, params{"id": orgID}, q("updateMask", "acronym"), body{"acronym": "COMR", "etag": `"stale"`})
	c.call(Forbidden, "RegistryService_UpdateOrganization", stranger, params{"id": orgID}, q("updateMask", "acronym"), body{"acronym": "COMR", "etag": created.str("etag")})
	c.call(OK, "RegistryService_UpdateOrganization", officer, params{"id": orgID}, q("updateMask", "acronym"), body{"acronym": "COMR", "etag": created.str("etag")})
	// An organization registers itself; the NGO Branch returns its profile, then accepts it.
	var self answer
	for _, o := range listOf(c.call(OK, "RegistryService_ListOrganizations", "", nil, q("query", "Lake Victoria Fishers Cooperative"), nil), "organizations") {
		if o["profileState"] == "PROFILE_STATE_SUBMITTED" {
			self = answer{body: o}
		}
	}
	if self.str("id") == "" {
		t.Fatal("the demonstration data has no profile waiting for review")
	}
	c.call(Bad, "RegistryService_ReturnOrganizationProfile", officer, params{"id": self.str("id")}, nil, body{"reason": ""})
	c.call(OK, "RegistryService_ReturnOrganizationProfile", officer, params{"id": self.str("id")}, nil, body{"reason": "Give the street address of the headquarters."})
	c.call(Forbidden, "RegistryService_AcceptOrganizationProfile", stranger, params{"id": self.str("id")}, nil, body{})
	c.call(OK, "RegistryService_AcceptOrganizationProfile", officer, params{"id": self.str("id")}, nil, body{})
	c.call(Precondition, "RegistryService_ReturnOrganizationProfile", officer, params{"id": self.str("id")}, nil, body{"reason": "Too late."})
	c.call(NotFound, "RegistryService_AcceptOrganizationProfile", officer, params{"id": "org_none"}, nil, body{})
	c.call(OK, "RegistryService_ListOrganizations", "", nil, q("pageSize", "5", "country", "KE"), nil)
	c.call(Bad, "RegistryService_ListOrganizations", "", nil, q("pageSize", "501"), nil)
	c.call(OK, "RegistryService_BatchGetOrganizations", "", nil, nil, body{"ids": []string{orgID, "org_none"}})
	c.call(Bad, "RegistryService_BatchGetOrganizations", "", nil, nil, body{"ids": []string{}})
	committee := c.call(OK, "RegistryService_CreateNgoCommittee", officer, nil, nil, body{"kind": "KIND_THEMATIC", "name": "Committee on open records " + run, "theme": "Transparency"})
	c.call(Forbidden, "RegistryService_CreateNgoCommittee", stranger, nil, nil, body{"kind": "KIND_THEMATIC", "name": "Not allowed", "theme": "Transparency"})
	c.call(OK, "RegistryService_GetNgoCommittee", "", params{"id": committee.str("id")}, nil, nil)
	c.call(NotFound, "RegistryService_GetNgoCommittee", "", params{"id": "com_none"}, nil, nil)
	c.call(OK, "RegistryService_ListNgoCommittees", "", nil, q("pageSize", "10"), nil)
	c.call(OK, "RegistryService_AddCommitteeMember", officer, params{"committeeId": committee.str("id")}, nil, body{"organizationId": orgID})
	c.call(NotFound, "RegistryService_AddCommitteeMember", officer, params{"committeeId": committee.str("id")}, nil, body{"organizationId": "org_none"})
	c.call(OK, "RegistryService_CreateFocalPoint", officer, nil, nil, body{"name": "Amina Okafor", "email": "a.okafor@un.example.org", "unEntity": "DESA"})
	c.call(Forbidden, "RegistryService_CreateFocalPoint", stranger, nil, nil, body{"name": "Amina Okafor", "email": "a.okafor@un.example.org", "unEntity": "DESA"})
	c.call(OK, "RegistryService_ListFocalPoints", "", nil, nil, nil)
	c.call(OK, "RegistryService_CreatePartnership", officer, nil, nil, body{"organizationId": orgID, "title": "Records access pilot", "unEntity": "UNDP", "startDate": body{"year": 2025, "month": 1, "day": 15}})
	c.call(NotFound, "RegistryService_CreatePartnership", officer, nil, nil, body{"organizationId": "org_none", "title": "Nothing", "unEntity": "UNDP", "startDate": body{"year": 2025, "month": 1, "day": 15}})
	c.call(OK, "RegistryService_ListPartnerships", "", nil, q("organizationId", orgID), nil)

	// Accreditation: the new organization applies; the demonstration applications walk on.
	ngo := token(t, sys, orgID, auth.RoleNGO)
	session := c.call(OK, "AccreditationService_CreateCommitteeSession", officer, nil, nil, body{"name": "Journey session " + run, "kind": "SESSION_KIND_RESUMED",
		"startDate": body{"year": now.Year() + 1, "month": 5, "day": 10}, "endDate": body{"year": now.Year() + 1, "month": 5, "day": 19}, "members": members})
	c.call(Forbidden, "AccreditationService_CreateCommitteeSession", ngo, nil, nil, body{"name": "x", "kind": "SESSION_KIND_REGULAR",
		"startDate": body{"year": 2027, "month": 5, "day": 10}, "endDate": body{"year": 2027, "month": 5, "day": 19}})
	c.call(OK, "AccreditationService_GetCommitteeSession", officer, params{"id": session.str("id")}, nil, nil)
	c.call(NotFound, "AccreditationService_GetCommitteeSession", officer, params{"id": "ses_none"}, nil, nil)
	c.call(OK, "AccreditationService_ListCommitteeSessions", officer, nil, nil, nil)
	c.call(Unauth, "AccreditationService_ListCommitteeSessions", "", nil, nil, nil)

	application := c.call(OK, "AccreditationService_CreateApplication", ngo, nil, nil, body{"organizationId": orgID, "requestedCategory": "CATEGORY_SPECIAL"})
	appID := application.str("id")
	c.call(Conflict, "AccreditationService_CreateApplication", ngo, nil, nil, body{"organizationId": orgID, "requestedCategory": "CATEGORY_SPECIAL"})
	c.call(Forbidden, "AccreditationService_CreateApplication", stranger, nil, nil, body{"organizationId": orgID, "requestedCategory": "CATEGORY_SPECIAL"})
	c.call(OK, "AccreditationService_GetApplication", ngo, params{"id": appID}, nil, nil)
	c.call(NotFound, "AccreditationService_GetApplication", officer, params{"id": "app_none"}, nil, nil)
	c.call(Conflict, "AccreditationService_UpdateApplication", ngo, params{"id": appID}, q("updateMask", "requested_category"), body{"requestedCategory": "CATEGORY_GENERAL", "etag": `"stale"`})
	updated := c.call(OK, "AccreditationService_UpdateApplication", ngo, params{"id": appID}, q("updateMask", "requested_category"), body{"requestedCategory": "CATEGORY_GENERAL", "etag": application.str("etag")})
	pdf := base64.StdEncoding.EncodeToString([]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))
	withDoc := c.call(OK, "AccreditationService_AddApplicationDocument", ngo, params{"applicationId": appID}, nil,
		body{"kind": "DOCUMENT_KIND_CONSTITUTION", "filename": "constitution.pdf", "contentType": "application/pdf", "content": pdf, "etag": updated.str("etag")})
	c.call(Bad, "AccreditationService_AddApplicationDocument", ngo, params{"applicationId": appID}, nil,
		body{"kind": "DOCUMENT_KIND_CONSTITUTION", "filename": "constitution.exe", "contentType": "application/x-msdownload", "content": pdf})
	docID := ""
	if docs, _ := withDoc.body["documents"].([]any); len(docs) > 0 {
		docID, _ = docs[0].(map[string]any)["id"].(string)
	}
	c.call(OK, "AccreditationService_DownloadApplicationDocument", ngo, params{"applicationId": appID, "documentId": docID}, nil, nil)
	c.call(NotFound, "AccreditationService_DownloadApplicationDocument", ngo, params{"applicationId": appID, "documentId": "doc_none"}, nil, nil)
	c.call(OK, "AccreditationService_ListApplicationEvents", ngo, params{"applicationId": appID}, nil, nil)
	c.call(Precondition, "AccreditationService_SubmitApplication", ngo, params{"id": appID}, nil, body{})
	c.call(Precondition, "AccreditationService_ScreenApplication", officer, params{"id": appID}, nil, body{"complete": true})
	c.call(Precondition, "AccreditationService_ScheduleApplication", officer, params{"id": appID}, nil, body{"sessionId": session.str("id")})
	c.call(Precondition, "AccreditationService_RecordOutcome", officer, params{"id": appID}, nil, body{"outcome": "OUTCOME_DEFER"})
	c.call(Precondition, "AccreditationService_RecordDecision", officer, params{"id": appID}, nil, body{"decision": "DECISION_GRANT", "decisionRef": "E/2027/L.1", "effectiveDate": yesterday})
	answers := body{"aimsAndPurposes": "Open meeting records.", "mainActivities": "Monitoring and publishing.", "governanceStructure": "An elected board.",
		"fundingSources": "Membership fees.", "unContributions": "Reports to the Human Rights Council."}
	current := c.call(OK, "AccreditationService_GetApplication", ngo, params{"id": appID}, nil, nil)
	c.call(OK, "AccreditationService_UpdateApplication", ngo, params{"id": appID}, q("updateMask", "questionnaire"), body{"questionnaire": answers, "etag": current.str("etag")})
	for _, kind := range []string{"DOCUMENT_KIND_REGISTRATION_CERTIFICATE", "DOCUMENT_KIND_FINANCIAL_STATEMENT"} {
		c.call(OK, "AccreditationService_AddApplicationDocument", ngo, params{"applicationId": appID}, nil,
			body{"kind": kind, "filename": "document.pdf", "contentType": "application/pdf", "content": pdf})
	}
	c.call(OK, "AccreditationService_SubmitApplication", ngo, params{"id": appID}, nil, body{})
	c.call(OK, "AccreditationService_ListApplications", officer, nil, q("pageSize", "200"), nil)
	c.call(Unauth, "AccreditationService_ListApplications", "", nil, nil, nil)

	// The demonstration applications, one per state, carry the workflow on.
	var demo struct{ submitted, pending, recommended, reporter map[string]any }
	for _, a := range listOf(c.call(OK, "AccreditationService_ListApplications", officer, nil, q("pageSize", "200"), nil), "applications") {
		switch a["state"] {
		case "STATE_SUBMITTED":
			demo.submitted = a
		case "STATE_PENDING_COMMITTEE":
			demo.pending = a
		case "STATE_RECOMMENDED":
			demo.recommended = a
		case "STATE_GRANTED":
			if a["recommendedCategory"] != "CATEGORY_ROSTER" {
				demo.reporter = a
			}
		}
	}
	if demo.submitted == nil || demo.pending == nil || demo.recommended == nil || demo.reporter == nil {
		t.Fatal("the demonstration data has no SUBMITTED, PENDING_COMMITTEE, RECOMMENDED or reporting GRANTED application")
	}
	screened := c.call(OK, "AccreditationService_ScreenApplication", officer, params{"id": demo.submitted["id"].(string)}, nil, body{"complete": true, "notes": "complete"})
	c.call(Precondition, "AccreditationService_ScreenApplication", officer, params{"id": demo.submitted["id"].(string)}, nil, body{"complete": true})
	cycle := int(screened.body["reviewCycleYear"].(float64))
	cycle = max(cycle, now.Year()+1)
	later := c.call(OK, "AccreditationService_CreateCommitteeSession", officer, nil, nil, body{"name": "Journey regular session " + run, "kind": "SESSION_KIND_REGULAR",
		"startDate": body{"year": cycle, "month": 1, "day": 20}, "endDate": body{"year": cycle, "month": 1, "day": 29}, "members": members})
	c.call(OK, "AccreditationService_ScheduleApplication", officer, params{"id": screened.str("id")}, nil, body{"sessionId": later.str("id")})
	pendingID := demo.pending["id"].(string)
	pendingOrg := token(t, sys, demo.pending["organizationId"].(string), auth.RoleNGO)
	asked := c.call(OK, "AccreditationService_PoseQuestion", officer, params{"applicationId": pendingID}, nil, body{"text": "How is the organization funded?", "askedBy": "CN"})
	c.call(Bad, "AccreditationService_PoseQuestion", officer, params{"applicationId": pendingID}, nil, body{"text": "", "askedBy": "CN"})
	c.call(Bad, "AccreditationService_PoseQuestion", officer, params{"applicationId": pendingID}, nil, body{"text": "Who are you?", "askedBy": "ZZ"})
	questionID := ""
	for _, qn := range listOf(asked, "questions") {
		if qn["answer"] == "" {
			questionID, _ = qn["id"].(string)
		}
	}
	c.call(NotFound, "AccreditationService_AnswerQuestion", pendingOrg, params{"applicationId": pendingID, "questionId": "q_none"}, nil, body{"text": "?"})
	c.call(OK, "AccreditationService_AnswerQuestion", pendingOrg, params{"applicationId": pendingID, "questionId": questionID}, nil, body{"text": "Membership fees and two foundation grants."})
	recommended := c.call(OK, "AccreditationService_RecordOutcome", officer, params{"id": pendingID}, nil, body{"outcome": "OUTCOME_RECOMMEND", "recommendedCategory": "CATEGORY_SPECIAL"})
	// ECOSOC decides at a later meeting: not the day of the recommendation.
	c.call(Precondition, "AccreditationService_RecordDecision", officer, params{"id": recommended.str("id")}, nil,
		body{"decision": "DECISION_GRANT", "decisionRef": "E/2032/L.7", "effectiveDate": yesterday})
	c.call(OK, "AccreditationService_RecordDecision", officer, params{"id": recommended.str("id")}, nil,
		body{"decision": "DECISION_REFER_BACK", "decisionRef": "E/2032/L.7"})
	grantedOrg := demo.recommended["organizationId"].(string)
	decision := body{"symbol": "2032/215 " + run, "decisionDate": yesterday, "entries": []body{
		{"action": "ACTION_GRANT", "applicationId": demo.recommended["id"], "category": demo.recommended["recommendedCategory"]}}}
	c.call(OK, "AccreditationService_RecordEcosocDecision", officer, nil, nil, decision)
	c.call(Conflict, "AccreditationService_RecordEcosocDecision", officer, nil, nil, decision)
	c.call(Forbidden, "AccreditationService_RecordEcosocDecision", ngo, nil, nil, decision)
	c.call(OK, "AccreditationService_GetConsultativeStatus", "", params{"organizationId": grantedOrg}, nil, nil)
	c.call(OK, "AccreditationService_GetConsultativeStatus", "", params{"organizationId": orgID}, nil, nil)
	c.call(OK, "AccreditationService_BatchGetConsultativeStatuses", "", nil, nil, body{"organizationIds": []string{grantedOrg, orgID}})
	c.call(Bad, "AccreditationService_BatchGetConsultativeStatuses", "", nil, nil, body{"organizationIds": []string{}})
	reporterOrg := demo.reporter["organizationId"].(string)
	reporter := token(t, sys, reporterOrg, auth.RoleNGO)
	c.call(Precondition, "AccreditationService_SubmitQuadrennialReport", reporter, params{"organizationId": reporterOrg}, nil,
		body{"quadrennialReport": body{"periodStartYear": 2032, "periodEndYear": 2035, "summary": "A period that has not ended."}})
	filed := c.call(OK, "AccreditationService_SubmitQuadrennialReport", reporter, params{"organizationId": reporterOrg}, nil,
		body{"quadrennialReport": body{"periodStartYear": 2028, "periodEndYear": 2031, "summary": "Four years of work with the UN."}})
	c.call(Precondition, "AccreditationService_SubmitQuadrennialReport", ngo, params{"organizationId": orgID}, nil,
		body{"quadrennialReport": body{"periodStartYear": 2023, "periodEndYear": 2026, "summary": "No status yet."}})
	c.call(OK, "AccreditationService_ListQuadrennialReports", "", params{"organizationId": reporterOrg}, nil, nil)

	// A request to the Committee: the organization's change of name.
	nameChange := c.call(OK, "AccreditationService_FileCommitteeRequest", ngo, nil, nil, body{"organizationId": orgID, "kind": "KIND_CHANGE_OF_NAME",
		"details": "New name: Coalition for Open Records (certificate attached)."})
	c.call(Bad, "AccreditationService_FileCommitteeRequest", ngo, nil, nil, body{"organizationId": orgID, "kind": "KIND_CHANGE_OF_NAME", "details": ""})
	c.call(Forbidden, "AccreditationService_FileCommitteeRequest", stranger, nil, nil, body{"organizationId": orgID, "kind": "KIND_MERGER", "details": "x"})

	// A session sitting now: its agenda assembles itself, outcomes go in a batch, the report is reviewed.
	sitting := c.call(OK, "AccreditationService_CreateCommitteeSession", officer, nil, nil, body{"name": "Journey sitting session " + run, "kind": "SESSION_KIND_RESUMED",
		"startDate": yesterday, "endDate": body{"year": now.Year(), "month": int(now.Month()), "day": now.Day() + 5}, "members": members})
	agenda := c.call(OK, "AccreditationService_AssembleAgenda", officer, params{"sessionId": sitting.str("id")}, nil, body{})
	c.call(NotFound, "AccreditationService_AssembleAgenda", officer, params{"sessionId": "ses_none"}, nil, body{})
	c.call(OK, "AccreditationService_GetAgenda", officer, params{"sessionId": sitting.str("id")}, nil, nil)
	c.call(Forbidden, "AccreditationService_GetAgenda", ngo, params{"sessionId": sitting.str("id")}, nil, nil)
	items, _ := agenda.body["agenda"].(map[string]any)
	var row body
	for _, a := range listOf(answer{body: items}, "applications") {
		if a["state"] == "STATE_PENDING_COMMITTEE" {
			row = body{"applicationId": a["id"], "outcome": "OUTCOME_RECOMMEND", "recommendedCategory": a["requestedCategory"]}
		}
	}
	if row == nil {
		t.Fatalf("the sitting session's agenda has no application before the Committee: %v", agenda.body)
	}
	c.call(Bad, "AccreditationService_BatchRecordOutcomes", officer, params{"sessionId": sitting.str("id")}, nil, body{"rows": []body{}})
	c.call(OK, "AccreditationService_BatchRecordOutcomes", officer, params{"sessionId": sitting.str("id")}, nil, body{"rows": []body{row}})
	c.call(Precondition, "AccreditationService_ReviewQuadrennialReport", officer, params{"reportId": filed.str("quadrennialReport.id")}, nil,
		body{"sessionId": sitting.str("id"), "takeNote": false})
	c.call(OK, "AccreditationService_ReviewQuadrennialReport", officer, params{"reportId": filed.str("quadrennialReport.id")}, nil,
		body{"sessionId": sitting.str("id"), "takeNote": true})
	c.call(OK, "AccreditationService_ReviewCommitteeRequest", officer, params{"id": nameChange.str("id")}, nil, body{"sessionId": sitting.str("id"), "takeNote": true})
	c.call(Precondition, "AccreditationService_ReviewCommitteeRequest", officer, params{"id": nameChange.str("id")}, nil, body{"sessionId": sitting.str("id"), "takeNote": true})
	c.call(OK, "AccreditationService_EnforceReporting", admin, nil, nil, body{"validateOnly": true})
	c.call(Forbidden, "AccreditationService_EnforceReporting", ngo, nil, nil, body{"validateOnly": true})
	c.call(Precondition, "AccreditationService_ApplyNoAnswerRule", officer, params{"sessionId": session.str("id")}, nil, body{"validateOnly": true})
	soon := now.Add(24 * time.Hour)
	imminent := c.call(OK, "AccreditationService_CreateCommitteeSession", officer, nil, nil, body{"name": "Journey imminent session " + run, "kind": "SESSION_KIND_RESUMED",
		"startDate": body{"year": soon.Year(), "month": int(soon.Month()), "day": soon.Day()}, "endDate": body{"year": soon.Year(), "month": int(soon.Month()), "day": soon.Day()}})
	c.call(OK, "AccreditationService_ApplyNoAnswerRule", officer, params{"sessionId": imminent.str("id")}, nil, body{"validateOnly": true})
	c.call(NotFound, "AccreditationService_ApplyNoAnswerRule", officer, params{"sessionId": "ses_none"}, nil, body{"validateOnly": true})

	// Events: a meeting, its registrations, side events and accreditation requests.
	start := now.Add(30 * 24 * time.Hour).Truncate(time.Hour)
	meeting := body{"title": "Open records forum " + run, "kind": "KIND_MEETING", "timeZone": "UTC", "capacity": 50,
		"startTime": start.Format(time.RFC3339), "endTime": start.Add(3 * time.Hour).Format(time.RFC3339)}
	event := c.call(OK, "EventsService_CreateEvent", officer, nil, nil, meeting)
	eventID := event.str("id")
	c.call(Forbidden, "EventsService_CreateEvent", ngo, nil, nil, meeting)
	c.call(OK, "EventsService_GetEvent", "", params{"id": eventID}, nil, nil)
	c.call(NotFound, "EventsService_GetEvent", "", params{"id": "evt_none"}, nil, nil)
	c.call(Conflict, "EventsService_UpdateEvent", officer, params{"id": eventID}, q("updateMask", "description"), body{"description": "x", "etag": `"stale"`})
	c.call(OK, "EventsService_UpdateEvent", officer, params{"id": eventID}, q("updateMask", "description"), body{"description": "Access to the records of public meetings.", "etag": event.str("etag")})
	c.call(OK, "EventsService_ListEvents", "", nil, q("pageSize", "10"), nil)
	c.call(Bad, "EventsService_ListEvents", "", nil, q("pageSize", "-1"), nil)
	c.call(OK, "EventsService_GetCalendar", "", nil, nil, nil)
	c.call(OK, "EventsService_GetEventCalendar", "", params{"id": eventID}, nil, nil)
	c.call(NotFound, "EventsService_GetEventCalendar", "", params{"id": "evt_none"}, nil, nil)

	participant := body{"givenName": "Wanjiru", "familyName": "Mwangi", "email": "w.mwangi@open-records.example.org"}
	reg := c.call(OK, "EventsService_RegisterParticipant", ngo, params{"eventId": eventID}, nil, body{"organizationId": orgID, "participant": participant})
	c.call(Forbidden, "EventsService_RegisterParticipant", stranger, params{"eventId": eventID}, nil, body{"organizationId": orgID, "participant": participant})
	c.call(NotFound, "EventsService_RegisterParticipant", ngo, params{"eventId": "evt_none"}, nil, body{"organizationId": orgID, "participant": participant})
	c.call(OK, "EventsService_ListRegistrations", officer, params{"eventId": eventID}, nil, nil)
	c.call(Conflict, "EventsService_CancelRegistration", ngo, params{"eventId": eventID, "id": reg.str("id")}, q("etag", `"stale"`), nil)
	c.call(OK, "EventsService_CancelRegistration", ngo, params{"eventId": eventID, "id": reg.str("id")}, q("etag", reg.str("etag")), nil)

	granted := token(t, sys, grantedOrg, auth.RoleNGO)
	proposal := body{"organizationId": grantedOrg, "title": "Records in practice", "description": "A side event on archives.", "timeZone": "UTC",
		"preferredStartTime": start.Add(4 * time.Hour).Format(time.RFC3339), "preferredEndTime": start.Add(5 * time.Hour).Format(time.RFC3339)}
	proposed := c.call(OK, "EventsService_ProposeSideEvent", granted, params{"eventId": eventID}, nil, proposal)
	c.call(Conflict, "EventsService_ProposeSideEvent", granted, params{"eventId": eventID}, nil, proposal)
	c.call(Precondition, "EventsService_ProposeSideEvent", ngo, params{"eventId": eventID}, nil, body{"organizationId": orgID, "title": "x", "description": "x",
		"timeZone": "UTC", "preferredStartTime": proposal["preferredStartTime"], "preferredEndTime": proposal["preferredEndTime"]})
	c.call(OK, "EventsService_ListSideEventProposals", officer, params{"eventId": eventID}, nil, nil)
	c.call(OK, "EventsService_ApproveSideEventProposal", officer, params{"id": proposed.str("id")}, nil, body{})
	c.call(Precondition, "EventsService_RejectSideEventProposal", officer, params{"id": proposed.str("id")}, nil, body{"reason": "too late"})
	second := c.call(OK, "EventsService_CreateEvent", officer, nil, nil, body{"title": "Second forum " + run, "kind": "KIND_MEETING", "timeZone": "UTC",
		"startTime": start.Add(24 * time.Hour).Format(time.RFC3339), "endTime": start.Add(27 * time.Hour).Format(time.RFC3339)})
	declined := c.call(OK, "EventsService_ProposeSideEvent", granted, params{"eventId": second.str("id")}, nil, proposal)
	c.call(OK, "EventsService_RejectSideEventProposal", officer, params{"id": declined.str("id")}, nil, body{"reason": "The programme is full."})
	c.call(NotFound, "EventsService_ApproveSideEventProposal", officer, params{"id": "sep_none"}, nil, body{})
	c.call(NotFound, "EventsService_RejectSideEventProposal", officer, params{"id": "sep_none"}, nil, body{"reason": "none"})

	accredited := c.call(OK, "EventsService_CreateEvent", officer, nil, nil, body{"title": "Accredited session " + run, "kind": "KIND_CONFERENCE", "timeZone": "UTC",
		"requiresConsultativeStatus": true, "startTime": start.Add(48 * time.Hour).Format(time.RFC3339), "endTime": start.Add(50 * time.Hour).Format(time.RFC3339)})
	ask := body{"organizationId": orgID, "justification": "We monitor these records."}
	request := c.call(OK, "EventsService_RequestAccreditation", ngo, params{"eventId": accredited.str("id")}, nil, ask)
	c.call(Conflict, "EventsService_RequestAccreditation", ngo, params{"eventId": accredited.str("id")}, nil, ask)
	c.call(Precondition, "EventsService_RequestAccreditation", ngo, params{"eventId": eventID}, nil, ask)
	c.call(OK, "EventsService_ListAccreditationRequests", officer, params{"eventId": accredited.str("id")}, nil, nil)
	c.call(OK, "EventsService_RejectAccreditationRequest", officer, params{"id": request.str("id")}, nil, body{"reason": "Not related to the agenda."})
	again := c.call(OK, "EventsService_RequestAccreditation", ngo, params{"eventId": accredited.str("id")}, nil, ask)
	c.call(OK, "EventsService_ApproveAccreditationRequest", officer, params{"id": again.str("id")}, nil, body{})
	c.call(Precondition, "EventsService_ApproveAccreditationRequest", officer, params{"id": again.str("id")}, nil, body{})
	c.call(OK, "EventsService_GetParticipationReport", officer, params{"eventId": eventID}, nil, nil)
	c.call(Forbidden, "EventsService_GetParticipationReport", ngo, params{"eventId": eventID}, nil, nil)
	// Oral statements: the granted organization asks to speak; the secretariat draws up the list.
	speak := body{"agendaItem": "Item 2", "organizationId": grantedOrg, "speakerName": "Journey Speaker", "speakerTitle": "Director"}
	spoken := c.call(OK, "EventsService_RequestToSpeak", granted, params{"eventId": eventID}, nil, speak)
	c.call(Precondition, "EventsService_RequestToSpeak", granted, params{"eventId": eventID}, nil, speak)
	c.call(Precondition, "EventsService_RequestToSpeak", ngo, params{"eventId": eventID}, nil,
		body{"agendaItem": "Item 2", "organizationId": orgID, "speakerName": "No Status"})
	c.call(NotFound, "EventsService_RequestToSpeak", granted, params{"eventId": "evt_none"}, nil, speak)
	c.call(OK, "EventsService_ArrangeSpeakers", officer, params{"eventId": eventID}, nil, body{"agendaItem": "Item 2", "speakerRequestIds": []string{spoken.str("id")}})
	c.call(Bad, "EventsService_ArrangeSpeakers", officer, params{"eventId": eventID}, nil, body{"agendaItem": "Item 2", "speakerRequestIds": []string{"spk_none"}})
	c.call(Forbidden, "EventsService_ArrangeSpeakers", granted, params{"eventId": eventID}, nil, body{"agendaItem": "Item 2"})
	c.call(OK, "EventsService_ListSpeakerRequests", granted, params{"eventId": eventID}, nil, nil)
	c.call(OK, "EventsService_ListSpeakerRequests", officer, params{"eventId": eventID}, q("agendaItem", "Item 2"), nil)
	c.call(OK, "EventsService_CancelEvent", officer, params{"id": eventID}, nil, body{"reason": "Moved online."})
	c.call(Precondition, "EventsService_CancelEvent", officer, params{"id": eventID}, nil, body{"reason": "Twice."})

	// Status credentials: the granted organization proves its status; anyone checks it.
	credential := c.call(OK, "AccreditationService_IssueStatusCredential", granted, params{"organizationId": grantedOrg}, nil, body{})
	c.call(Precondition, "AccreditationService_IssueStatusCredential", ngo, params{"organizationId": orgID}, nil, body{})
	c.call(Forbidden, "AccreditationService_IssueStatusCredential", stranger, params{"organizationId": grantedOrg}, nil, body{})
	c.call(OK, "AccreditationService_VerifyStatusCredential", "", nil, nil, body{"jwt": credential.str("jwt")})
	c.call(Bad, "AccreditationService_VerifyStatusCredential", "", nil, nil, body{"jwt": ""})
	c.call(OK, "AccreditationService_GetCredentialStatusList", "", nil, nil, nil)
	c.call(OK, "AccreditationService_ListCredentialKeys", "", nil, nil, nil)

	// Access: grounds-pass designations at Geneva for the granted organization, the head and
	// the chief administrative officer first; the officer approves or returns them.
	designation := func(org, role, who string) body {
		return body{"organizationId": org, "dutyStation": "DUTY_STATION_GENEVA", "year": now.Year(), "role": role,
			"person": body{"fullName": "Journey " + who, "title": "Representative", "email": who + "-" + run + "@example.org"}}
	}
	c.call(Precondition, "EventsService_CreateDesignation", granted, nil, nil, designation(grantedOrg, "ROLE_MAIN_REPRESENTATIVE", "main"))
	c.call(Precondition, "EventsService_CreateDesignation", ngo, nil, nil, designation(orgID, "ROLE_HEAD", "head"))
	c.call(Forbidden, "EventsService_CreateDesignation", stranger, nil, nil, designation(grantedOrg, "ROLE_HEAD", "head"))
	c.call(Bad, "EventsService_CreateDesignation", granted, nil, nil, body{"organizationId": grantedOrg, "dutyStation": "DUTY_STATION_GENEVA"})
	head := c.call(OK, "EventsService_CreateDesignation", granted, nil, q("requestId", "journey-head-"+run), designation(grantedOrg, "ROLE_HEAD", "head"))
	c.call(OK, "EventsService_CreateDesignation", granted, nil, nil, designation(grantedOrg, "ROLE_CHIEF_ADMINISTRATIVE_OFFICER", "cao"))
	c.call(OK, "EventsService_ApproveDesignation", officer, params{"id": head.str("id")}, nil, body{"etag": head.str("etag")})
	c.call(Precondition, "EventsService_ApproveDesignation", officer, params{"id": head.str("id")}, nil, body{})
	c.call(Forbidden, "EventsService_ApproveDesignation", granted, params{"id": head.str("id")}, nil, body{})
	rep := c.call(OK, "EventsService_CreateDesignation", granted, nil, nil, designation(grantedOrg, "ROLE_MAIN_REPRESENTATIVE", "main"))
	c.call(OK, "EventsService_ReturnDesignation", officer, params{"id": rep.str("id")}, nil, body{"reason": "The photograph is missing."})
	c.call(Precondition, "EventsService_ReturnDesignation", officer, params{"id": rep.str("id")}, nil, body{"reason": "Twice."})
	c.call(OK, "EventsService_GetDesignation", officer, params{"id": head.str("id")}, nil, nil)
	c.call(OK, "EventsService_GetDesignation", granted, params{"id": head.str("id")}, nil, nil)
	c.call(NotFound, "EventsService_GetDesignation", officer, params{"id": "dsg_none"}, nil, nil)
	c.call(OK, "EventsService_ListDesignations", officer, nil, q("dutyStation", "DUTY_STATION_GENEVA", "state", "STATE_APPROVED",
		"onDate.year", fmt.Sprint(now.Year()), "onDate.month", fmt.Sprint(int(now.Month())), "onDate.day", fmt.Sprint(now.Day())), nil)
	c.call(OK, "EventsService_ListDesignations", granted, nil, nil, nil)
	c.call(Unauth, "EventsService_ListDesignations", "", nil, nil, nil)

	// Voice: a call for written statements, a statement accepted with its symbol and one
	// returned, and the public list.
	deadline := now.Add(30 * 24 * time.Hour).Format(time.RFC3339)
	hls := c.call(OK, "EventsService_CreateStatementCall", officer, nil, nil, body{"body": "ECOSOC High-Level Segment", "bodyKind": "BODY_KIND_HIGH_LEVEL_SEGMENT",
		"session": "Journey " + run, "symbolSeries": "E/" + run + "/NGO", "deadline": deadline, "languages": []string{"en", "fr"}})
	c.call(Forbidden, "EventsService_CreateStatementCall", ngo, nil, nil, body{"body": "X", "bodyKind": "BODY_KIND_HIGH_LEVEL_SEGMENT", "session": "X", "symbolSeries": "X", "deadline": deadline})
	commission := c.call(OK, "EventsService_CreateStatementCall", officer, nil, nil, body{"body": "Commission on the Status of Women", "bodyKind": "BODY_KIND_FUNCTIONAL_COMMISSION",
		"session": "Journey " + run, "symbolSeries": "E/CN.6/" + run + "/NGO", "deadline": deadline})
	c.call(OK, "EventsService_ListStatementCalls", "", nil, q("pageSize", "10"), nil)
	statement := func(callID, org string) body {
		return body{"callId": callID, "organizationId": org, "language": "en", "title": "Open records", "text": "Public meetings deserve public records."}
	}
	written := c.call(OK, "EventsService_SubmitWrittenStatement", granted, nil, nil, statement(hls.str("id"), grantedOrg))
	c.call(Precondition, "EventsService_SubmitWrittenStatement", granted, nil, nil, statement(hls.str("id"), grantedOrg))
	c.call(Precondition, "EventsService_SubmitWrittenStatement", ngo, nil, nil, statement(hls.str("id"), orgID))
	c.call(NotFound, "EventsService_SubmitWrittenStatement", granted, nil, nil, statement("scl_none", grantedOrg))
	c.call(NotFound, "EventsService_GetWrittenStatement", "", params{"id": written.str("id")}, nil, nil)
	c.call(OK, "EventsService_AcceptWrittenStatement", officer, params{"id": written.str("id")}, nil, body{"etag": written.str("etag")})
	c.call(Precondition, "EventsService_AcceptWrittenStatement", officer, params{"id": written.str("id")}, nil, body{})
	c.call(OK, "EventsService_GetWrittenStatement", "", params{"id": written.str("id")}, nil, nil)
	c.call(OK, "EventsService_ListWrittenStatements", "", nil, q("callId", hls.str("id")), nil)
	returned := c.call(OK, "EventsService_SubmitWrittenStatement", granted, nil, nil, statement(commission.str("id"), grantedOrg))
	c.call(OK, "EventsService_ReturnWrittenStatement", officer, params{"id": returned.str("id")}, nil, body{"reason": "Outside the session's theme."})
	c.call(Precondition, "EventsService_ReturnWrittenStatement", officer, params{"id": returned.str("id")}, nil, body{"reason": "Twice."})
	c.call(OK, "EventsService_ListWrittenStatements", officer, nil, q("state", "STATE_RETURNED"), nil)
	// Notices: the decision above wrote one; officers read the dead letters and requeue a notice.
	c.call(OK, "AccreditationService_ListFailedNotices", officer, nil, nil, nil)
	c.call(Forbidden, "AccreditationService_ListFailedNotices", ngo, nil, nil, nil)
	c.call(OK, "AccreditationService_RetryNotice", officer, nil, nil, body{"key": "decision:" + recommended.str("id")})
	c.call(NotFound, "AccreditationService_RetryNotice", officer, nil, nil, body{"key": "decision:app_none"})
	c.call(Forbidden, "AccreditationService_RetryNotice", ngo, nil, nil, body{"key": "decision:" + recommended.str("id")})
	// Each organization chooses the optional notices it receives, never the ones a rule needs.
	c.call(OK, "AccreditationService_GetNoticePreferences", ngo, params{"organizationId": orgID}, nil, nil)
	c.call(Forbidden, "AccreditationService_GetNoticePreferences", stranger, params{"organizationId": orgID}, nil, nil)
	c.call(OK, "AccreditationService_UpdateNoticePreferences", ngo, params{"organizationId": orgID}, q("updateMask", "declined_kinds"), body{"declinedKinds": []string{"report.due"}})
	c.call(Bad, "AccreditationService_UpdateNoticePreferences", ngo, params{"organizationId": orgID}, nil, body{"declinedKinds": []string{"question.reminder"}})

	// Last, the ends of the road: a withdrawn application and a withdrawn status.
	c.call(OK, "AccreditationService_WithdrawApplication", ngo, params{"id": appID}, nil, body{"reason": "Applying next cycle."})
	c.call(Precondition, "AccreditationService_WithdrawApplication", ngo, params{"id": appID}, nil, body{})
	c.call(OK, "AccreditationService_WithdrawStatus", officer, params{"organizationId": grantedOrg}, nil, body{"reason": "At the organization's request."})
	c.call(Precondition, "AccreditationService_WithdrawStatus", officer, params{"organizationId": grantedOrg}, nil, body{"reason": "Twice."})

	c.report()
}

// listOf reads a list of objects from a JSON answer.
func listOf(a answer, field string) []map[string]any {
	var out []map[string]any
	items, _ := a.body[field].([]any)
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}
