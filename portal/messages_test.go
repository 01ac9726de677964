package portal

import (
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
)

// TestEveryLabelIsInBothLanguages keeps the French catalogue complete: a key missing there
// would show English to a French reader.
func TestEveryLabelIsInBothLanguages(t *testing.T) {
	for key := range catalogue["en"] {
		if _, ok := catalogue["fr"][key]; !ok {
			t.Errorf("%q has no French text", key)
		}
	}
	for key := range catalogue["fr"] {
		if _, ok := catalogue["en"][key]; !ok {
			t.Errorf("%q has no English text", key)
		}
	}
}

func TestLanguageFromAcceptLanguage(t *testing.T) {
	for header, want := range map[string]string{
		"":                          "en",
		"fr-CA":                     "fr",
		"de-DE, fr;q=0.8, en;q=0.9": "en",
		"de, fr;q=0.5":              "fr",
		"es":                        "en",
		"en;q=0, fr;q=0.1":          "fr",
	} {
		r := httptestRequest(header)
		if got := languageOf(r); got != want {
			t.Errorf("Accept-Language %q: %s, want %s", header, got, want)
		}
	}
}

func TestFieldMessagesTranslateKnownRules(t *testing.T) {
	v := &errdetails.BadRequest_FieldViolation{Field: "organization.email", Reason: "string.email", Description: "must be a valid email address"}
	if got := fieldMessage("fr", v); got != catalogue["fr"]["rule.string.email"] {
		t.Errorf("known rule: %q", got)
	}
	v.Reason = "some.unknown_rule"
	if got := fieldMessage("fr", v); got != "Refusé : must be a valid email address" {
		t.Errorf("unknown rule: %q", got)
	}
}

func TestAccessAndVoiceLabelsInTheSixLanguages(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es", "ru", "ar", "zh"} {
		if len(accessVoiceMessages[lang]) != len(accessVoiceMessages["en"]) {
			t.Errorf("%s has %d labels, English %d", lang, len(accessVoiceMessages[lang]), len(accessVoiceMessages["en"]))
		}
		for key := range accessVoiceMessages["en"] {
			if accessVoiceMessages[lang][key] == "" {
				t.Errorf("%q has no %s text", key, lang)
			}
		}
	}
}
