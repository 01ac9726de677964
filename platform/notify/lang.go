package notify

import (
	"strings"

	"github.com/un-liaison/liaison/platform/locale"
)

// matchAll picks one of the six languages for a recipient's languages, best first.
func matchAll(langs []string) string {
	return locale.Match(strings.Join(langs, ","))
}
