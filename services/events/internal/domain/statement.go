package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// BodyKind is the kind of body a call for written statements is for; it sets the default rules.
type BodyKind int

// Body kinds (the contract's enum values).
const (
	BodyHighLevelSegment BodyKind = iota + 1
	BodyFunctionalCommission
)

// WordLimits are a call's word limits by consultative category.
type WordLimits struct{ General, Special, Roster int }

// DefaultWordLimits is today's practice: the ECOSOC High-Level Segment takes 2,000 words from
// General and 500 from Special and Roster organizations; functional commissions 2,000 from
// General and 1,500 from Special (and, when invited, Roster) organizations.
func DefaultWordLimits(k BodyKind) WordLimits {
	if k == BodyHighLevelSegment {
		return WordLimits{General: 2000, Special: 500, Roster: 500}
	}
	return WordLimits{General: 2000, Special: 1500, Roster: 1500}
}

// DefaultStatementLanguages are the languages a call accepts when it names none.
var DefaultStatementLanguages = []string{"en", "fr"}

// StatementCall is a call for written statements to one body at one session.
type StatementCall struct {
	ID            string
	Body          string
	Kind          BodyKind
	Session       string
	SymbolSeries  string
	Deadline      time.Time
	AgendaItems   []string
	Languages     []string
	Limits        WordLimits
	RosterInvited bool
	Created       time.Time
	Arrival       int64
}

// Validate checks the call's fields and fills in the defaults.
func (c *StatementCall) Validate() error {
	var p Problems
	if strings.TrimSpace(c.Body) == "" {
		p.Add("statement_call.body", "is required")
	}
	if c.Kind != BodyHighLevelSegment && c.Kind != BodyFunctionalCommission {
		p.Add("statement_call.body_kind", "is required")
	}
	if strings.TrimSpace(c.Session) == "" {
		p.Add("statement_call.session", "is required")
	}
	c.SymbolSeries = strings.TrimRight(strings.TrimSpace(c.SymbolSeries), "/")
	if c.SymbolSeries == "" {
		p.Add("statement_call.symbol_series", "is required, e.g. E/CN.6/2027/NGO")
	}
	if c.Deadline.IsZero() {
		p.Add("statement_call.deadline", "is required")
	}
	if err := p.Err(); err != nil {
		return err
	}
	if len(c.Languages) == 0 {
		c.Languages = slices.Clone(DefaultStatementLanguages)
	}
	d := DefaultWordLimits(c.Kind)
	if c.Limits.General == 0 {
		c.Limits.General = d.General
	}
	if c.Limits.Special == 0 {
		c.Limits.Special = d.Special
	}
	if c.Limits.Roster == 0 {
		c.Limits.Roster = d.Roster
	}
	return nil
}

// LimitFor returns the word limit for a category and whether the call admits that category at
// all: General and Special always; Roster at the High-Level Segment, and at a commission only
// when invited.
func (c *StatementCall) LimitFor(cat StatusCategory) (int, bool) {
	switch cat {
	case CategoryGeneral:
		return c.Limits.General, true
	case CategorySpecial:
		return c.Limits.Special, true
	case CategoryRoster:
		if c.Kind == BodyHighLevelSegment || c.RosterInvited {
			return c.Limits.Roster, true
		}
	}
	return 0, false
}

// StatementState is where a written statement stands.
type StatementState int

// Statement states (the contract's enum values).
const (
	StatementSubmitted StatementState = iota + 1
	StatementAccepted
	StatementReturned
)

// Reason codes of statement refusals.
const (
	ReasonWordLimitExceeded   = "WORD_LIMIT_EXCEEDED"
	ReasonCategoryNotAdmitted = "CATEGORY_NOT_ADMITTED"
	ReasonStatementExists     = "STATEMENT_EXISTS"
	ReasonDeadlinePassed      = "DEADLINE_PASSED"
	ReasonStatementDecided    = "STATEMENT_DECIDED"
)

// WrittenStatement is a statement submitted to a call, alone or jointly.
type WrittenStatement struct {
	ID, CallID, OrganizationID string
	CoSigners                  []string
	Language, AgendaItem       string
	Title, Text                string
	WordCount, WordLimit       int
	State                      StatementState
	Reason, Symbol             string
	Created, Updated           time.Time
	Revision                   int64
	Arrival                    int64
}

// Etag is the statement's version as clients see it.
func (w *WrittenStatement) Etag() string { return etagOf("w", w.Revision) }

// Joint says whether the statement has co-signers.
func (w *WrittenStatement) Joint() bool { return len(w.CoSigners) > 0 }

// Signers are the submitter and the co-signers.
func (w *WrittenStatement) Signers() []string {
	return append([]string{w.OrganizationID}, w.CoSigners...)
}

// Validate checks the statement's own fields against its call and counts its words.
func (w *WrittenStatement) Validate(c *StatementCall) error {
	var p Problems
	if strings.TrimSpace(w.OrganizationID) == "" {
		p.Add("written_statement.organization_id", "is required")
	}
	if strings.TrimSpace(w.Title) == "" {
		p.Add("written_statement.title", "is required")
	}
	if strings.TrimSpace(w.Text) == "" {
		p.Add("written_statement.text", "is required")
	}
	if !slices.Contains(c.Languages, w.Language) {
		p.Add("written_statement.language", "must be one of the call's languages: %s", strings.Join(c.Languages, ", "))
	}
	if len(c.AgendaItems) > 0 && !slices.Contains(c.AgendaItems, w.AgendaItem) {
		p.Add("written_statement.agenda_item", "must be one of the call's agenda items")
	}
	if slices.Contains(w.CoSigners, w.OrganizationID) {
		p.Add("written_statement.co_signer_ids", "must not name the submitting organization")
	}
	seen := map[string]bool{}
	for _, id := range w.CoSigners {
		if seen[id] {
			p.Add("written_statement.co_signer_ids", "names %s twice", id)
		}
		seen[id] = true
	}
	w.WordCount = CountWords(w.Text)
	return p.Err()
}

// CheckSigners applies the call's eligibility and word limit to the statement: every signer
// must hold ACTIVE status in a category the call admits, and the text must be within the lowest
// of their limits (a joint statement must be one each signer could have made alone). It sets
// WordLimit.
func (w *WrittenStatement) CheckSigners(c *StatementCall, statuses map[string]ConsultativeStatus, now time.Time) error {
	if now.After(c.Deadline) {
		return Refused(ReasonDeadlinePassed, "the call for statements to %s closed on %s", c.Body, c.Deadline.UTC().Format(time.RFC3339))
	}
	limit := 0
	for _, org := range w.Signers() {
		st := statuses[org]
		if !st.Active() {
			return Refused(ReasonStatusRequired, "organization %s does not hold active consultative status (it is %s)", org, st.State)
		}
		l, ok := c.LimitFor(st.Category)
		if !ok {
			return Refused(ReasonCategoryNotAdmitted, "organization %s is on the Roster, which %s admits only when invited", org, c.Body)
		}
		if limit == 0 || l < limit {
			limit = l
		}
	}
	w.WordLimit = limit
	if w.WordCount > limit {
		return &Error{Kind: KindRefused, Reason: ReasonWordLimitExceeded,
			Message:  fmt.Sprintf("the statement has %d words; the limit is %d", w.WordCount, limit),
			Metadata: map[string]string{"word_count": fmt.Sprint(w.WordCount), "word_limit": fmt.Sprint(limit)}}
	}
	return nil
}

// CheckExclusive applies the call's rule on how many statements an organization may be in,
// given the statements to the call (not returned) that name any of w's signers: one individual
// statement per organization; at the High-Level Segment, an organization in a joint statement
// may be in no other statement at all.
func (w *WrittenStatement) CheckExclusive(c *StatementCall, existing []WrittenStatement) error {
	for i := range existing {
		e := &existing[i]
		if e.State == StatementReturned || e.ID == w.ID {
			continue
		}
		if c.Kind == BodyHighLevelSegment {
			for _, org := range w.Signers() {
				if slices.Contains(e.Signers(), org) {
					return Refused(ReasonStatementExists, "organization %s is already in statement %s: at the High-Level Segment an organization submits or signs one statement only", org, e.ID)
				}
			}
			continue
		}
		if !w.Joint() && !e.Joint() && e.OrganizationID == w.OrganizationID {
			return Refused(ReasonStatementExists, "organization %s has already submitted statement %s to this call", w.OrganizationID, e.ID)
		}
	}
	return nil
}

// Accept issues the statement under symbol.
func (w *WrittenStatement) Accept(symbol string, now time.Time) error {
	if w.State != StatementSubmitted {
		return Refused(ReasonStatementDecided, "the statement is no longer awaiting a decision")
	}
	w.State, w.Symbol, w.Updated = StatementAccepted, symbol, now
	w.Revision++
	return nil
}

// Return sends the statement back with a reason.
func (w *WrittenStatement) Return(reason string, now time.Time) error {
	if strings.TrimSpace(reason) == "" {
		return Invalid("reason", "is required")
	}
	if w.State != StatementSubmitted {
		return Refused(ReasonStatementDecided, "the statement is no longer awaiting a decision")
	}
	w.State, w.Reason, w.Updated = StatementReturned, reason, now
	w.Revision++
	return nil
}
