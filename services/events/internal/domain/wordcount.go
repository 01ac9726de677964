package domain

import "unicode"

// CountWords counts the words of a statement the same way whatever script it is written in, so
// that a limit means the same thing in every official language:
//
//   - In scripts written with spaces (Latin, Cyrillic, Arabic, Greek, Hangul...) a word is a
//     maximal run of letters, combining marks and digits. An apostrophe (' or ’), a hyphen
//     (- or ‐) or a period or comma standing between two such characters joins them, so
//     "l'ONU", "peut-être", "d’un", "3.5" and "2,000" are one word each; Arabic vowel marks and
//     the tatweel belong to their word.
//   - In scripts written without spaces, each Han ideograph, Hiragana or Katakana character is
//     one word. Chinese has no spaces to count; counting characters is how word processors
//     count East Asian text (so a drafter's own count agrees with the service's), and a
//     character is the unit UN Chinese texts are measured in.
//
// Punctuation, symbols and spaces are never words.
func CountWords(text string) int {
	rs := []rune(text)
	n := 0
	for i, r := range rs {
		switch {
		case ideograph(r):
			n++
		case spacedWordRune(r):
			continued := i > 0 && spacedWordRune(rs[i-1]) ||
				i > 1 && joinsWords(rs[i-1]) && spacedWordRune(rs[i-2])
			if !continued {
				n++
			}
		}
	}
	return n
}

func spacedWordRune(r rune) bool {
	return !ideograph(r) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.IsNumber(r))
}

// joinsWords says whether r joins two word characters into one word.
func joinsWords(r rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '.', ',':
		return true
	}
	return false
}

// ideograph says whether r is written without spaces and counts as a word by itself.
func ideograph(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}
