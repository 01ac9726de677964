package portal

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"google.golang.org/protobuf/types/known/fieldmaskpb"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// editEvent changes an event's title, description and capacity (confirming waitlisted
// people when seats are added), as an officer types them.
func (p *Portal) editEvent(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	e := &eventsv1.Event{Id: r.PathValue("id"), Etag: f.Get("etag"), Title: strings.TrimSpace(f.Get("title")), Description: strings.TrimSpace(f.Get("description"))}
	if n, err := strconv.Atoi(strings.TrimSpace(f.Get("capacity"))); err == nil {
		e.Capacity = int32(n)
	}
	_, err := p.events.UpdateEvent(callContext(r.Context(), v), &eventsv1.UpdateEventRequest{Event: e,
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title", "description", "capacity"}}})
	if err != nil {
		p.renderEvent(w, r, v, http.StatusUnprocessableEntity, f, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/events/", url.PathEscape(r.PathValue("id")), "?done=notice.eventupdated"), http.StatusSeeOther)
}

// cancelEvent calls an event off with the reason people will read.
func (p *Portal) cancelEvent(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	_, err := p.events.CancelEvent(callContext(r.Context(), v), &eventsv1.CancelEventRequest{Id: r.PathValue("id"), Etag: r.FormValue("etag"),
		Reason: strings.TrimSpace(r.FormValue("reason")), RequestId: r.FormValue("request_id")})
	if err != nil {
		p.renderEvent(w, r, v, http.StatusUnprocessableEntity, r.PostForm, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/events/", url.PathEscape(r.PathValue("id")), "?done=notice.eventcancelled"), http.StatusSeeOther)
}

// The event editing labels, in the six official languages.
var eventEditMessages = map[string]map[string]string{
	"en": {"eventedit.title": "Edit the event", "eventedit.name": "Title", "eventedit.description": "Description", "eventedit.capacity": "Seats (0: no limit)",
		"eventedit.save": "Save the changes", "eventedit.cancel": "Cancel the event", "eventedit.reason": "Reason, shown to everyone registered",
		"notice.eventupdated": "The event was updated.", "notice.eventcancelled": "The event was cancelled."},
	"fr": {"eventedit.title": "Modifier la réunion", "eventedit.name": "Titre", "eventedit.description": "Description", "eventedit.capacity": "Places (0 : sans limite)",
		"eventedit.save": "Enregistrer les modifications", "eventedit.cancel": "Annuler la réunion", "eventedit.reason": "Motif, montré à toutes les personnes inscrites",
		"notice.eventupdated": "La réunion a été modifiée.", "notice.eventcancelled": "La réunion a été annulée."},
	"es": {"eventedit.title": "Modificar el evento", "eventedit.name": "Título", "eventedit.description": "Descripción", "eventedit.capacity": "Plazas (0: sin límite)",
		"eventedit.save": "Guardar los cambios", "eventedit.cancel": "Cancelar el evento", "eventedit.reason": "Motivo, visible para todas las personas inscritas",
		"notice.eventupdated": "Se modificó el evento.", "notice.eventcancelled": "Se canceló el evento."},
	"ru": {"eventedit.title": "Изменить мероприятие", "eventedit.name": "Название", "eventedit.description": "Описание", "eventedit.capacity": "Мест (0 — без ограничения)",
		"eventedit.save": "Сохранить изменения", "eventedit.cancel": "Отменить мероприятие", "eventedit.reason": "Причина, которую увидят все зарегистрированные",
		"notice.eventupdated": "Мероприятие изменено.", "notice.eventcancelled": "Мероприятие отменено."},
	"ar": {"eventedit.title": "تعديل الفعالية", "eventedit.name": "العنوان", "eventedit.description": "الوصف", "eventedit.capacity": "المقاعد (0: بلا حد)",
		"eventedit.save": "حفظ التغييرات", "eventedit.cancel": "إلغاء الفعالية", "eventedit.reason": "السبب، ويظهر لجميع المسجلين",
		"notice.eventupdated": "عُدّلت الفعالية.", "notice.eventcancelled": "أُلغيت الفعالية."},
	"zh": {"eventedit.title": "编辑活动", "eventedit.name": "标题", "eventedit.description": "说明", "eventedit.capacity": "座位（0：不限）",
		"eventedit.save": "保存更改", "eventedit.cancel": "取消活动", "eventedit.reason": "理由（所有已登记者可见）",
		"notice.eventupdated": "活动已更新。", "notice.eventcancelled": "活动已取消。"},
}

func init() {
	for lang, msgs := range eventEditMessages {
		if catalogue[lang] == nil {
			catalogue[lang] = map[string]string{}
		}
		for k, v := range msgs {
			catalogue[lang][k] = v
		}
	}
}
