package site_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

var (
	linkPattern    = regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)
	srcsetPattern  = regexp.MustCompile(`srcset="([^"]*)"`)
	articlePattern = regexp.MustCompile(`^/[a-z0-9-]+/\d{4}/\d{2}/\d{2}/[a-z0-9-]+$`)
)

// TestCrawlDemoSite loads the demo paper and follows every link from the
// front page: no page may answer 5xx, no internal link may be broken, no
// author's e-mail address may appear anywhere, every article has related
// articles, and every page template gets rendered.
func TestCrawlDemoSite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		data := t.TempDir()
		g := demo.New(demo.Options{Seed: 1, Now: t0})
		if _, err := demo.Load(ctx, st, g, data); err != nil {
			t.Fatal(err)
		}
		var emails []string
		for _, a := range g.Authors() {
			emails = append(emails, a.Email)
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: data}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := server.New(st, pub, log, server.Options{CacheBytes: 32 << 20})
		srv.SetReady(true)
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()

		c := &crawler{t: t, base: ts.URL, emails: emails, seen: map[string]bool{}}
		c.run("/")
		if c.articles < 300 {
			t.Errorf("crawl reached %d articles, want the demo's 300 or more", c.articles)
		}
		t.Logf("crawled %d URLs, %d articles", len(c.seen), c.articles)
		// The error template is reached by a broken link, which the crawl must not find.
		if resp, err := http.Get(ts.URL + "/no-such-page"); err != nil || resp.StatusCode != 404 {
			t.Errorf("GET /no-such-page: %v %v", resp.StatusCode, err)
		}
		for _, name := range pub.TemplateNames() {
			if !slices.Contains(pub.RenderedTemplates(), name) {
				t.Errorf("template %q was never rendered by the tests", name)
			}
		}
	})
}

type crawler struct {
	t        *testing.T
	base     string
	emails   []string
	mu       sync.Mutex
	seen     map[string]bool
	articles int
}

// run fetches start and everything it links to, four requests at a time.
func (c *crawler) run(start string) {
	queue := make(chan [2]string, 1<<16)
	var pending sync.WaitGroup
	c.enqueue(queue, &pending, start, "(start)")
	var workers sync.WaitGroup
	for range 4 {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for job := range queue {
				for _, link := range c.fetch(job[0], job[1]) {
					c.enqueue(queue, &pending, link, job[0])
				}
				pending.Done()
			}
		}()
	}
	pending.Wait()
	close(queue)
	workers.Wait()
}

func (c *crawler) enqueue(queue chan [2]string, pending *sync.WaitGroup, path, from string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen[path] {
		return
	}
	c.seen[path] = true
	pending.Add(1)
	queue <- [2]string{path, from}
}

// fetch checks one URL and returns the internal links of an HTML page.
func (c *crawler) fetch(path, from string) []string {
	resp, err := http.Get(c.base + path)
	if err != nil {
		c.t.Errorf("GET %s: %v", path, err)
		return nil
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.t.Errorf("GET %s (linked from %s): status %d", path, from, resp.StatusCode)
		return nil
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		return nil
	}
	page := string(body)
	for _, e := range c.emails {
		if strings.Contains(page, e) {
			c.t.Errorf("%s shows the private e-mail address %s", path, e)
		}
	}
	if n := strings.Count(page, "<h1"); n != 1 {
		c.t.Errorf("%s has %d <h1> elements", path, n)
	}
	if articlePattern.MatchString(path) {
		c.mu.Lock()
		c.articles++
		c.mu.Unlock()
		at := strings.Index(page, `id="related-heading"`)
		if at < 0 {
			c.t.Errorf("%s has no related articles", path)
			return nil
		}
		related := page[at:]
		if n := strings.Count(related, `class="teaser"`); n < 3 {
			c.t.Errorf("%s shows %d related articles, want at least 3", path, n)
		}
	}
	var links []string
	for _, m := range linkPattern.FindAllStringSubmatch(page, -1) {
		links = append(links, m[1])
	}
	for _, m := range srcsetPattern.FindAllStringSubmatch(page, -1) {
		for _, cand := range strings.Split(m[1], ",") {
			if f := strings.Fields(cand); len(f) > 0 && strings.HasPrefix(f[0], "/") {
				links = append(links, f[0])
			}
		}
	}
	for i, l := range links {
		links[i] = strings.ReplaceAll(l, "&amp;", "&")
	}
	return links
}
