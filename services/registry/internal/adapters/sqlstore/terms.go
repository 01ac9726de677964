package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
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
// case, accents dropped, each word reduced by the Snowball English stemmer ("Monitors" and "monitoring"
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

// stem reduces an ASCII lower-case word with the Snowball English stemmer; other words, and
// words of one or two letters, are kept as they are (a stemmer for one language would only
// mangle them).
func stem(w string) string {
	if len(w) <= 2 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	return english.Stem(w, true)
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
