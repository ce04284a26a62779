// Package api is Masthead's HTTP API under /api/v1: the public content API
// (read-only JSON of what readers can see, served through a page cache with
// the site's cache keys, so a publish purges it like the pages), the
// newsroom's API for API keys (/api/v1/admin/…, handed to the newsroom's
// own handlers, so one rule table decides), and its OpenAPI document.
// Every error is an RFC 9457 problem document.
package api

import (
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"masthead/internal/pagecache"
	"masthead/internal/problem"
	"masthead/internal/store"
)

// Prefix is where the API lives.
const Prefix = "/api/v1"

// Config is what the API needs to know.
type Config struct {
	// BaseURL is the site's public origin, for canonical and picture URLs.
	BaseURL string
	// Newsroom is the newsroom's handler (admin.Handler) that the write
	// API hands its calls to; without it there is no write API.
	Newsroom http.Handler
	// CacheBytes bounds the content API's page cache; zero turns it off.
	CacheBytes int64
	// SharedMaxAge is the s-maxage a CDN may keep answers for (default 60 s).
	SharedMaxAge time.Duration
	// Rate and Burst bound the requests one address (or one key) may make
	// that are not cache hits, per second and at once. Defaults: 10 and 40.
	Rate  float64
	Burst int
	Log   *slog.Logger
}

// API serves /api/v1.
type API struct {
	cfg      Config
	store    *store.Store
	log      *slog.Logger
	mux      *http.ServeMux
	patterns []string
	cache    *pagecache.Cache
	limits   *limiter
	keys     *keySetting
}

// New returns the API over st.
func New(cfg Config, st *store.Store) *API {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Rate <= 0 {
		cfg.Rate = 10
	}
	if cfg.Burst <= 0 {
		cfg.Burst = 40
	}
	cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	a := &API{cfg: cfg, store: st, log: cfg.Log, mux: http.NewServeMux(),
		limits: newLimiter(cfg.Rate, cfg.Burst), keys: &keySetting{store: st}}
	a.routes()
	// The limit sits behind the cache: only answers the cache cannot give
	// cost a client anything.
	a.cache = pagecache.New(pagecache.Config{
		MaxBytes:     cfg.CacheBytes,
		SharedMaxAge: cfg.SharedMaxAge,
		QueryParams:  queryParams,
		Log:          cfg.Log,
	}, a.limited(a.mux))
	st.Subscribe(func(keys []string, _ bool) { a.cache.Purge(keys...) })
	return a
}

// Routes returns the pattern of every API route, for the test that checks
// the OpenAPI document describes each.
func (a *API) Routes() []string { return slices.Clone(a.patterns) }

// Handler returns the API's handler: CORS for any origin, then the
// newsroom's calls, or the content API (behind a content key when the
// setting asks for one) through its cache.
func (a *API) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "ETag, Retry-After, Link")
		if r.Method == http.MethodOptions {
			preflight(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, Prefix+"/admin/") {
			a.limited(http.HandlerFunc(a.newsroom)).ServeHTTP(w, r)
			return
		}
		keyed, ok := a.contentKey(w, r)
		if !ok {
			return
		}
		if keyed {
			w = &privateWriter{ResponseWriter: w}
		}
		a.cache.ServeHTTP(w, r)
	})
}

// preflight answers a browser's CORS preflight for any origin: the API
// holds nothing a cookie unlocks, so no origin needs refusing.
func preflight(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match")
	h.Set("Access-Control-Max-Age", "86400")
	h.Set("Cache-Control", "public, max-age=86400")
	w.WriteHeader(http.StatusNoContent)
}

// newsroom hands a write API call to the newsroom's handler under its own
// path (/api/v1/admin/articles → /admin/api/articles, /api/v1/admin/media →
// /admin/media), so the same handlers and the same rule table decide.
func (a *API) newsroom(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, Prefix+"/admin")
	var path string
	switch {
	case a.cfg.Newsroom == nil:
	case strings.HasPrefix(rest, "/articles"):
		path = "/admin/api" + rest
	case strings.HasPrefix(rest, "/media"):
		path = "/admin" + rest
	}
	if path == "" {
		a.notFound(w, r)
		return
	}
	if r.Header.Get("Authorization") == "" {
		w.Header().Set("WWW-Authenticate", "Bearer")
		problem.Write(w, problem.New(http.StatusUnauthorized, "Send an API key as Authorization: Bearer …"))
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path, r2.URL.RawPath, r2.RequestURI = path, "", ""
	if strings.HasPrefix(rest, "/media") {
		r2.Header.Set("Accept", "application/json")
	}
	a.cfg.Newsroom.ServeHTTP(w, r2)
}

// retryAfter is the Retry-After value for a wait.
func retryAfter(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	return strconv.Itoa(max(s, 1))
}

// privateWriter marks an answer private as it goes out: the node's cache
// may keep it (the key was checked before), but no shared cache may hand
// it to a caller without a key.
type privateWriter struct {
	http.ResponseWriter
	wrote bool
}

func (p *privateWriter) WriteHeader(code int) {
	if !p.wrote {
		p.wrote = true
		p.Header().Set("Cache-Control", "private, no-cache")
		p.Header().Del("Surrogate-Key")
	}
	p.ResponseWriter.WriteHeader(code)
}

func (p *privateWriter) Write(b []byte) (int, error) {
	if !p.wrote {
		p.WriteHeader(http.StatusOK)
	}
	return p.ResponseWriter.Write(b)
}
