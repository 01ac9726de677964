package portal

import (
	"embed"
	"io/fs"
	"net/http"
)

// The portal's only script is htmx (vendored under static/, with its licence) plus a few
// lines of its own; both are served from the binary, never from a CDN, so the portal works
// on a network that blocks third parties and no one else learns who reads it.
//
//go:embed static
var staticFiles embed.FS

// staticHandler serves the stylesheet and scripts; their names do not change between
// releases, so a day's caching is a compromise between freshness and slow links.
func staticHandler() http.Handler {
	files := http.FileServerFS(mustSub(staticFiles, "static"))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

func mustSub(fsys embed.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // the directory is embedded above; it cannot be missing
	}
	return sub
}
