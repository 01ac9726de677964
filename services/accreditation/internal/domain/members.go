package domain

import (
	"fmt"
	"slices"
	"strings"
)

// Member is a member State of the Committee on NGOs with its term. The
// Committee has 19 members elected by ECOSOC for four-year terms (5 African,
// 4 Asia-Pacific, 2 Eastern European, 4 Latin American and Caribbean, 4
// Western European and other States; ecosoc.un.org/zh/node/12582,
// resolution 1996/31 para 60). The service does not fix the number: a
// session lists the States that sit at it.
type Member struct {
	// Code is the State's ISO 3166-1 alpha-2 code.
	Code string
	// Name is the State's name as the Committee's reports give it.
	Name string
	// TermStart and TermEnd bound the State's term on the Committee.
	TermStart Date
	TermEnd   Date
}

// userAssigned reports whether an alpha-2 code is one ISO 3166-1 leaves to
// users (AA, QM-QZ, XA-XZ, ZZ): no State has one.
func userAssigned(code string) bool {
	return code == "AA" || code == "ZZ" || (code[0] == 'Q' && code[1] >= 'M') || code[0] == 'X'
}

func checkMembers(members []Member, start Date) []FieldViolation {
	var bad []FieldViolation
	seen := map[string]bool{}
	for i, m := range members {
		f := fmt.Sprintf("committee_session.members[%d]", i)
		if !isCountryCode(m.Code) || userAssigned(m.Code) {
			bad = append(bad, FieldViolation{f + ".code", "must be a State's ISO 3166-1 alpha-2 code, e.g. GB"})
			continue
		}
		if seen[m.Code] {
			bad = append(bad, FieldViolation{f + ".code", m.Code + " is listed twice"})
		}
		seen[m.Code] = true
		if blank(m.Name) {
			bad = append(bad, FieldViolation{f + ".name", "is required"})
		}
		if !m.TermStart.IsFull() || !m.TermEnd.IsFull() || m.TermEnd.Before(m.TermStart) {
			bad = append(bad, FieldViolation{f + ".term", "must be two full dates, the end not before the start"})
		} else if start.IsFull() && (start.Before(m.TermStart) || start.After(m.TermEnd)) {
			bad = append(bad, FieldViolation{f + ".term", fmt.Sprintf("%s's term %s to %s does not cover the session's start %s", m.Code, m.TermStart, m.TermEnd, start)})
		}
	}
	return bad
}

// Member finds a member State sitting at the session by its code.
func (s CommitteeSession) Member(code string) (Member, bool) {
	i := slices.IndexFunc(s.Members, func(m Member) bool { return m.Code == code })
	if i < 0 {
		return Member{}, false
	}
	return s.Members[i], true
}

// CheckAsker decides whether askedBy may put a question at the session:
// only a member State sitting at it may.
func (s CommitteeSession) CheckAsker(field, askedBy string) error {
	if _, ok := s.Member(askedBy); ok {
		return nil
	}
	if len(s.Members) == 0 {
		return &PreconditionError{Reason: "NO_MEMBERS",
			Message: fmt.Sprintf("the members of %s are not recorded: record them before questions are put", s.Name)}
	}
	codes := make([]string, len(s.Members))
	for i, m := range s.Members {
		codes[i] = m.Code
	}
	return Invalid(field, fmt.Sprintf("%q is not a member State of the Committee at %s (members: %s)", askedBy, s.Name, strings.Join(codes, ", ")))
}
