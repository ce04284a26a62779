package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

var t0 = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

var (
	hrefPattern = regexp.MustCompile(`href="(/[^"#]*)"`)
	locPattern  = regexp.MustCompile(`<loc>http://news\.example(/[^<]*)</loc>`)
)

// paperUnderTest is the demo paper served twice from one database: through
// the page cache, and without it, as the reference for what is current.
type paperUnderTest struct {
	t         *testing.T
	st        *store.Store
	cached    http.Handler
	reference http.Handler
	urls      []string

	mu      sync.Mutex
	changed []string // keys of the changes since the last reset
}

func newPaperUnderTest(t *testing.T, st *store.Store, articles int) *paperUnderTest {
	t.Helper()
	ctx := context.Background()
	dbtest.SetClock(st, t0)
	data := t.TempDir()
	if _, err := demo.Load(ctx, st, demo.New(demo.Options{Seed: 7, Now: t0, Articles: articles}), data); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	serve := func(opts server.Options) http.Handler {
		pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: data}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := server.New(st, pub, log, opts)
		srv.SetReady(true)
		if opts.CacheBytes > 0 {
			return overTheWire(t, srv) // cache hits through the fast path
		}
		return srv.Handler()
	}
	p := &paperUnderTest{t: t, st: st, cached: serve(server.Options{CacheBytes: 64 << 20}), reference: serve(server.Options{})}
	st.Subscribe(func(keys []string, _ bool) {
		p.mu.Lock()
		p.changed = append(p.changed, keys...)
		p.mu.Unlock()
	})
	p.crawl()
	return p
}

type page struct {
	status int
	body   string
	keys   []string
	xcache string
}

func fetch(h http.Handler, path string) page {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	var keys []string
	if k := w.Header().Get("Surrogate-Key"); k != "" {
		keys = strings.Fields(k)
	}
	return page{status: w.Code, body: w.Body.String(), keys: keys, xcache: w.Header().Get("X-Cache")}
}

// crawl finds every public page, feed and sitemap by following links from
// the front page and the sitemap index.
func (p *paperUnderTest) crawl() {
	seen := map[string]bool{}
	queue := []string{"/", "/sitemap.xml", "/feed.xml", "/feed.atom", "/feed.json", "/search?q=harbour"}
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		pg := fetch(p.reference, path)
		if pg.status != 200 {
			continue
		}
		p.urls = append(p.urls, path)
		for _, re := range []*regexp.Regexp{hrefPattern, locPattern} {
			for _, m := range re.FindAllStringSubmatch(pg.body, -1) {
				link := strings.ReplaceAll(m[1], "&amp;", "&")
				if strings.HasPrefix(link, "/static/") || strings.HasPrefix(link, "/media/") || seen[link] {
					continue
				}
				queue = append(queue, link)
			}
		}
	}
	slices.Sort(p.urls)
	if len(p.urls) < 50 {
		p.t.Fatalf("the crawl found only %d pages", len(p.urls))
	}
}

// warm fetches every page through the cache twice, so that whatever a first
// render works out lazily (related articles) has settled, and returns the
// keys each page was cached under.
func (p *paperUnderTest) warm() map[string][]string {
	p.t.Helper()
	for range 2 {
		for _, u := range p.urls {
			fetch(p.cached, u)
		}
	}
	keys := map[string][]string{}
	for _, u := range p.urls {
		pg := fetch(p.cached, u)
		if pg.xcache != "HIT" {
			p.t.Fatalf("%s is not cached after warming (X-Cache %q)", u, pg.xcache)
		}
		keys[u] = pg.keys
	}
	p.mu.Lock()
	p.changed = nil
	p.mu.Unlock()
	return keys
}

// checkAfterChange fetches every page through the cache and checks it is the
// current page, and that the pages the change did not touch are still cached.
func (p *paperUnderTest) checkAfterChange(what string, before map[string][]string, urls ...string) {
	p.t.Helper()
	p.mu.Lock()
	changed := p.changed
	p.mu.Unlock()
	if len(changed) == 0 {
		p.t.Fatalf("%s: the store announced no change", what)
	}
	purged, kept := 0, 0
	for _, u := range append(slices.Clone(p.urls), urls...) {
		got, want := fetch(p.cached, u), fetch(p.reference, u)
		if got.status != want.status || got.body != want.body {
			p.t.Errorf("%s: %s through the cache is stale (status %d, reference %d)", what, u, got.status, want.status)
			continue
		}
		keys, known := before[u]
		if !known {
			continue
		}
		touched := slices.Contains(changed, cachekey.Everything) ||
			slices.ContainsFunc(keys, func(k string) bool { return slices.Contains(changed, k) })
		switch {
		case touched && got.xcache == "HIT":
			p.t.Errorf("%s: %s shows a changed key but was not purged", what, u)
		case touched:
			purged++
		case got.xcache != "HIT":
			p.t.Errorf("%s: %s shows nothing that changed (keys %v; change %v) but was purged", what, u, keys, changed)
		default:
			kept++
		}
	}
	p.t.Logf("%s: %d pages purged, %d kept of %d", what, purged, kept, len(p.urls))
	if kept == 0 && !slices.Contains(changed, cachekey.Everything) {
		p.t.Errorf("%s purged every page; purges should be precise", what)
	}
}

// TestCacheFollowsEveryChange makes the changes a newsroom makes and checks,
// after each, every page of the site through the cache against the same page
// rendered fresh: none may be stale, and pages that show nothing of the
// change stay cached.
func TestCacheFollowsEveryChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		p := newPaperUnderTest(t, st, 60)
		sections, err := st.Sections(ctx)
		if err != nil {
			t.Fatal(err)
		}
		teasers, err := st.Teasers(ctx, store.TeaserQuery{Limit: 1})
		if err != nil || len(teasers) == 0 {
			t.Fatal("no article", err)
		}
		existing, err := st.ArticleByID(ctx, teasers[0].ID)
		if err != nil {
			t.Fatal(err)
		}

		before := p.warm()
		fresh := news.Article{Slug: "ferry-timetable-doubles", Headline: "Ferry timetable doubles for winter",
			Standfirst: "More crossings from December.", Status: news.Published, Section: sections[len(sections)-1],
			Authors: existing.Authors[:1], Tags: []news.Tag{{Name: "Winter ferries"}},
			Body: existing.Body}
		if err := st.SaveArticle(ctx, &fresh); err != nil {
			t.Fatal(err)
		}
		p.checkAfterChange("publish", before, fresh.URL())
		if home := fetch(p.cached, "/"); !strings.Contains(home.body, fresh.Headline) {
			t.Error("the front page does not show the story just published")
		}

		before = p.warm()
		existing.Headline = "Harbour council approves new sea wall"
		if err := st.SaveArticle(ctx, &existing); err != nil {
			t.Fatal(err)
		}
		p.checkAfterChange("headline update", before)

		before = p.warm()
		fresh.Status = news.Unpublished
		if err := st.SaveArticle(ctx, &fresh); err != nil {
			t.Fatal(err)
		}
		p.checkAfterChange("unpublish", before)
		if got := fetch(p.cached, fresh.URL()).status; got != http.StatusGone {
			t.Errorf("the unpublished article answers %d through the cache, want 410", got)
		}

		before = p.warm()
		author := existing.Authors[0]
		author.Name = "Morwenna Quayle-Tresize"
		if err := st.UpdateAuthor(ctx, &author); err != nil {
			t.Fatal(err)
		}
		p.checkAfterChange("byline rename", before)

		before = p.warm()
		sec := sections[0]
		sec.Name = "Saltmere & District"
		if err := st.UpdateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		p.checkAfterChange("section rename", before)
		if home := fetch(p.cached, "/"); !strings.Contains(home.body, "Saltmere &amp; District") {
			t.Error("the navigation does not show the renamed section")
		}
	})
}

// TestDraftSavesPurgeNothing: an editor autosaving a draft every few seconds
// must not empty the cache.
func TestDraftSavesPurgeNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		p := newPaperUnderTest(t, st, 30)
		sections, _ := st.Sections(ctx)
		p.warm()
		draft := news.Article{Slug: "draft-story", Headline: "Not yet", Status: news.Draft, Section: sections[0]}
		for i := range 3 {
			draft.Headline = fmt.Sprintf("Not yet, take %d", i)
			if err := st.SaveArticle(ctx, &draft); err != nil {
				t.Fatal(err)
			}
		}
		for _, u := range p.urls {
			if got := fetch(p.cached, u).xcache; got != "HIT" {
				t.Errorf("saving a draft purged %s", u)
			}
		}
	})
}

// TestStaffPagesAreNeverCached: a signed-in editor's view of a public page
// is rendered for them, marked private, and leaves the readers' copy alone.
func TestStaffPagesAreNeverCached(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		p := newPaperUnderTest(t, st, 10)
		staff := func() *http.Response {
			req := httptest.NewRequest("GET", "/", nil)
			req.AddCookie(&http.Cookie{Name: server.SessionCookie, Value: "editor"})
			w := httptest.NewRecorder()
			p.cached.ServeHTTP(w, req)
			return w.Result()
		}
		for range 2 {
			resp := staff()
			if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") || !strings.Contains(cc, "private") {
				t.Errorf("a staff view of the front page has Cache-Control %q, want private, no-store", cc)
			}
			if x := resp.Header.Get("X-Cache"); x != "" {
				t.Errorf("a staff view went through the page cache (X-Cache %q)", x)
			}
		}
		if got := fetch(p.cached, "/").xcache; got != "MISS" {
			t.Errorf("a staff view filled the readers' cache (X-Cache %q for the first reader)", got)
		}
	})
}
