package app

import (
	"strings"
	"unicode"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// OrganizationOrder is the order of a directory search.
type OrganizationOrder int

// The orders callers can ask for.
const (
	// ByName sorts A to Z on the normalized name, then id.
	ByName OrganizationOrder = iota
	// ByUpdateTimeDesc sorts the most recently changed first, then id descending.
	ByUpdateTimeDesc
)

// OrganizationQuery is one page of a directory search. Filters combine with AND; SDGs match any of.
type OrganizationQuery struct {
	Text             string
	Country          string
	StakeholderGroup domain.StakeholderGroup
	SDGs             []int
	StatusCategory   domain.Category
	Order            OrganizationOrder
	// After is the last row of the previous page; nil for the first page.
	After *OrganizationCursor
	Limit int
}

// OrganizationCursor is a position in a search: the sort key of the last row returned.
type OrganizationCursor struct {
	NameKey string `json:"n,omitempty"`
	// UpdateMicros is the update time in microseconds since the Unix epoch.
	UpdateMicros int64  `json:"u,omitempty"`
	ID           string `json:"i"`
}

// CursorOf is the cursor positioned on o.
func CursorOf(o domain.Organization) OrganizationCursor {
	return OrganizationCursor{NameKey: o.NormalizedName(), UpdateMicros: o.UpdateTime.UnixMicro(), ID: o.ID}
}

// SearchWords splits free text into the words a full-text index matches: letters and digits only,
// so no query syntax of either database leaks through to callers.
func SearchWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// CommitteeQuery is one page of committees, by name.
type CommitteeQuery struct {
	Kind        domain.CommitteeKind
	MemberOrgID string
	After       *NameCursor
	Limit       int
}

// NameCursor is a position in a list ordered by a name key, then id.
type NameCursor struct {
	Key string `json:"k"`
	ID  string `json:"i"`
}

// FocalPointQuery is one page of focal points, by UN entity then name.
type FocalPointQuery struct {
	// UNEntity filters on the entity, ignoring case.
	UNEntity string
	After    *FocalPointCursor
	Limit    int
}

// FocalPointCursor is a position in the focal point list.
type FocalPointCursor struct {
	Entity string `json:"e"`
	Name   string `json:"n"`
	ID     string `json:"i"`
}

// PartnershipQuery is one page of partnerships, most recent start first.
type PartnershipQuery struct {
	OrganizationID string
	UNEntity       string
	After          *PartnershipCursor
	Limit          int
}

// PartnershipCursor is a position in the partnership list.
type PartnershipCursor struct {
	Start int    `json:"s"` // YYYYMMDD
	ID    string `json:"i"`
}
