package portal

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
)

// The portal's labels and messages live in locales/<lang>.json, one flat file per language,
// so translators edit text, not Go. Keys name the place a text is used; enum values are keyed
// by their contract name under a prefix (appstate.STATE_DRAFT), so a new value shows its name
// until it is translated; counted messages end in their CLDR plural form (queue.total.few).
//
//go:embed locales/*.json
var localeFiles embed.FS

// catalogue maps a language to its messages; it is read once at start and never written.
var catalogue = mustLoadCatalogue(localeFiles)

func mustLoadCatalogue(fsys fs.FS) map[string]map[string]string {
	c, err := loadCatalogue(fsys)
	if err != nil {
		panic(err) // the files are embedded: the catalogue test fails before any release does
	}
	return c
}

func loadCatalogue(fsys fs.FS) (map[string]map[string]string, error) {
	c := make(map[string]map[string]string, len(languages))
	for _, lang := range languages {
		data, err := fs.ReadFile(fsys, "locales/"+lang+".json")
		if err != nil {
			return nil, err
		}
		var msgs map[string]string
		if err := json.Unmarshal(data, &msgs); err != nil {
			return nil, fmt.Errorf("locales/%s.json: %w", lang, err)
		}
		c[lang] = msgs
	}
	return c, nil
}
