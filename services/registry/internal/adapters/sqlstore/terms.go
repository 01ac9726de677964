package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// Full-text search goes through organization_terms: one row per distinct word stem of an
// organization's name, acronym and description, keyed (term, name_key, id). A search walks one
// term's rows already in page order and tests the other words and the facets row by row, so a
// page costs about its own 50 rows however many organizations match, or how late in the
// alphabet they sort. Neither a GIN index (PostgreSQL) nor FTS5 (SQLite) can hand matches over
// in name order, and both were where the p99 of a search went. Both databases store the same
// terms, made here, so a search means the same on either.

// searchTerms are the distinct stems of text, in first-seen order: letters and digits, lower
// case, accents dropped, each word reduced by the Porter stemmer ("Monitors" and "monitoring"
// are both "monitor").
func searchTerms(text ...string) []string {
	var terms []string
	for _, t := range text {
		for _, w := range strings.FieldsFunc(foldAccents(strings.ToLower(t)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if st := stem(w); !slices.Contains(terms, st) {
				terms = append(terms, st)
			}
		}
	}
	return terms
}

// foldAccents drops combining marks: "Société" is found as "societe".
func foldAccents(s string) string {
	for _, r := range s {
		if r >= 0x80 {
			var b strings.Builder
			for _, r := range norm.NFD.String(s) {
				if !unicode.Is(unicode.Mn, r) {
					b.WriteRune(r)
				}
			}
			return norm.NFC.String(b.String())
		}
	}
	return s
}

// stem is M. F. Porter's suffix-stripping algorithm (1980) over ASCII lower-case words; other
// words, and words of one or two letters, are kept as they are.
func stem(w string) string {
	if len(w) <= 2 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	b := []byte(w)
	b = step1ab(b)
	if len(b) > 2 && b[len(b)-1] == 'y' && hasVowel(b[:len(b)-1]) { // step 1c
		b[len(b)-1] = 'i'
	}
	b = replaceFirst(b, step2, 0)
	b = replaceFirst(b, step3, 0)
	b = step4(b)
	// Step 5.
	if n := len(b); n > 1 && b[n-1] == 'e' {
		if m := measure(b[:n-1]); m > 1 || m == 1 && !cvc(b[:n-1]) {
			b = b[:n-1]
		}
	}
	if n := len(b); n > 1 && b[n-1] == 'l' && b[n-2] == 'l' && measure(b) > 1 {
		b = b[:n-1]
	}
	return string(b)
}

func consonant(b []byte, i int) bool {
	switch b[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !consonant(b, i-1)
	}
	return true
}

// measure counts the vowel-consonant sequences of b ([C](VC)^m[V]).
func measure(b []byte) int {
	m, i := 0, 0
	for i < len(b) && consonant(b, i) {
		i++
	}
	for i < len(b) {
		for i < len(b) && !consonant(b, i) {
			i++
		}
		if i == len(b) {
			break
		}
		for i < len(b) && consonant(b, i) {
			i++
		}
		m++
	}
	return m
}

func hasVowel(b []byte) bool {
	for i := range b {
		if !consonant(b, i) {
			return true
		}
	}
	return false
}

// cvc: b ends consonant-vowel-consonant, the last not w, x or y ("hop", not "snow").
func cvc(b []byte) bool {
	n := len(b)
	if n < 3 || !consonant(b, n-1) || consonant(b, n-2) || !consonant(b, n-3) {
		return false
	}
	c := b[n-1]
	return c != 'w' && c != 'x' && c != 'y'
}

func doubleConsonant(b []byte) bool {
	n := len(b)
	return n >= 2 && b[n-1] == b[n-2] && consonant(b, n-1)
}

func step1ab(b []byte) []byte {
	s := string(b)
	switch {
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "ies"):
		b = b[:len(b)-2]
	case strings.HasSuffix(s, "ss"):
	case strings.HasSuffix(s, "s"):
		b = b[:len(b)-1]
	}
	s = string(b)
	var rest []byte
	switch {
	case strings.HasSuffix(s, "eed"):
		if measure(b[:len(b)-3]) > 0 {
			b = b[:len(b)-1]
		}
		return b
	case strings.HasSuffix(s, "ed") && hasVowel(b[:len(b)-2]):
		rest = b[:len(b)-2]
	case strings.HasSuffix(s, "ing") && hasVowel(b[:len(b)-3]):
		rest = b[:len(b)-3]
	default:
		return b
	}
	r := string(rest)
	switch {
	case strings.HasSuffix(r, "at"), strings.HasSuffix(r, "bl"), strings.HasSuffix(r, "iz"):
		return append(rest, 'e')
	case doubleConsonant(rest):
		if c := rest[len(rest)-1]; c != 'l' && c != 's' && c != 'z' {
			return rest[:len(rest)-1]
		}
	case measure(rest) == 1 && cvc(rest):
		return append(rest, 'e')
	}
	return rest
}

// A suffix rule replaces suffix by with.
type suffixRule struct{ suffix, with string }

var (
	step2 = []suffixRule{
		{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"izer", "ize"},
		{"abli", "able"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"}, {"ousli", "ous"},
		{"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"}, {"alism", "al"}, {"iveness", "ive"},
		{"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"},
	}
	step3 = []suffixRule{
		{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"}, {"ical", "ic"}, {"ful", ""}, {"ness", ""},
	}
	step4Suffixes = []string{
		"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
		"ism", "ate", "iti", "ous", "ive", "ize",
	}
)

// replaceFirst applies the rule of the longest suffix of b in rules, if its stem's measure is
// above the given one; a longest suffix whose condition fails ends the step.
func replaceFirst(b []byte, rules []suffixRule, above int) []byte {
	best := -1
	for i, r := range rules {
		if strings.HasSuffix(string(b), r.suffix) && (best < 0 || len(r.suffix) > len(rules[best].suffix)) {
			best = i
		}
	}
	if best < 0 {
		return b
	}
	r := rules[best]
	rest := b[:len(b)-len(r.suffix)]
	if measure(rest) <= above {
		return b
	}
	return append(rest[:len(rest):len(rest)], r.with...)
}

func step4(b []byte) []byte {
	best := ""
	for _, s := range step4Suffixes {
		if strings.HasSuffix(string(b), s) && len(s) > len(best) {
			best = s
		}
	}
	if best == "" {
		return b
	}
	rest := b[:len(b)-len(best)]
	if measure(rest) <= 1 {
		return b
	}
	if best == "ion" && (len(rest) == 0 || rest[len(rest)-1] != 's' && rest[len(rest)-1] != 't') {
		return b
	}
	return rest
}

// termRows is how many rows one INSERT into organization_terms carries (6 parameters each).
const termRows = 1000

// termRow is one row of organization_terms.
type termRow struct {
	term, nameKey, id, country string
	group                      int
	sdgMask                    int64
}

// termsOf are the rows of o in organization_terms.
func termsOf(o domain.Organization) []termRow {
	return termRowsOf(o.ID, o.NormalizedName(), o.Country, int(o.StakeholderGroup), domain.SDGMask(o.SDGs), o.Name, o.Acronym, o.Description)
}

func termRowsOf(id, nameKey, country string, group int, sdgMask int64, text ...string) []termRow {
	terms := searchTerms(text...)
	rows := make([]termRow, len(terms))
	for i, t := range terms {
		rows[i] = termRow{term: t, nameKey: nameKey, id: id, country: country, group: group, sdgMask: sdgMask}
	}
	return rows
}

// insertTerms writes rows into organization_terms.
func (s *Store) insertTerms(ctx context.Context, tx queryer, rows []termRow) error {
	for start := 0; start < len(rows); start += termRows {
		chunk := rows[start:min(start+termRows, len(rows))]
		b := s.build().add(`INSERT INTO organization_terms (term, name_key, id, country, stakeholder_group, sdg_mask) VALUES `)
		for i, r := range chunk {
			if i > 0 {
				b.add(", ")
			}
			b.add(`(?, ?, ?, ?, ?, ?)`, r.term, r.nameKey, r.id, r.country, r.group, r.sdgMask)
		}
		if _, err := tx.ExecContext(ctx, b.String(), b.args...); err != nil {
			return fmt.Errorf("index search terms: %w", err)
		}
	}
	return nil
}

// replaceTerms re-indexes a profile whose words or facets changed.
func (s *Store) replaceTerms(ctx context.Context, tx queryer, before, after domain.Organization) error {
	old, now := termsOf(before), termsOf(after)
	if slices.Equal(old, now) {
		return nil
	}
	for _, r := range old {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM organization_terms WHERE term = ? AND name_key = ? AND id = ?`), r.term, r.nameKey, r.id); err != nil {
			return fmt.Errorf("drop search terms: %w", err)
		}
	}
	return s.insertTerms(ctx, tx, now)
}

// FillSearchTerms indexes the profiles stored before organization_terms existed. It is cheap when
// the index is already there.
func (s *Store) FillSearchTerms(ctx context.Context) error {
	var indexed, stored int
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM organization_terms LIMIT 1) t), (SELECT COUNT(*) FROM (SELECT 1 FROM organizations LIMIT 1) o)`).Scan(&indexed, &stored); err != nil {
		return fmt.Errorf("look for unindexed profiles: %w", err)
	}
	if indexed > 0 || stored == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name_key, country, stakeholder_group, sdg_mask, name, acronym, description FROM organizations`)
		if err != nil {
			return fmt.Errorf("read profiles to index: %w", err)
		}
		var terms []termRow
		for rows.Next() {
			var id, key, country, name, acronym, description string
			var group int
			var mask int64
			if err := rows.Scan(&id, &key, &country, &group, &mask, &name, &acronym, &description); err != nil {
				rows.Close()
				return fmt.Errorf("read profiles to index: %w", err)
			}
			terms = append(terms, termRowsOf(id, key, country, group, mask, name, acronym, description)...)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read profiles to index: %w", err)
		}
		return s.insertTerms(ctx, tx, terms)
	})
}
