package site

import (
	"net/http"

	"masthead/internal/news"
)

// QueryParams are the query parameters any public page reads: search's,
// the page number, and WordPress's ?p=ID and ?page_id=ID (old addresses of
// imported posts and pages, answered from the redirect table). The page cache drops all others (utm_source and the like)
// before a page renders, so they cannot multiply the copies of one page.
var QueryParams = []string{"q", "section", "author", "from", "to", "page", "p", "page_id"}

// routes lists every public page. More specific patterns win, so the literal
// prefixes (author, tag, archive, sitemaps, static) take precedence over
// section slugs; a feed's last segment (feed.xml, feed.atom, feed.json) is
// checked by its handler, since /{section}/feed.xml would clash with
// /author/{slug} at /author/feed.xml.
func (s *Site) routes() http.Handler {
	mux := NewRouteMux()
	defer func() { s.patterns = mux.Patterns() }()
	mux.HandleFunc("GET /{$}", s.handleHome)
	mux.HandleFunc("GET /{slug}", s.handleSectionOrPage)
	mux.HandleFunc("GET /{section}/{year}/{month}/{day}/{slug}", s.handleArticle)
	mux.HandleFunc("GET /search", s.handleSearch)
	mux.HandleFunc("GET /author/{slug}", s.handleAuthor)
	mux.HandleFunc("GET /tag/{slug}", s.handleTag)
	mux.HandleFunc("GET /archive/{year}", s.handleArchiveYear)
	mux.HandleFunc("GET /archive/{year}/{month}", s.handleArchiveDays)
	mux.HandleFunc("GET /archive/{year}/{month}/{day}", s.handleArchiveDays)
	mux.HandleFunc("GET /feed.xml", s.handleSiteFeed)
	mux.HandleFunc("GET /feed.atom", s.handleSiteFeed)
	mux.HandleFunc("GET /feed.json", s.handleSiteFeed)
	mux.Handle("GET /{section}/{feed}", s.feedHandler(s.sectionFeed))
	mux.Handle("GET /author/{slug}/{feed}", s.feedHandler(s.authorFeed))
	mux.Handle("GET /tag/{slug}/{feed}", s.feedHandler(s.tagFeed))
	mux.HandleFunc("GET /sitemap.xml", s.handleSitemapIndex)
	mux.HandleFunc("GET /sitemaps/{file}", s.handleSitemap)
	mux.HandleFunc("GET /robots.txt", s.handleRobots)
	mux.HandleFunc("GET /privacy", s.handlePrivacy)
	// Per-reader endpoints, never cached; the posts come only from the
	// site's own pages (a cross-site POST is refused with 403).
	sameOrigin := http.NewCrossOriginProtection()
	mux.Handle("POST /api/view", sameOrigin.Handler(http.HandlerFunc(s.handleView)))
	mux.Handle("POST /api/consent", sameOrigin.Handler(http.HandlerFunc(s.handleConsent)))
	mux.HandleFunc("GET /api/gpc", s.handleGPC)
	mux.HandleFunc("GET /static/{file}", s.handleStatic)
	mux.HandleFunc("GET /media/{dir}/{file}", s.handleMedia)
	mux.HandleFunc("GET /", s.notFound)
	return mux
}

// RouteMux is a ServeMux that checks each route against news.SitePaths (see
// news.CheckRoute) and remembers its pattern. The public site and the node
// (health, metrics, the newsroom) register through it: a route the list
// lacks is a programming error, like a pattern clash, and stops the program
// at start.
type RouteMux struct {
	*http.ServeMux
	patterns []string
}

// NewRouteMux returns an empty RouteMux.
func NewRouteMux() *RouteMux { return &RouteMux{ServeMux: http.NewServeMux()} }

// Handle registers h for pattern; it panics when news.CheckRoute refuses it.
func (m *RouteMux) Handle(pattern string, h http.Handler) {
	if err := news.CheckRoute(pattern); err != nil {
		panic(err)
	}
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.Handle(pattern, h)
}

// HandleFunc registers h for pattern, as Handle.
func (m *RouteMux) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	m.Handle(pattern, http.HandlerFunc(h))
}

// Patterns returns the patterns registered so far.
func (m *RouteMux) Patterns() []string { return m.patterns }

// Patterns returns the patterns of every public route, for tests that walk
// them.
func (s *Site) Patterns() []string { return s.patterns }
