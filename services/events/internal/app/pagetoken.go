package app

import (
	"github.com/un-liaison/liaison/platform/pagetoken"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// pageTokens makes and checks the page tokens of every list: the keyset cursor of the last item,
// signed and bound to the list's filters (see platform/pagetoken).
var pageTokens = pagetoken.ForService("events")

// DefaultPageSize and MaxPageSize follow the API conventions.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// pageSize applies the default and the cap.
func pageSize(n int) int {
	switch {
	case n <= 0:
		return DefaultPageSize
	case n > MaxPageSize:
		return MaxPageSize
	}
	return n
}

func encodePageToken(c Cursor, filter any) string {
	tok, _ := pageTokens.Encode(filter, c) // filters and cursors are plain structs: they always encode
	return tok
}

func decodePageToken(tok string, filter any) (*Cursor, error) {
	if tok == "" {
		return nil, nil
	}
	var c Cursor
	if pageTokens.Decode(tok, filter, &c) != nil {
		return nil, domain.Invalid("page_token", "does not come from a previous call with the same filters")
	}
	return &c, nil
}

// listPage reads one page of a list: it decodes token against filter (a token pages only the
// filter that issued it), asks list for one item more than the page so that it knows whether
// another follows, and makes the next token from the last item kept.
func listPage[T any](token string, size int, filter any, list func(Page) ([]T, int, error), cursorOf func(T) Cursor) (items []T, next string, total int, err error) {
	after, err := decodePageToken(token, filter)
	if err != nil {
		return nil, "", 0, err
	}
	size = pageSize(size)
	items, total, err = list(Page{Size: size + 1, After: after})
	if err != nil {
		return nil, "", 0, err
	}
	if len(items) <= size {
		return items, "", total, nil
	}
	items = items[:size]
	return items, encodePageToken(cursorOf(items[size-1]), filter), total, nil
}

// List is one page of a listing.
type List[T any] struct {
	Items         []T
	NextPageToken string
	Total         int
}

// pageList is listPage's page as a List.
func pageList[T any](token string, size int, filter any, list func(Page) ([]T, int, error), cursorOf func(T) Cursor) (List[T], error) {
	items, next, total, err := listPage(token, size, filter, list, cursorOf)
	return List[T]{Items: items, NextPageToken: next, Total: total}, err
}
