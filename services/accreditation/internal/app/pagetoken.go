package app

import (
	"github.com/un-liaison/liaison/platform/pagetoken"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// pageTokens makes and checks the page tokens of every list: the keyset cursor of the last item,
// signed and bound to the list's filters (see platform/pagetoken).
var pageTokens = pagetoken.ForService("accreditation")

// Page sizes: 0 means 50, at most 500.
const (
	defaultPageSize = 50
	maxPageSize     = 500
)

func pageSize(n int) int {
	switch {
	case n <= 0:
		return defaultPageSize
	case n > maxPageSize:
		return maxPageSize
	}
	return n
}

func encodePageToken(filter, cursor any) string {
	tok, _ := pageTokens.Encode(filter, cursor) // filters and cursors are plain structs: they always encode
	return tok
}

func decodePageToken(token string, filter, cursor any) error {
	if pageTokens.Decode(token, filter, cursor) != nil {
		return domain.Invalid("page_token", "is not a token this list returned for these filters")
	}
	return nil
}
