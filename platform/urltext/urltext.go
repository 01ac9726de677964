// Package urltext checks that a request's address carries text: protobuf strings must be UTF-8,
// so a path or query parameter that is not would only fail further on, as an internal error
// rather than the caller's.
package urltext

import (
	"net/url"
	"unicode/utf8"
)

// Valid reports whether the decoded path and every query key and value are UTF-8.
func Valid(u *url.URL) bool {
	if !utf8.ValidString(u.Path) {
		return false
	}
	for k, vs := range u.Query() {
		if !utf8.ValidString(k) {
			return false
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return false
			}
		}
	}
	return true
}
