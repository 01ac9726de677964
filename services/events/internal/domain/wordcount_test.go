package domain_test

import (
	"testing"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

func TestCountWords(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"  — … ; !", 0},
		{"Civil society organizations contribute to sustainable development.", 7},
		{"L'égalité des sexes est au cœur du développement durable.", 9},
		{"peut-être l’ONU d’un", 3},
		{"The 2,000-word limit, 3.5 times.", 5},
		{"La sociedad civil promueve los derechos humanos en todo el mundo.", 11},
		{"Гражданское общество защищает права человека во всём мире.", 8},
		{"تعمل منظمات المجتمع المدني من أجل التنمية المستدامة.", 8},
		{"إِنَّ التَّنْمِيَةَ حَقٌّ", 3}, // vowel marks belong to their word
		{"公民社会促进可持续发展。", 11},
		{"联合国（UN）2030年议程", 8}, // six ideographs, and "UN" and "2030" as spaced-script words
	} {
		got := domain.CountWords(tc.text)
		if got != tc.want {
			t.Errorf("CountWords(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

func TestParseStationRules(t *testing.T) {
	rules, err := domain.ParseStationRules("geneva.temporary_max_days=183, new_york.annual_quota=5")
	if err != nil {
		t.Fatal(err)
	}
	if rules[domain.StationGeneva].TemporaryMaxDays != 183 || rules[domain.StationNewYork].AnnualQuota != 5 ||
		rules[domain.StationNewYork].TemporaryAtOnce != 9 || rules[domain.StationVienna] != domain.DefaultStationRules(domain.StationVienna) {
		t.Fatalf("rules: %+v", rules)
	}
	for _, bad := range []string{"nairobi.minimum_age=18", "geneva.colour=3", "geneva.minimum_age=-1", "geneva.minimum_age"} {
		if _, err := domain.ParseStationRules(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
