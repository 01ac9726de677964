package portal

import (
	"net/http"
	"slices"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
)

// noticesData is the dead-letter list: notices the mail relay kept refusing.
type noticesData struct {
	Notices []*accreditationv1.Notice
	Next    string
}

// failedNotices shows officers the notices that could not be sent, to correct an address and
// send them again.
func (p *Portal) failedNotices(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	resp, err := p.accreditation.ListFailedNotices(callContext(r.Context(), v), &accreditationv1.ListFailedNoticesRequest{PageToken: r.URL.Query().Get("page")})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	pg := p.newPage(w, r, v, "notices.title")
	pg.Data = noticesData{Notices: resp.GetNotices(), Next: resp.GetNextPageToken()}
	p.render(w, r, http.StatusOK, "notices", pg)
}

// retryNotice puts a failed notice back in the queue.
func (p *Portal) retryNotice(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	_, err := p.accreditation.RetryNotice(callContext(r.Context(), v), &accreditationv1.RetryNoticeRequest{Key: r.FormValue("key")})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	http.Redirect(w, r, p.path("/notices?done=notice.requeued"), http.StatusSeeOther)
}

// saveNoticePreferences stores which optional notices the reader's organization receives: the
// form lists each optional kind as a checkbox, ticked to receive it.
func (p *Portal) saveNoticePreferences(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.failPage(w, r, v, status.Error(codes.InvalidArgument, "unreadable form"))
		return
	}
	ctx := callContext(r.Context(), v)
	prefs, err := p.accreditation.GetNoticePreferences(ctx, &accreditationv1.GetNoticePreferencesRequest{OrganizationId: v.Org})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	receive := r.PostForm["receive"]
	declined := []string{}
	for _, k := range prefs.GetNoticePreferences().GetOptionalKinds() {
		if !slices.Contains(receive, k) {
			declined = append(declined, k)
		}
	}
	_, err = p.accreditation.UpdateNoticePreferences(ctx, &accreditationv1.UpdateNoticePreferencesRequest{
		NoticePreferences: &accreditationv1.NoticePreferences{OrganizationId: v.Org, DeclinedKinds: declined},
		UpdateMask:        &fieldmaskpb.FieldMask{Paths: []string{"declined_kinds"}},
	})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	http.Redirect(w, r, p.path("/my?done=notice.preferences"), http.StatusSeeOther)
}
