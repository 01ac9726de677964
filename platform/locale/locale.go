// Package locale holds what liaison needs to speak the six official languages of the United
// Nations (Arabic, Chinese, English, French, Russian, Spanish): matching a reader's preferences
// to one of them, the direction of its script, CLDR plural categories, and dates and numbers
// written as the language writes them. The portal and the notices both use it, so a mail and
// the page it links to agree.
package locale

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Languages are the six official languages, in the UN's order (English alphabetical order of
// their names in English is Arabic, Chinese, English, French, Russian, Spanish).
var Languages = []string{"ar", "zh", "en", "fr", "ru", "es"}

var (
	tags    = []language.Tag{language.English, language.Arabic, language.Chinese, language.French, language.Russian, language.Spanish}
	matcher = language.NewMatcher(tags)
)

// Known reports whether l is one of the six (as a base language code).
func Known(l string) bool {
	for _, k := range Languages {
		if k == l {
			return true
		}
	}
	return false
}

// Match picks the best of the six for a list of preferences (BCP 47 tags, best first, or an
// Accept-Language header's value), English when none is close.
func Match(prefs ...string) string {
	var want []language.Tag
	for _, p := range prefs {
		parsed, _, err := language.ParseAcceptLanguage(p)
		if err == nil {
			want = append(want, parsed...)
		}
	}
	if len(want) == 0 {
		return "en"
	}
	_, idx, conf := matcher.Match(want...)
	if conf == language.No {
		return "en"
	}
	base, _ := tags[idx].Base()
	return base.String()
}

// Dir is the direction of the language's script: "rtl" for Arabic, else "ltr".
func Dir(lang string) string {
	if lang == "ar" {
		return "rtl"
	}
	return "ltr"
}

// Name is the language's name in itself, for the language switcher.
func Name(lang string) string {
	return map[string]string{"ar": "العربية", "zh": "中文", "en": "English", "fr": "Français", "ru": "Русский", "es": "Español"}[lang]
}

// PluralForm is the CLDR plural category of n in lang: "zero", "one", "two", "few", "many" or
// "other". Arabic uses all six, Russian four, Chinese only "other".
func PluralForm(lang string, n int) string {
	switch plural.Cardinal.MatchPlural(tag(lang), n, 0, 0, 0, 0) {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	default:
		return "other"
	}
}

func tag(lang string) language.Tag {
	t, err := language.Parse(lang)
	if err != nil {
		return language.English
	}
	return t
}

// Number writes n with the language's digit grouping (CLDR): 12,345 in English, 12 345 in
// French and Russian, 12.345 in Spanish, ١٢٬٣٤٥ in Arabic.
func Number(lang string, n int) string {
	return message.NewPrinter(tag(lang)).Sprintf("%d", n)
}

// months are the CLDR format-context month names.
var months = map[string][12]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"es": {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"ar": {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
}

// Date writes a calendar date in the language's long form (CLDR dateFormatLength long):
// "3 December 2026" (the UN's English style), "3 décembre 2026", "3 de diciembre de 2026",
// "3 декабря 2026 г.", "٣ ديسمبر ٢٠٢٦", "2026年12月3日".
func Date(lang string, t time.Time) string {
	y, m, d := t.Date()
	switch lang {
	case "zh":
		return fmt.Sprintf("%d年%d月%d日", y, int(m), d)
	case "es":
		return fmt.Sprintf("%d de %s de %d", d, months["es"][m-1], y)
	case "ru":
		return fmt.Sprintf("%d %s %d г.", d, months["ru"][m-1], y)
	case "ar":
		return arabicDigits(fmt.Sprintf("%d", d)) + " " + months["ar"][m-1] + " " + arabicDigits(fmt.Sprintf("%d", y))
	case "fr":
		day := fmt.Sprint(d)
		if d == 1 {
			day = "1er"
		}
		return fmt.Sprintf("%s %s %d", day, months["fr"][m-1], y)
	default:
		return fmt.Sprintf("%d %s %d", d, months["en"][m-1], y)
	}
}

// DateTime writes an instant in UTC: the date as Date, then the 24-hour time.
func DateTime(lang string, t time.Time) string {
	t = t.UTC()
	hm := t.Format("15:04")
	switch lang {
	case "ar":
		return Date(lang, t) + "، " + arabicDigits(hm) + " (UTC)"
	case "zh":
		return Date(lang, t) + " " + hm + " (UTC)"
	default:
		return Date(lang, t) + ", " + hm + " UTC"
	}
}

// arabicDigits writes digits as Arabic-Indic digits, as CLDR's default numbering system for ar.
func arabicDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune('٠' + (r - '0'))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// MonthYear writes a month of a year, for dates known only to the month: "December 2026",
// "décembre 2026", "diciembre de 2026", "декабрь 2026 г.", "ديسمبر ٢٠٢٦", "2026年12月".
func MonthYear(lang string, y int, m time.Month) string {
	switch lang {
	case "zh":
		return fmt.Sprintf("%d年%d月", y, int(m))
	case "es":
		return fmt.Sprintf("%s de %d", months["es"][m-1], y)
	case "ru":
		return fmt.Sprintf("%s %d г.", standaloneRU[m-1], y)
	case "ar":
		return months["ar"][m-1] + " " + arabicDigits(fmt.Sprint(y))
	case "fr":
		return fmt.Sprintf("%s %d", months["fr"][m-1], y)
	default:
		return fmt.Sprintf("%s %d", months["en"][m-1], y)
	}
}

// standaloneRU are the Russian month names in the nominative (CLDR stand-alone context).
var standaloneRU = [12]string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}

// Digits writes the ASCII digits of s in the language's default numbering system (CLDR):
// Arabic-Indic for Arabic, unchanged otherwise. For times and codes built by the caller.
func Digits(lang, s string) string {
	if lang == "ar" {
		return arabicDigits(s)
	}
	return s
}
