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
