package domain

import (
	"slices"
	"strings"
	"unicode"

	"github.com/mtibben/confusables"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// invisible drops the format characters (zero-width space and joiners, bidirectional marks, the
// byte-order mark) that render as nothing but make two equal-looking names differ byte for byte.
var invisible = runes.Remove(runes.In(unicode.Cf))

// NameSkeleton reduces a name to what it looks like, for the duplicate check: invisible
// characters are dropped, compatibility forms folded (NFKC: full-width letters, ligatures), each
// character mapped to its prototype in the Unicode TS #39 confusables table (Cyrillic "а" and
// Greek "ϲ" become Latin "a" and "c"), and the result normalized as NormalizeName does. Two
// names with the same skeleton would be mistaken for each other by a reader.
func NameSkeleton(name string) string {
	s := name
	if cleaned, _, err := transform.String(invisible, s); err == nil {
		s = cleaned
	}
	// The table maps some compatibility characters itself (lunate sigma to "c") which NFKC
	// would first turn into something else (final sigma), so map, fold, and map what folding made.
	s = confusables.Skeleton(norm.NFKC.String(confusables.Skeleton(s)))
	return NormalizeName(s)
}

// scriptSets are the combinations of scripts a name may legitimately mix (the "highly
// restrictive" level of Unicode TS #39): Japanese, Chinese and Korean writing, each possibly
// with Latin.
var scriptSets = [][]string{
	{"Latin", "Han", "Hiragana", "Katakana"},
	{"Latin", "Han", "Bopomofo"},
	{"Latin", "Han", "Hangul"},
}

// MixedScripts names the scripts of a name's letters when they mix in a way no language writes
// (Latin with Cyrillic, say), which is how look-alike spoofs are built; it is empty for a name
// in one script or in an accepted combination. Such a name is not refused, since a real
// organization may write its name so, but flagged for an officer to look at.
func MixedScripts(name string) []string {
	var found []string
	for _, r := range norm.NFKC.String(name) {
		if !unicode.IsLetter(r) {
			continue
		}
		for script, table := range unicode.Scripts {
			if script != "Common" && script != "Inherited" && unicode.Is(table, r) && !slices.Contains(found, script) {
				found = append(found, script)
			}
		}
	}
	if len(found) < 2 {
		return nil
	}
	for _, set := range scriptSets {
		if allIn(found, set) {
			return nil
		}
	}
	slices.Sort(found)
	return found
}

func allIn(scripts, set []string) bool {
	for _, s := range scripts {
		if !slices.Contains(set, s) {
			return false
		}
	}
	return true
}

// NameFlag says why an officer should look at a name, or is empty when nothing is unusual.
func NameFlag(name string) string {
	if scripts := MixedScripts(name); scripts != nil {
		return "the name mixes the " + strings.Join(scripts, " and ") + " scripts"
	}
	return ""
}
