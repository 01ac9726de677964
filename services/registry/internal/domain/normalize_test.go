package domain

import "testing"

func TestNormalizeNameSpotsLikelyDuplicates(t *testing.T) {
	same := []struct{ a, b string }{
		{"United Nations Office at Geneva", "united nations office at geneva"},
		{"The Geneva Forum", "Geneva Forum"},
		{"Genève Forum", "Geneve forum"},
		{"Women's Rights — Action!", "womens rights action"},
		{"Fondation Hirondelle", "  FONDATION   hirondelle. "},
		{"Øresund Network", "Oresund network"},
		{"Straße der Hoffnung", "Strasse der Hoffnung"},
	}
	for _, tt := range same {
		if NormalizeName(tt.a) != NormalizeName(tt.b) {
			t.Errorf("%q and %q should normalize alike: %q vs %q", tt.a, tt.b, NormalizeName(tt.a), NormalizeName(tt.b))
		}
	}
	different := []struct{ a, b string }{
		{"Geneva Forum", "Geneva Forums"},
		{"Action for Women", "Action for Children"},
		{"The", "Theatre"},
	}
	for _, tt := range different {
		if NormalizeName(tt.a) == NormalizeName(tt.b) {
			t.Errorf("%q and %q should differ", tt.a, tt.b)
		}
	}
	if got := NormalizeName("The"); got != "the" {
		t.Errorf("a name that is only \"the\" keeps it, got %q", got)
	}
}
