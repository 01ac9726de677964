package domain

import (
	"slices"
	"testing"
)

// Each spelling below was accepted as a new organization next to "Sahel Water Alliance".
func TestLookAlikeNamesShareTheSkeleton(t *testing.T) {
	want := NameSkeleton("Sahel Water Alliance")
	for _, name := range []string{
		"S\u0430hel Water Alliance",                     // Cyrillic а
		"\uff33\uff41\uff48\uff45\uff4c Water Alliance", // full-width letters
		"Sahel Wa\u200bter Alliance",                    // zero-width space
		"Sahel Water Allian\u03f2e",                     // Greek lunate sigma
		"Sahel Water AIliance",                          // capital I for l
		"The Sahel Water Alliance",
	} {
		if got := NameSkeleton(name); got != want {
			t.Errorf("skeleton of %q = %q, want %q", name, got, want)
		}
	}
	if NameSkeleton("Sahel Water Partnership") == want {
		t.Error("a different name has the same skeleton")
	}
}

func TestMixedScriptsAreFlaggedNotSameScript(t *testing.T) {
	for name, want := range map[string][]string{
		"Sahel Water Alliance":      nil,
		"Фонд Развития":             nil,
		"日本ユニセフ協会 Japan":            nil,
		"S\u0430hel Water Alliance": {"Cyrillic", "Latin"},
		"Sahel Water Allian\u03f2e": {"Greek", "Latin"},
	} {
		if got := MixedScripts(name); !slices.Equal(got, want) {
			t.Errorf("MixedScripts(%q) = %v, want %v", name, got, want)
		}
	}
	if NameFlag("S\u0430hel Water Alliance") == "" || NameFlag("Sahel Water Alliance") != "" {
		t.Error("NameFlag does not follow MixedScripts")
	}
}
