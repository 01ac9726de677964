package portal

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/type/date"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/un-liaison/liaison/platform/locale"
)

//go:embed templates/*.html
var templateFiles embed.FS

// page is what every template receives: the reader, their language and the page's own data.
type page struct {
	Lang   string
	Base   string
	Path   string // the current URL, for the language switcher to come back to
	Viewer viewer
	CSRF   string
	Title  string // a catalogue key
	// Errors are the services' refusals, by form field ("" for the form as a whole).
	Errors map[string]string
	// Notice confirms what the last form did (a catalogue key).
	Notice string
	Data   any
}

// T translates a catalogue key into the reader's language.
func (pg page) T(key string, args ...any) string { return translate(pg.Lang, key, args...) }

// Enum translates an enum value under a catalogue prefix, e.g. ("appstate", STATE_DRAFT).
func (pg page) Enum(prefix string, v fmt.Stringer) string {
	return translate(pg.Lang, prefix+"."+v.String())
}

// Dir is the direction of the reader's script, for the page's dir attribute: Arabic runs
// right to left.
func (pg page) Dir() string { return locale.Dir(pg.Lang) }

// language is one entry of the language switcher.
type language struct {
	Code, Name, Dir string
	Current         bool
}

// Languages lists the six languages for the switcher, each named in itself.
func (pg page) Languages() []language {
	out := make([]language, len(languages))
	for i, l := range languages {
		out[i] = language{Code: l, Name: locale.Name(l), Dir: locale.Dir(l), Current: l == pg.Lang}
	}
	return out
}

// N writes a number with the reader's digits and grouping (CLDR).
func (pg page) N(n int) string { return locale.Number(pg.Lang, n) }

// Plural translates a counted message in the CLDR plural form of n for the reader's language.
func (pg page) Plural(key string, n int) string { return translatePlural(pg.Lang, key, n) }

// Err is the refusal for one field, if any.
func (pg page) Err(field string) string { return pg.Errors[field] }

// Day formats a calendar date in the reader's language (the month alone when the day is
// unknown, the year alone when the month is too).
func (pg page) Day(d *date.Date) string {
	switch {
	case d == nil || d.GetYear() == 0:
		return ""
	case d.GetMonth() == 0:
		return fmt.Sprint(d.GetYear())
	case d.GetDay() == 0:
		return locale.MonthYear(pg.Lang, int(d.GetYear()), time.Month(d.GetMonth()))
	}
	return locale.Date(pg.Lang, time.Date(int(d.GetYear()), time.Month(d.GetMonth()), int(d.GetDay()), 0, 0, 0, 0, time.UTC))
}

// When formats an instant in zone (the event's own, or UTC when empty) inside a <time>
// element; the portal's script adds the reader's own zone beside it.
func (pg page) When(ts *timestamppb.Timestamp, zone string) template.HTML {
	if ts == nil {
		return ""
	}
	loc := time.UTC
	if zone != "" {
		if l, err := time.LoadLocation(zone); err == nil {
			loc = l
		}
	}
	t := ts.AsTime().In(loc)
	text := fmt.Sprintf("%s, %s (%s)", locale.Date(pg.Lang, t), locale.Digits(pg.Lang, t.Format("15:04")), loc.String())
	return template.HTML(fmt.Sprintf(`<time datetime="%s">%s</time>`,
		template.HTMLEscapeString(t.Format(time.RFC3339)), template.HTMLEscapeString(text)))
}

// Date formats an instant as a day in UTC, for record-keeping times such as submission.
func (pg page) Date(ts *timestamppb.Timestamp) string {
	if ts == nil {
		return ""
	}
	t := ts.AsTime().UTC()
	return locale.Date(pg.Lang, t)
}

// parsePages joins each page template with the shared layout.
func parsePages() (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("portal: layout: %w", err)
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		if strings.HasSuffix(n, "/layout.html") {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFiles, n)
		if err != nil {
			return nil, fmt.Errorf("portal: %s: %w", n, err)
		}
		pages[strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")] = t
	}
	return pages, nil
}

// newPage starts the page data for r.
func (p *Portal) newPage(w http.ResponseWriter, r *http.Request, v viewer, title string) page {
	return page{
		Lang:   languageOf(r),
		Base:   p.base,
		Path:   r.URL.RequestURI(),
		Viewer: v,
		CSRF:   p.csrfToken(w, r),
		Title:  title,
		Notice: noticeKey(r.URL.Query().Get("done")),
	}
}

// render writes a page whole, so that a template error becomes a clean 500 rather than half
// a page.
func (p *Portal) render(w http.ResponseWriter, r *http.Request, status int, name string, pg page) {
	t, ok := p.pages[name]
	if !ok {
		p.log.Error("portal: no such page template", "page", name)
		http.Error(w, "page not found", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", pg); err != nil {
		p.log.Error("portal: rendering", "page", name, "err", err)
		http.Error(w, translate(pg.Lang, "err.internal"), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", pg.Lang)
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Cookie, Accept-Language")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// RegistryStatus words the directory's copy of an organization's status: the state, and
// the category when there is one.
func (pg page) RegistryStatus(s *registryv1.ConsultativeStatus) string {
	state := s.GetState()
	if state == registryv1.ConsultativeStatus_STATE_UNSPECIFIED {
		state = registryv1.ConsultativeStatus_STATE_NONE
	}
	out := pg.Enum("status", state)
	if c := s.GetCategory(); c != registryv1.Category_CATEGORY_UNSPECIFIED {
		out = pg.Enum("category", c) + " · " + out
	}
	return out
}

// formField is one labelled input of a form, with the service's refusal of it if any.
type formField struct {
	Name, Label, Type, Value, Error string
	Required                        bool
}

var funcs = template.FuncMap{
	// field builds a form input: its name, the catalogue key of its label, its type
	// ("textarea" or an <input> type), its value and whether it is required.
	"field": func(pg page, name, label, typ, value string, required bool) formField {
		return formField{Name: name, Label: pg.T(label), Type: typ, Value: value, Required: required, Error: pg.Err(name)}
	},
	// rowsOf captions a breakdown table of the participation report.
	"rowsOf": func(pg page, caption string, rows []*eventsv1.ParticipationRow) rowTable {
		return rowTable{P: pg, Caption: pg.T(caption), Rows: rows}
	},
	// newID is a fresh idempotency key for a form.
	"newID": newRequestID,
	// list makes a list of strings, for a select's options.
	"list": func(items ...string) []string { return items },
	// int widens a protobuf int32 for the page's number helpers.
	"int": func(n int32) int { return int(n) },
}

// noticeKey accepts only the confirmations the portal itself sends, so a crafted link
// cannot put words of its own on a page.
func noticeKey(k string) string {
	if _, ok := catalogue["en"][k]; ok && strings.HasPrefix(k, "notice.") {
		return k
	}
	return ""
}

// AccreditationStatus words the accreditation service's own record of a status, which is
// authoritative where the directory's copy may lag behind.
func (pg page) AccreditationStatus(s *accreditationv1.ConsultativeStatus) string {
	out := pg.Enum("status", s.GetState())
	if c := s.GetCategory(); c != accreditationv1.Category_CATEGORY_UNSPECIFIED {
		out = pg.Enum("category", c) + " · " + out
	}
	return out
}

// rowTable is one breakdown of a participation report, with the page for its labels.
type rowTable struct {
	P       page
	Caption string
	Rows    []*eventsv1.ParticipationRow
}
