// Package server puts Masthead's surfaces (the public site; later the
// newsroom and the API) behind one handler with the middleware they share:
// panic recovery, security headers, access logs, metrics, health checks, and
// the page cache in front of the public site.
package server

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/VictoriaMetrics/metrics"

	"masthead/internal/admin"
	"masthead/internal/forwarded"
	"masthead/internal/media"
	"masthead/internal/pagecache"
	"masthead/internal/site"
	"masthead/internal/store"
)

// Options are the node's settings that the server applies.
type Options struct {
	// CacheBytes bounds the page cache; zero turns it off.
	CacheBytes int64
	// CDNPurgeURL, when set, is called with the cache keys of every change
	// made on this node, so a CDN in front drops the same pages; pages then
	// tell the CDN it may keep them for a day.
	CDNPurgeURL string
	// Newsroom serves /admin; without it the node serves the public site only.
	Newsroom http.Handler
	// API serves /api/v1 (package api); without it there is no API.
	API http.Handler
	// MetricsToken lets a scraper that sends it as a bearer token read
	// /metrics from anywhere; without it, only this machine may.
	MetricsToken string
	// TrustedProxies are the proxies whose X-Forwarded-For and
	// X-Forwarded-Proto are believed; from anyone else they are ignored.
	TrustedProxies forwarded.Trusted
	// Media is the node's media storage, which /readyz checks it can write.
	Media media.Storage
	// NoFastPath leaves every request to net/http, cache hits included: the
	// switch (serve --fast-path=false) an operator turns in an incident
	// that might be the fast path's, without a rebuild.
	NoFastPath bool
	// HTTPS says the site is served over https (its base URL is): every
	// answer then carries Strict-Transport-Security.
	HTTPS bool
}

// hsts tells browsers to reach the site over https alone for a year. It
// leaves out includeSubDomains: a newsroom's site is often one host of an
// organisation whose other hosts it does not run, and the header would
// commit them all to https.
const hsts = "max-age=31536000"

// Server is the whole HTTP face of one Masthead node.
type Server struct {
	store   *store.Store
	log     *slog.Logger
	site    *site.Site
	cache   *pagecache.Cache
	purger  *cdnPurger
	opts    Options
	ready   atomic.Bool
	mux     *site.RouteMux
	metrics *metrics.Set // this server's gauges; counters live in the default set
	headers http.Header  // the security headers every answer carries (securityHeaderValues)
	probe   *writeProbe  // whether the node can write, for /readyz
}

// New builds the server over a store. It is not ready (see /readyz) until
// SetReady is called, after migrations have run; until then public pages
// answer 503.
func New(st *store.Store, pub *site.Site, log *slog.Logger, opts Options) *Server {
	s := &Server{store: st, log: log, site: pub, opts: opts, mux: site.NewRouteMux(), metrics: metrics.NewSet(),
		headers: securityHeaderValues(pub), probe: newWriteProbe(opts.Media)}
	if opts.HTTPS {
		s.headers.Set("Strict-Transport-Security", hsts)
	}
	shared := time.Minute
	if opts.CDNPurgeURL != "" {
		s.purger = newCDNPurger(opts.CDNPurgeURL, log)
		shared = 24 * time.Hour
	}
	s.cache = pagecache.New(pagecache.Config{
		MaxBytes:     opts.CacheBytes,
		SharedMaxAge: shared,
		QueryParams:  site.QueryParams,
		Bypass:       isStaff,
		Header:       s.headers,
		Log:          log,
	}, staffNoStore(pub))
	st.Subscribe(func(keys []string, local bool) {
		s.cache.Purge(keys...)
		if local && s.purger != nil {
			s.purger.purge(keys)
		}
	})
	s.registerPoolGauges()
	s.mux.HandleFunc("GET /healthz", s.handleHealth)
	s.mux.HandleFunc("GET /readyz", s.handleReady)
	s.mux.HandleFunc("GET /metrics", s.handleMetrics)
	if opts.Newsroom != nil {
		s.mux.Handle("/admin", s.whenReady(opts.Newsroom))
		s.mux.Handle("/admin/", s.whenReady(opts.Newsroom))
	}
	if opts.API != nil {
		s.mux.Handle("/api/v1/", s.whenReady(opts.API))
	}
	// Static files and media have content-hashed names, their own ETags and
	// year-long caching; the page cache would only hold a second copy.
	s.mux.Handle("GET /static/", s.whenReady(pub))
	s.mux.Handle("GET /media/", s.whenReady(pub))
	s.mux.Handle("/", s.whenReady(s.cache))
	return s
}

// SessionCookie is the cookie of a signed-in member of staff.
const SessionCookie = admin.SessionCookie

// isStaff reports a request from a signed-in member of staff: the public
// pages they see are rendered for them alone, so they are neither served from
// the page cache nor stored in it.
func isStaff(r *http.Request) bool {
	_, err := r.Cookie(SessionCookie)
	return err == nil
}

// staffNoStore marks what staff see as private, so no CDN or shared proxy
// keeps it for a reader either.
func staffNoStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isStaff(r) {
			w.Header().Set("Cache-Control", "private, no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// Expire drops the pages showing keys from this node's cache and the CDN,
// for what changes with time rather than by a write, such as most-read
// lists. Each node expires its own cache on its own clock.
func (s *Server) Expire(keys ...string) {
	s.cache.Purge(keys...)
	if s.purger != nil {
		s.purger.purge(keys)
	}
}

// SetReady marks the node ready to take traffic.
func (s *Server) SetReady(ready bool) { s.ready.Store(ready) }

// Cache returns the node's page cache.
func (s *Server) Cache() *pagecache.Cache { return s.cache }

// Close stops the background work of the server (the CDN purger).
func (s *Server) Close() {
	if s.purger != nil {
		s.purger.close()
	}
}

// Handler returns the server's handler with its middleware.
func (s *Server) Handler() http.Handler {
	return s.opts.TrustedProxies.Handler(s.recoverPanics(securityHeaders(s.headers, s.accessLog(s.mux))))
}

// whenReady answers 503 until the node is ready, so no reader meets a
// half-migrated database.
func (s *Server) whenReady(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.ready.Load() {
			w.Header().Set("Cache-Control", "no-store")
			w.Header().Set("Retry-After", "5")
			http.Error(w, "Masthead is starting; try again in a few seconds.", http.StatusServiceUnavailable)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// handleHealth answers 200 when the database answers a query.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unreachable\n"))
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}

// handleReady answers 200 once migrations have run, while the database
// answers, while the node can write to it and to its media storage, and (on
// PostgreSQL) while the node hears the other nodes' changes, so a load
// balancer sends no one to a node that cannot serve fresh pages or save.
// A node that cannot write still serves readers, from the cache and the
// database; only the load balancer is told.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if !s.ready.Load() {
		http.Error(w, "starting: migrations are running", http.StatusServiceUnavailable)
		return
	}
	if !s.store.Listening() {
		http.Error(w, "not listening for changes from other nodes", http.StatusServiceUnavailable)
		return
	}
	if reason, err := s.canWrite(r.Context()); err != nil {
		s.log.Warn("not ready: the node cannot write", "reason", reason, "err", err)
		http.Error(w, "cannot save: "+reason, http.StatusServiceUnavailable)
		return
	}
	s.handleHealth(w, r)
}

// handleMetrics writes the node's metrics in the Prometheus text format, to
// this machine or to a scraper with the token; to anyone else the page does
// not exist.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	if !s.metricsAllowed(r) {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	metrics.WritePrometheus(w, true)
	s.metrics.WritePrometheus(w)
}

func (s *Server) metricsAllowed(r *http.Request) bool {
	if tok := s.opts.MetricsToken; tok != "" && r.Header.Get("Authorization") == "Bearer "+tok {
		return true
	}
	if r.Header.Get("X-Forwarded-For") != "" || r.Header.Get("Forwarded") != "" {
		return false // proxied from elsewhere
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// registerPoolGauges reports the database connection pools.
func (s *Server) registerPoolGauges() {
	for _, pool := range []string{"read", "write"} {
		stats := func() (st struct{ open, inUse, idle, waits float64 }) {
			read, write := s.store.PoolStats()
			p := read
			if pool == "write" {
				p = write
			}
			st.open, st.inUse, st.idle, st.waits = float64(p.OpenConnections), float64(p.InUse), float64(p.Idle), float64(p.WaitCount)
			return st
		}
		label := `{pool="` + pool + `"}`
		s.metrics.NewGauge("masthead_db_connections_open"+label, func() float64 { return stats().open })
		s.metrics.NewGauge("masthead_db_connections_in_use"+label, func() float64 { return stats().inUse })
		s.metrics.NewGauge("masthead_db_connections_idle"+label, func() float64 { return stats().idle })
		s.metrics.NewGauge("masthead_db_connection_waits_total"+label, func() float64 { return stats().waits })
	}
	s.metrics.NewGauge("masthead_page_cache_entries", func() float64 { n, _ := s.cache.Len(); return float64(n) })
}

// routeLabel makes a route pattern safe as a label value.
func routeLabel(pattern string) string {
	if pattern == "" {
		return "none"
	}
	return strings.NewReplacer(`"`, "", `\`, "", "\n", "").Replace(pattern)
}

// Patterns returns the patterns of the node's own routes (health, metrics,
// the newsroom, the public site's prefixes), for tests that walk them.
func (s *Server) Patterns() []string { return s.mux.Patterns() }
