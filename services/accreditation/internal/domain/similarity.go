package domain

import (
	"strings"
	"unicode"
)

// Repeated questions are a documented way of blocking applications
// ("defer applications session after session with inappropriate, specious or
// repetitive questions", hrvoices.org; ISHR), so each new question is compared
// with the earlier ones once case, spacing and punctuation are set aside.

// repeatThreshold is how alike two questions' words must be (Dice
// coefficient over word multisets) to count as the same question: high
// enough that a different question on the same topic is not flagged, low
// enough that a reworded filler ("please", "kindly") does not hide a repeat.
const repeatThreshold = 0.8

// NormalizeQuestion lowers case, drops punctuation and collapses spacing.
func NormalizeQuestion(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// QuestionSimilarity is 1 for questions with the same words and 0 for
// questions with none in common.
func QuestionSimilarity(a, b string) float64 {
	wa, wb := strings.Fields(NormalizeQuestion(a)), strings.Fields(NormalizeQuestion(b))
	if len(wa) == 0 && len(wb) == 0 {
		return 1
	}
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, w := range wa {
		count[w]++
	}
	common := 0
	for _, w := range wb {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}

// FindRepeat returns the id of the earliest earlier question that text
// repeats, or "".
func FindRepeat(earlier []Question, text string) string {
	for _, q := range earlier {
		if QuestionSimilarity(q.Text, text) >= repeatThreshold {
			return q.ID
		}
	}
	return ""
}
