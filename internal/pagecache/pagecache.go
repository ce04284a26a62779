// Package pagecache keeps rendered public pages in memory, compressed once,
// and serves them without rendering again until something they show changes.
//
// Each page carries the cache keys of what it shows (package cachekey), which
// the store records while the page renders. A change purges exactly the pages
// holding one of its keys. The cache is bounded in bytes and evicts the least
// recently used page; only one request renders a missing page while the others
// for it wait, and a page past its age is served stale while one request
// renders it again in the background.
package pagecache

import (
	"container/list"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"masthead/internal/cachekey"
)

// Config tunes a Cache.
type Config struct {
	// MaxBytes bounds the memory the cached pages take, all their encodings
	// counted. Zero or less turns the cache off: every request renders.
	MaxBytes int64
	// MaxAge is how long a page is served before it is rendered again even
	// though no change named it: a safety net for what changes with time
	// alone, such as the news sitemap's last 48 hours. Default 5 minutes.
	MaxAge time.Duration
	// SharedMaxAge is the s-maxage a CDN may keep a page for. It should be
	// short unless the CDN is purged on change (see Purger). Default 60 s.
	SharedMaxAge time.Duration
	// QueryParams are the query parameters that change a page; the others
	// (utm_source and the like) are dropped before the page renders, so they
	// cannot multiply the cached copies of one page.
	QueryParams []string
	// Bypass reports requests that must not be served from the cache nor fill
	// it (a signed-in editor's, say).
	Bypass func(*http.Request) bool
	// Header is added to every page the fast path (Hit) writes: the headers
	// the server's middleware gives every response, which a raw hit does not
	// pass through.
	Header http.Header
	Log    *slog.Logger
}

// Cache is the page cache of one node.
type Cache struct {
	cfg     Config
	handler http.Handler
	params  map[string]bool
	// cacheControlValue is the Cache-Control of cached pages, made once.
	cacheControlValue []string

	// mu guards the entries and their order. Hit, the fast path's every
	// request, only reads under it: with an exclusive lock, a holder that
	// the kernel preempted held up every other reader on a busy two-core
	// node (0.2 to 0.6 s of goroutines waiting on it per 5 s of wrk -c50).
	mu      sync.RWMutex
	entries map[string]*entry
	lru     *list.List // of *entry, most recently used first
	byKey   map[string]map[*entry]struct{}
	size    int64
	flights map[string]*flight
	// gen counts purges; log remembers the recent ones, so a render that
	// started before a purge of one of its keys is not stored.
	gen uint64
	log []purge
	// aside holds purged pages in case rendering them again fails
	// (stale.go), oldest at the back of asideList.
	aside     map[string]*asideEntry
	asideList *list.List
	asideSize int64
}

type purge struct {
	gen  uint64
	keys []string
}

// purgeLogSize bounds the purges remembered for renders in progress; a render
// that outlives this many purges is not stored.
const purgeLogSize = 1024

// entry is one cached page.
type entry struct {
	path     string
	elem     *list.Element
	resp     *response
	keys     []string
	stored   time.Time
	size     int64
	renewing bool
	// moved is when Hit last moved the entry to the front of lru, in Unix
	// nanoseconds: it does so at most once a second, which keeps the order
	// that eviction needs without a write lock per hit.
	moved atomic.Int64
}

// flight is a render in progress that other requests for the page wait on.
type flight struct {
	done chan struct{}
	resp *response
}

// New returns a cache in front of next.
func New(cfg Config, next http.Handler) *Cache {
	if cfg.MaxAge <= 0 {
		cfg.MaxAge = 5 * time.Minute
	}
	if cfg.SharedMaxAge <= 0 {
		cfg.SharedMaxAge = time.Minute
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	c := &Cache{cfg: cfg, handler: next, params: map[string]bool{},
		entries: map[string]*entry{}, lru: list.New(), byKey: map[string]map[*entry]struct{}{},
		flights: map[string]*flight{}}
	for _, p := range cfg.QueryParams {
		c.params[p] = true
	}
	c.cacheControlValue = []string{c.cacheControl()}
	return c
}

// Enabled reports whether the cache keeps pages at all.
func (c *Cache) Enabled() bool { return c.cfg.MaxBytes > 0 }

// ServeHTTP answers from the cache, or renders through the handler.
func (c *Cache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !c.Enabled() || (r.Method != http.MethodGet && r.Method != http.MethodHead) ||
		(c.cfg.Bypass != nil && c.cfg.Bypass(r)) {
		requests.bypass.Inc()
		c.handler.ServeHTTP(w, r)
		return
	}
	path := c.normalize(r)
	c.mu.Lock()
	if e := c.entries[path]; e != nil {
		c.lru.MoveToFront(e.elem)
		resp := e.resp
		if time.Since(e.stored) > c.cfg.MaxAge && !e.renewing {
			e.renewing = true
			go c.renew(path, r.Clone(context.Background()))
			requests.stale.Inc()
			w.Header()["X-Cache"] = xStale
		} else {
			requests.hit.Inc()
			w.Header()["X-Cache"] = xHit
		}
		c.mu.Unlock()
		c.write(w, r, resp)
		return
	}
	if f := c.flights[path]; f != nil {
		c.mu.Unlock()
		requests.wait.Inc()
		select {
		case <-f.done:
		case <-r.Context().Done():
			return
		}
		if !f.resp.cacheable() {
			// Never hand one reader's private answer (a cookie, say) to another.
			c.handler.ServeHTTP(w, r)
			return
		}
		w.Header()["X-Cache"] = xHit
		c.write(w, r, f.resp)
		return
	}
	f := &flight{done: make(chan struct{})}
	c.flights[path] = f
	c.mu.Unlock()
	requests.miss.Inc()
	defer func() {
		if f.resp == nil {
			// The handler panicked: release the readers waiting on this
			// render (they render for themselves) before the panic goes on
			// to the server's recovery.
			c.mu.Lock()
			if c.flights[path] == f {
				delete(c.flights, path)
			}
			c.mu.Unlock()
			f.resp = &response{}
			close(f.done)
		}
	}()
	resp := c.fill(path, r, f)
	resp, stale := c.staleIfError(path, resp)
	f.resp = resp
	close(f.done)
	if stale {
		staleOnError.Inc()
		c.cfg.Log.Warn("page cache: rendering failed; serving the page as it was", "path", path)
		w.Header()["X-Cache"] = xStaleIfError
	} else {
		w.Header()["X-Cache"] = xMiss
	}
	c.write(w, r, f.resp)
}

// renew renders a stale page again in the background, for the next readers.
func (c *Cache) renew(path string, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	defer func() {
		if v := recover(); v != nil {
			c.cfg.Log.Error("page cache: rendering a stale page again panicked", "path", path, "panic", v)
			c.mu.Lock()
			if e := c.entries[path]; e != nil {
				e.renewing = false
			}
			c.mu.Unlock()
		}
	}()
	c.fill(path, r.WithContext(ctx), nil)
	c.mu.Lock()
	if e := c.entries[path]; e != nil {
		e.renewing = false
	}
	c.mu.Unlock()
}

// fill renders the page with a clean copy of the request (no conditional,
// range or encoding headers, so the handler answers with the whole page,
// uncompressed), keeps it when
// it can be cached and no purge of its keys came while it rendered, and
// returns it.
func (c *Cache) fill(path string, r *http.Request, f *flight) *response {
	c.mu.Lock()
	start := c.gen
	c.mu.Unlock()

	ctx, keys := cachekey.With(r.Context())
	req := r.Clone(ctx)
	req.Method = http.MethodGet
	// The page is kept uncompressed and compressed here, so the handler must
	// not compress it for this reader's Accept-Encoding.
	for _, h := range []string{"If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "If-Range", "Range", "Accept-Encoding"} {
		req.Header.Del(h)
	}
	rec := newRecorder()
	c.handler.ServeHTTP(rec, req)
	resp := rec.response(keys.Keys())
	resp.pattern = req.Pattern

	// Compress before taking the lock: it takes milliseconds, and hits on
	// other pages must not wait for it.
	cacheable := resp.cacheable() && c.Enabled()
	if cacheable {
		resp.compress()
		c.prepareRaw(resp)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if f != nil && c.flights[path] == f {
		delete(c.flights, path)
	}
	if !cacheable || c.purgedSince(start, resp.keys) {
		return resp
	}
	c.store(path, resp)
	return resp
}

// purgedSince reports whether a purge after generation gen named one of keys.
func (c *Cache) purgedSince(gen uint64, keys []string) bool {
	if c.gen == gen {
		return false
	}
	if len(c.log) == 0 || c.log[0].gen > gen+1 {
		return true // the purges since are no longer all remembered
	}
	for _, p := range c.log {
		if p.gen <= gen {
			continue
		}
		for _, k := range p.keys {
			if k == cachekey.Everything || slices.Contains(keys, k) {
				return true
			}
		}
	}
	return false
}

func (c *Cache) store(path string, resp *response) {
	size := resp.size()
	if size > c.cfg.MaxBytes/8 {
		return // one page may not crowd out the rest
	}
	if old := c.entries[path]; old != nil {
		c.remove(old)
	}
	c.dropAside(path)
	e := &entry{path: path, resp: resp, keys: resp.keys, stored: time.Now(), size: size}
	e.elem = c.lru.PushFront(e)
	c.entries[path] = e
	for _, k := range e.keys {
		set := c.byKey[k]
		if set == nil {
			set = map[*entry]struct{}{}
			c.byKey[k] = set
		}
		set[e] = struct{}{}
	}
	c.size += size
	cachedBytes.Add(size)
	for c.size > c.cfg.MaxBytes {
		oldest := c.lru.Back().Value.(*entry)
		c.remove(oldest)
		evictions.Inc()
	}
}

func (c *Cache) remove(e *entry) {
	c.lru.Remove(e.elem)
	delete(c.entries, e.path)
	for _, k := range e.keys {
		if set := c.byKey[k]; set != nil {
			delete(set, e)
			if len(set) == 0 {
				delete(c.byKey, k)
			}
		}
	}
	c.size -= e.size
	cachedBytes.Add(-e.size)
}

// Purge drops every page that shows one of keys; the key "*" drops all.
// It returns how many pages went.
func (c *Cache) Purge(keys ...string) int {
	if len(keys) == 0 {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.log = append(c.log, purge{gen: c.gen, keys: keys})
	if len(c.log) > purgeLogSize {
		c.log = slices.Delete(c.log, 0, len(c.log)-purgeLogSize)
	}
	purges.Inc()
	n := 0
	if slices.Contains(keys, cachekey.Everything) {
		for _, e := range c.entries {
			c.remove(e)
			c.keepAside(e.path, e.resp, e.size)
			n++
		}
	} else {
		for _, k := range keys {
			for e := range c.byKey[k] {
				c.remove(e)
				c.keepAside(e.path, e.resp, e.size)
				n++
			}
		}
	}
	purgedPages.Add(n)
	return n
}

// Len returns how many pages are cached, and their size in bytes.
func (c *Cache) Len() (int, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.size
}

// normalize returns the cache's name for the page a request asks for, and
// drops from the request the query parameters that do not change a page.
func (c *Cache) normalize(r *http.Request) string {
	if r.URL.RawQuery == "" {
		return r.URL.Path
	}
	r.URL.RawQuery = c.keptQuery(r.URL.RawQuery)
	if r.URL.RawQuery == "" {
		return r.URL.Path
	}
	return r.URL.Path + "?" + r.URL.RawQuery
}

// keptQuery returns the query parameters of raw that change a page, sorted by
// name, the first value of each.
func (c *Cache) keptQuery(raw string) string {
	q, _ := url.ParseQuery(raw) // as net/http's URL.Query: bad pairs are dropped
	kept := url.Values{}
	for name, vals := range q {
		if c.params[name] && len(vals) > 0 {
			kept.Set(name, vals[0])
		}
	}
	return kept.Encode()
}

// write sends a response to the reader in the best encoding the reader
// accepts, or 304 when the reader has it already.
func (c *Cache) write(w http.ResponseWriter, r *http.Request, resp *response) {
	r.Pattern = resp.pattern // for the request metrics, as if the page had rendered
	h := w.Header()
	for name, vals := range resp.header {
		h[name] = vals
	}
	if !resp.cacheable() {
		w.WriteHeader(resp.status)
		if r.Method != http.MethodHead {
			_, _ = w.Write(resp.body)
		}
		return
	}
	if _, ok := h["Cache-Control"]; !ok {
		h["Cache-Control"] = c.cacheControlValue
	}
	h["Surrogate-Key"] = resp.surrogate
	h["Vary"] = varyEncoding
	body, eh := resp.body, &resp.plainH
	switch {
	case resp.br != nil && accepts(r, "br"):
		body, eh = resp.br, &resp.brH
	case resp.gzip != nil && accepts(r, "gzip"):
		body, eh = resp.gzip, &resp.gzipH
	}
	h["Etag"] = eh.etag
	if notModified(r, resp) {
		delete(h, "Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if eh.encoding != nil {
		h["Content-Encoding"] = eh.encoding
	}
	h["Content-Length"] = eh.length
	w.WriteHeader(resp.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// Header values shared by all responses; net/http only reads them.
var (
	varyEncoding = []string{"Accept-Encoding"}
	xHit         = []string{"HIT"}
	xStale       = []string{"STALE"}
	xMiss        = []string{"MISS"}
)

// cacheControl lets browsers keep a page but check it each time (a 304 is
// cheap), and lets a CDN keep it for SharedMaxAge and serve it stale a little
// longer while it fetches a fresh copy, or for a day if Masthead is down.
func (c *Cache) cacheControl() string {
	return "public, max-age=0, s-maxage=" + itoa(int(c.cfg.SharedMaxAge/time.Second)) +
		", stale-while-revalidate=30, stale-if-error=86400"
}
