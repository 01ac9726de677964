package app

import (
	"fmt"

	"github.com/un-liaison/liaison/platform/pagetoken"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// Page sizes: 0 means the default; callers may not ask for more than the maximum.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// pageSize applies the default and refuses sizes outside 0..MaxPageSize.
func pageSize(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultPageSize, nil
	case n < 0 || n > MaxPageSize:
		return 0, &domain.ValidationError{Violations: []domain.Violation{{
			Field: "page_size", Description: fmt.Sprintf("must be between 0 and %d", MaxPageSize)}}}
	default:
		return n, nil
	}
}

// decodePage reads a page token into cursor, or leaves cursor nil for the first page.
func decodePage[C any](a *App, token, filter string) (*C, error) {
	if token == "" {
		return nil, nil
	}
	var c C
	if err := a.tokens.Decode(token, filter, &c); err != nil {
		return nil, &domain.ValidationError{Violations: []domain.Violation{{Field: "page_token", Description: pagetoken.ErrInvalid.Error()}}}
	}
	return &c, nil
}

// nextPage trims the extra row fetched to learn whether more follow, and makes the next token from
// the last row kept.
func nextPage[T, C any](a *App, rows []T, size int, filter string, cursor func(T) C) ([]T, string, error) {
	if len(rows) <= size {
		return rows, "", nil
	}
	rows = rows[:size]
	tok, err := a.tokens.Encode(filter, cursor(rows[size-1]))
	return rows, tok, err
}
