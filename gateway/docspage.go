package gateway

import (
	"embed"
	"io/fs"
	"net/http"
)

// docsFiles is the /docs page: plain HTML, CSS and a small script that renders /openapi.json.
// Everything is served from the binary, so the page works where no CDN can be reached.
//
//go:embed docs/index.html docs/docs.css docs/docs.js
var docsFiles embed.FS

// docsPolicy lets the page load only what the edge itself serves.
const docsPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// serveDocs answers /docs (the page) and /docs/<asset>.
func serveDocs() http.Handler {
	sub, _ := fs.Sub(docsFiles, "docs")
	files := http.StripPrefix("/docs/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", docsPolicy)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "public, max-age=300")
		if r.URL.Path == "/docs" || r.URL.Path == "/docs/" {
			http.ServeFileFS(w, r, sub, "index.html")
			return
		}
		files.ServeHTTP(w, r)
	})
}
