package domain

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// letterFolds covers letters that carry no combining accent in Unicode but that people type both
// ways ("Øresund" and "Oresund").
// Apostrophes join rather than split words: "Women's" and "Womens" are the same word.
var letterFolds = strings.NewReplacer("'", "", "’", "", "ʼ", "", "ø", "o", "æ", "ae", "œ", "oe", "ß", "ss", "ł", "l", "đ", "d", "ı", "i")

// NormalizeName reduces an organization's name to the key used to spot likely duplicates: case,
// accents and punctuation are ignored, and so is a leading "the" ("The Geneva Forum" and "Genève
// Forum!" are not the same, but "The Geneva Forum" and "geneva-forum" are).
func NormalizeName(name string) string {
	s := strings.ToLower(name)
	s = letterFolds.Replace(s)
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if folded, _, err := transform.String(t, s); err == nil {
		s = folded
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}
