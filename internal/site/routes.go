package site

import "net/http"

// routes lists every public page. More specific patterns win, so the literal
// prefixes (author, tag, archive) take precedence over section slugs.
func (s *Site) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleHome)
	mux.HandleFunc("GET /{slug}", s.handleSectionOrPage)
	mux.HandleFunc("GET /{section}/{year}/{month}/{day}/{slug}", s.handleArticle)
	mux.HandleFunc("GET /author/{slug}", s.handleAuthor)
	mux.HandleFunc("GET /tag/{slug}", s.handleTag)
	mux.HandleFunc("GET /archive/{year}", s.handleArchiveYear)
	mux.HandleFunc("GET /archive/{year}/{month}", s.handleArchiveDays)
	mux.HandleFunc("GET /archive/{year}/{month}/{day}", s.handleArchiveDays)
	mux.HandleFunc("GET /static/{file}", s.handleStatic)
	mux.HandleFunc("GET /media/{dir}/{file}", s.handleMedia)
	mux.HandleFunc("GET /", s.notFound)
	return mux
}
