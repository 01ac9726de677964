package portal

import (
	"context"
	"net/http"
)

// officerQueue is a page where liaison officers decide, one item at a time, on what waits for
// them (side-event proposals, grounds-pass designations). Each decision carries the etag the
// item was read with, so one taken meanwhile by another officer is refused, not overwritten,
// and a request id, so a repeated post decides once.
type officerQueue[T interface{ GetOrganizationId() string }] struct {
	p                     *Portal
	title, template, path string
	list                  func(ctx context.Context) ([]T, error)
	approve, refuse       func(ctx context.Context, r *http.Request, id, etag, requestID string) error
}

// decisionsData is what a queue page shows: the items with their organizations' names.
type decisionsData[T any] struct {
	Items     []T
	Names     map[string]string
	RequestID string
}

func (q officerQueue[T]) show(w http.ResponseWriter, r *http.Request, v viewer) {
	if q.p.requireOfficer(w, r, v) {
		q.render(w, r, v, http.StatusOK, nil)
	}
}

func (q officerQueue[T]) render(w http.ResponseWriter, r *http.Request, v viewer, code int, errs map[string]string) {
	items, err := q.list(callContext(r.Context(), v))
	if err != nil {
		q.p.failPage(w, r, v, err)
		return
	}
	pg := q.p.newPage(w, r, v, q.title)
	pg.Data = decisionsData[T]{Items: items, Names: q.p.organizationNames(r, v, orgIDs(items)), RequestID: newRequestID()}
	pg.Errors = errs
	q.p.render(w, r, code, q.template, pg)
}

// decide approves the item named in the path, or refuses it when the form says otherwise.
func (q officerQueue[T]) decide(w http.ResponseWriter, r *http.Request, v viewer) {
	if !q.p.requireOfficer(w, r, v) {
		return
	}
	act := q.refuse
	if r.FormValue("decision") == "approve" {
		act = q.approve
	}
	if err := act(callContext(r.Context(), v), r, r.PathValue("id"), r.FormValue("etag"), r.FormValue("request_id")); err != nil {
		q.render(w, r, v, http.StatusUnprocessableEntity, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, q.p.path(q.path+"?done=notice.recorded"), http.StatusSeeOther)
}
