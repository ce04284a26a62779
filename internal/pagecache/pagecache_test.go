package pagecache_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"masthead/internal/cachekey"
	"masthead/internal/pagecache"
)

// paper is a small site behind the cache: each path shows what its entry in
// shows says, under the keys it lists, and counts its renders.
type paper struct {
	mu      sync.Mutex
	shows   map[string]string
	keys    map[string][]string
	renders map[string]int
	block   chan struct{} // when set, renders wait on it
	started chan struct{} // when set, a render signals here as it starts
	status  int
	header  http.Header
}

func newPaper() *paper {
	return &paper{shows: map[string]string{}, keys: map[string][]string{}, renders: map[string]int{}}
}

func (p *paper) set(path, text string, keys ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.shows[path] = text
	p.keys[path] = keys
}

func (p *paper) rendersOf(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.renders[path]
}

func (p *paper) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.started != nil {
		p.started <- struct{}{}
	}
	if p.block != nil {
		<-p.block
	}
	key := r.URL.Path
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	p.mu.Lock()
	p.renders[key]++
	text, ok := p.shows[key]
	keys := p.keys[key]
	status := p.status
	for name, vals := range p.header {
		w.Header()[name] = vals
	}
	p.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	cachekey.Add(r.Context(), keys...)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if status != 0 {
		w.WriteHeader(status)
	}
	// Pages are long enough to be worth compressing.
	fmt.Fprintf(w, "<p>%s</p>%s", text, strings.Repeat("<!-- padding -->", 64))
}

func get(t *testing.T, h http.Handler, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Result()
}

func text(t *testing.T, resp *http.Response) string {
	t.Helper()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var r io.Reader
	switch resp.Header.Get("Content-Encoding") {
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	default:
		return string(body)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(plain)
}

func newCache(p *paper, cfg pagecache.Config) *pagecache.Cache {
	if cfg.MaxBytes == 0 {
		cfg.MaxBytes = 1 << 20
	}
	return pagecache.New(cfg, p)
}

func TestServedFromCacheUntilPurged(t *testing.T) {
	p := newPaper()
	p.set("/a", "ferry strike", "article:1", "list:all")
	p.set("/b", "budget vote", "article:2")
	c := newCache(p, pagecache.Config{})

	if got := get(t, c, "/a").Header.Get("X-Cache"); got != "MISS" {
		t.Errorf("first request: X-Cache %q, want MISS", got)
	}
	get(t, c, "/b")
	for range 5 {
		resp := get(t, c, "/a")
		if resp.Header.Get("X-Cache") != "HIT" || !strings.Contains(text(t, resp), "ferry strike") {
			t.Fatalf("repeat request not a hit with the page: %v", resp.Header)
		}
	}
	if n := p.rendersOf("/a"); n != 1 {
		t.Errorf("/a rendered %d times for six requests, want 1", n)
	}

	p.set("/a", "ferry strike ends", "article:1", "list:all")
	if n := c.Purge("article:1"); n != 1 {
		t.Errorf("purging article:1 dropped %d pages, want 1", n)
	}
	if body := text(t, get(t, c, "/a")); !strings.Contains(body, "ferry strike ends") {
		t.Errorf("after the purge /a shows %q", body)
	}
	if got := get(t, c, "/b").Header.Get("X-Cache"); got != "HIT" {
		t.Errorf("/b shows nothing of article:1 but was purged (X-Cache %q)", got)
	}
	c.Purge(cachekey.Everything)
	if n, _ := c.Len(); n != 0 {
		t.Errorf("after purging everything %d pages are left", n)
	}
}

func TestEncodingsAndConditionalRequests(t *testing.T) {
	p := newPaper()
	p.set("/a", "harbour council", "article:1")
	c := newCache(p, pagecache.Config{})
	plain := get(t, c, "/a")
	want := text(t, plain)
	for _, enc := range []string{"gzip", "br"} {
		resp := get(t, c, "/a", "Accept-Encoding", "deflate, "+enc)
		if got := resp.Header.Get("Content-Encoding"); got != enc {
			t.Fatalf("Accept-Encoding %s: Content-Encoding %q", enc, got)
		}
		if got := text(t, resp); got != want {
			t.Errorf("%s body decodes to %q, want %q", enc, got, want)
		}
		etag := resp.Header.Get("ETag")
		if etag == "" || etag == plain.Header.Get("ETag") || strings.HasPrefix(etag, "W/") {
			t.Errorf("%s ETag %q: want a strong tag of its own (plain is %q)", enc, etag, plain.Header.Get("ETag"))
		}
		if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s response lacks Vary: Accept-Encoding", enc)
		}
		again := get(t, c, "/a", "Accept-Encoding", enc, "If-None-Match", etag)
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match with the %s ETag: %d, want 304", enc, again.StatusCode)
		}
		if b, _ := io.ReadAll(again.Body); len(b) != 0 {
			t.Errorf("304 has a body of %d bytes", len(b))
		}
	}
	if got := get(t, c, "/a", "Accept-Encoding", "gzip;q=0, br;q=0").Header.Get("Content-Encoding"); got != "" {
		t.Errorf("q=0 for every encoding still got %q", got)
	}
	if got := get(t, c, "/a", "If-None-Match", `"something-else"`).StatusCode; got != 200 {
		t.Errorf("a stale ETag got %d, want 200", got)
	}
	p.set("/a", "harbour council resigns", "article:1")
	c.Purge("article:1")
	if got := get(t, c, "/a", "If-None-Match", plain.Header.Get("ETag")).StatusCode; got != 200 {
		t.Errorf("the old ETag after a change got %d, want 200 with the new page", got)
	}
	cc := plain.Header.Get("Cache-Control")
	for _, part := range []string{"public", "s-maxage=", "stale-while-revalidate="} {
		if !strings.Contains(cc, part) {
			t.Errorf("Cache-Control %q lacks %s", cc, part)
		}
	}
	if got := plain.Header.Get("Surrogate-Key"); got != "article:1" {
		t.Errorf("Surrogate-Key %q, want article:1", got)
	}
}

func TestHeadIsServedWithoutBody(t *testing.T) {
	p := newPaper()
	p.set("/a", "tide tables", "article:1")
	c := newCache(p, pagecache.Config{})
	get(t, c, "/a")
	req := httptest.NewRequest("HEAD", "/a", nil)
	w := httptest.NewRecorder()
	c.ServeHTTP(w, req)
	if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Length") == "0" {
		t.Errorf("HEAD: status %d, body %d bytes, Content-Length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}
}

func TestOnlyWholePublicPagesAreKept(t *testing.T) {
	p := newPaper()
	p.set("/a", "page", "article:1")
	c := newCache(p, pagecache.Config{})
	get(t, c, "/missing")
	get(t, c, "/missing")
	if n := p.rendersOf("/missing"); n != 2 {
		t.Errorf("a 404 was rendered %d times for two requests: errors must not be kept", n)
	}

	for _, h := range []http.Header{
		{"Set-Cookie": {"session=1"}},
		{"Cache-Control": {"private, no-store"}},
	} {
		p := newPaper()
		p.set("/staff", "draft preview", "article:1")
		p.header = h
		c := newCache(p, pagecache.Config{})
		get(t, c, "/staff")
		resp := get(t, c, "/staff")
		if resp.Header.Get("X-Cache") == "HIT" || p.rendersOf("/staff") != 2 {
			t.Errorf("a response with %v was served from the cache", h)
		}
	}

	bypass := newPaper()
	bypass.set("/a", "page", "article:1")
	cb := newCache(bypass, pagecache.Config{Bypass: func(r *http.Request) bool { return r.Header.Get("Authorization") != "" }})
	get(t, cb, "/a", "Authorization", "Bearer x")
	get(t, cb, "/a", "Authorization", "Bearer x")
	if n := bypass.rendersOf("/a"); n != 2 {
		t.Errorf("bypassed requests rendered %d times, want 2", n)
	}
}

func TestQueryParametersThatDoNotChangeThePage(t *testing.T) {
	p := newPaper()
	p.set("/search?q=ferry", "results for ferry", "search")
	p.set("/search?page=2&q=ferry", "page 2", "search")
	c := newCache(p, pagecache.Config{QueryParams: []string{"q", "page"}})
	get(t, c, "/search?q=ferry")
	resp := get(t, c, "/search?utm_source=social&q=ferry&fbclid=abc")
	if resp.Header.Get("X-Cache") != "HIT" || !strings.Contains(text(t, resp), "results for ferry") {
		t.Errorf("tracking parameters made a new copy of the page: %v", resp.Header)
	}
	if body := text(t, get(t, c, "/search?q=ferry&page=2")); !strings.Contains(body, "page 2") {
		t.Errorf("page=2 served %q", body)
	}
}

// TestOneRenderForManyReaders: when a popular page is missing, the readers
// who ask at once wait for one render instead of each rendering it.
func TestOneRenderForManyReaders(t *testing.T) {
	p := newPaper()
	p.set("/a", "breaking", "article:1")
	p.block = make(chan struct{})
	p.started = make(chan struct{}, 100)
	c := newCache(p, pagecache.Config{})
	var wg sync.WaitGroup
	var ok atomic.Int32
	for range 20 {
		wg.Go(func() {
			if strings.Contains(text(t, get(t, c, "/a")), "breaking") {
				ok.Add(1)
			}
		})
	}
	<-p.started
	time.Sleep(50 * time.Millisecond) // let the others queue behind the first
	close(p.block)
	wg.Wait()
	if n := p.rendersOf("/a"); n != 1 {
		t.Errorf("20 readers at once caused %d renders, want 1", n)
	}
	if ok.Load() != 20 {
		t.Errorf("%d of 20 readers got the page", ok.Load())
	}
}

// TestPurgeDuringRender: a page that was rendering when a change to what it
// shows came in may hold the old text; it is served once but not kept.
func TestPurgeDuringRender(t *testing.T) {
	p := newPaper()
	p.set("/a", "old headline", "article:1")
	p.set("/b", "other", "article:2")
	p.block = make(chan struct{})
	p.started = make(chan struct{}, 1)
	c := newCache(p, pagecache.Config{})
	done := make(chan struct{})
	go func() { get(t, c, "/a"); close(done) }()
	<-p.started
	c.Purge("article:1")
	close(p.block)
	<-done
	p.block, p.started = nil, nil
	if resp := get(t, c, "/a"); resp.Header.Get("X-Cache") == "HIT" {
		t.Error("a render overtaken by a purge of its key was kept")
	}
	// A purge of an unrelated key does not stop a page from being kept.
	p.block = make(chan struct{})
	p.started = make(chan struct{}, 1)
	done = make(chan struct{})
	go func() { get(t, c, "/b"); close(done) }()
	<-p.started
	c.Purge("article:99")
	close(p.block)
	<-done
	p.block, p.started = nil, nil
	if resp := get(t, c, "/b"); resp.Header.Get("X-Cache") != "HIT" {
		t.Errorf("an unrelated purge stopped /b from being kept (X-Cache %q)", resp.Header.Get("X-Cache"))
	}
}

func TestBoundedBytesEvictsLeastRecentlyUsed(t *testing.T) {
	p := newPaper()
	for i := range 40 {
		p.set(fmt.Sprintf("/p%d", i), strings.Repeat(fmt.Sprintf("page %d ", i), 50), fmt.Sprintf("article:%d", i))
	}
	c := newCache(p, pagecache.Config{MaxBytes: 32 << 10})
	for i := range 40 {
		get(t, c, fmt.Sprintf("/p%d", i))
		get(t, c, "/p0") // kept in use
	}
	n, size := c.Len()
	if size > 32<<10 {
		t.Errorf("cache holds %d bytes, over its 32 KiB bound", size)
	}
	if n == 0 || n >= 40 {
		t.Errorf("cache holds %d of 40 pages; want some evicted and some kept", n)
	}
	if got := get(t, c, "/p0").Header.Get("X-Cache"); got != "HIT" {
		t.Errorf("the page read all along was evicted (X-Cache %q)", got)
	}
	if got := get(t, c, "/p1").Header.Get("X-Cache"); got != "MISS" {
		t.Errorf("the least recently used page was kept (X-Cache %q)", got)
	}
}

// TestStalePageServedWhileOneRendersAgain: a page past MaxAge goes on being
// served while one background render brings it up to date.
func TestStalePageServedWhileOneRendersAgain(t *testing.T) {
	p := newPaper()
	p.set("/news-sitemap", "48 hours", "sitemaps")
	c := newCache(p, pagecache.Config{MaxAge: 30 * time.Millisecond})
	get(t, c, "/news-sitemap")
	time.Sleep(50 * time.Millisecond)
	p.set("/news-sitemap", "48 hours later", "sitemaps")
	for range 10 {
		if resp := get(t, c, "/news-sitemap"); resp.StatusCode != 200 {
			t.Fatalf("stale page: %d", resp.StatusCode)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(text(t, get(t, c, "/news-sitemap")), "later") {
		if time.Now().After(deadline) {
			t.Fatal("the stale page was never rendered again")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if n := p.rendersOf("/news-sitemap"); n != 2 {
		t.Errorf("%d renders for one expiry, want 2 in all", n)
	}
}

func TestDisabledCacheRendersEveryRequest(t *testing.T) {
	p := newPaper()
	p.set("/a", "page", "article:1")
	c := pagecache.New(pagecache.Config{MaxBytes: 0}, p)
	get(t, c, "/a")
	get(t, c, "/a")
	if n := p.rendersOf("/a"); n != 2 {
		t.Errorf("a disabled cache rendered %d times for two requests", n)
	}
}

// compressingHandler compresses for readers who accept gzip, as a file
// server with precompressed files does.
type compressingHandler struct{}

func (compressingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css")
	text := strings.Repeat("body { color: black } ", 100)
	if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		_, _ = io.WriteString(w, text)
		return
	}
	w.Header().Set("Content-Encoding", "gzip")
	zw := gzip.NewWriter(w)
	_, _ = io.WriteString(zw, text)
	_ = zw.Close()
}

// TestReadersGetWhatTheyAccept: a page first asked for by a reader who takes
// gzip is never served compressed to one who does not.
func TestReadersGetWhatTheyAccept(t *testing.T) {
	c := pagecache.New(pagecache.Config{MaxBytes: 1 << 20}, compressingHandler{})
	first := get(t, c, "/site.css", "Accept-Encoding", "gzip, br")
	if !strings.Contains(text(t, first), "color: black") {
		t.Fatalf("first reader got %q", text(t, first))
	}
	for range 2 {
		plain := get(t, c, "/site.css")
		if enc := plain.Header.Get("Content-Encoding"); enc != "" {
			t.Fatalf("a reader accepting no encoding got Content-Encoding %q", enc)
		}
		if body := text(t, plain); !strings.HasPrefix(body, "body { color: black }") {
			t.Fatalf("a reader accepting no encoding got %d bytes of something else", len(body))
		}
	}
}

// panicky panics on its first render, as a handler with a bug might.
type panicky struct{ calls atomic.Int32 }

func (p *panicky) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.calls.Add(1) == 1 {
		time.Sleep(50 * time.Millisecond) // let a second reader queue behind this render
		panic("bug")
	}
	_, _ = io.WriteString(w, "recovered page")
}

// TestPanicDoesNotStrandWaitingReaders: when a render panics, the readers
// waiting on it are answered, and later readers are not stuck behind it.
func TestPanicDoesNotStrandWaitingReaders(t *testing.T) {
	h := &panicky{}
	c := pagecache.New(pagecache.Config{MaxBytes: 1 << 20}, h)
	first := make(chan struct{})
	go func() {
		defer close(first)
		defer func() { _ = recover() }()
		get(t, c, "/a")
	}()
	time.Sleep(10 * time.Millisecond)
	done := make(chan string, 1)
	go func() { done <- text(t, get(t, c, "/a")) }()
	<-first
	select {
	case body := <-done:
		if body != "recovered page" {
			t.Errorf("the waiting reader got %q", body)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the reader waiting on a panicked render was never answered")
	}
	if body := text(t, get(t, c, "/a")); body != "recovered page" {
		t.Errorf("a later reader got %q", body)
	}
}

// TestHitServesOnlyFreshCachedPages: the fast path gets a cached page's bytes,
// with the configured headers and the encoding the reader accepts, and
// leaves missing, purged and stale pages to ServeHTTP.
func TestHitServesOnlyFreshCachedPages(t *testing.T) {
	p := newPaper()
	p.set("/a", strings.Repeat("a page long enough to compress. ", 40), "article:1")
	c := newCache(p, pagecache.Config{MaxAge: 50 * time.Millisecond, Header: http.Header{"X-Frame": {"one"}}})
	if _, ok := c.Hit(&pagecache.Lookup{Path: "/a"}); ok {
		t.Fatal("a page never rendered was a hit")
	}
	get(t, c, "/a")
	raw, ok := c.Hit(&pagecache.Lookup{Path: "/a", RawQuery: "utm_source=x", AcceptEncoding: "gzip"})
	if !ok {
		t.Fatal("a cached page was not a hit")
	}
	head := string(raw.Head)
	for _, want := range []string{"HTTP/1.1 200 OK\r\n", "X-Frame: one\r\n", "Content-Encoding: gzip\r\n", "X-Cache: HIT\r\n", "Surrogate-Key: article:1\r\n"} {
		if !strings.Contains(head, want) {
			t.Errorf("the head lacks %q:\n%s", want, head)
		}
	}
	if raw.Status != 200 || !strings.Contains(head, "Content-Length: "+strconv.Itoa(len(raw.Body))+"\r\n") {
		t.Errorf("status %d, %d body bytes, head:\n%s", raw.Status, len(raw.Body), head)
	}
	etag := get(t, c, "/a", "Accept-Encoding", "gzip").Header.Get("Etag")
	if raw, ok := c.Hit(&pagecache.Lookup{Path: "/a", AcceptEncoding: "gzip", IfNoneMatch: etag}); !ok || raw.Status != 304 || raw.Body != nil {
		t.Errorf("If-None-Match of the current tag: ok %v, status %d, %d body bytes", ok, raw.Status, len(raw.Body))
	}
	c.Purge("article:1")
	if _, ok := c.Hit(&pagecache.Lookup{Path: "/a"}); ok {
		t.Error("a purged page was a hit")
	}
	get(t, c, "/a")
	time.Sleep(60 * time.Millisecond)
	if _, ok := c.Hit(&pagecache.Lookup{Path: "/a"}); ok {
		t.Error("a page past its age was a hit; ServeHTTP must serve it, to render it again")
	}
}
