package site_test

import (
	"context"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/feeds"
	"masthead/internal/store"
)

// urlset is a sitemap or a sitemap index as a crawler reads it.
type urlset struct {
	XMLName  xml.Name
	URLs     []sitemapEntry `xml:"url"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		Name     string `xml:"publication>name"`
		Language string `xml:"publication>language"`
		Date     string `xml:"publication_date"`
		Title    string `xml:"title"`
	} `xml:"news"`
}

// fetchSitemap gets a sitemap by its absolute URL, checks the protocol's
// limits and parses it.
func fetchSitemap(t *testing.T, srv, loc string) urlset {
	t.Helper()
	path, ok := strings.CutPrefix(loc, base)
	if !ok {
		t.Fatalf("sitemap %q is not under %s", loc, base)
	}
	resp, body := get(t, srv+path)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if len(body) > feeds.MaxBytes {
		t.Errorf("%s is %d bytes, over the 50 MB limit", path, len(body))
	}
	var u urlset
	if err := xml.Unmarshal([]byte(body), &u); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if n := len(u.URLs) + len(u.Sitemaps); n > feeds.MaxURLs {
		t.Errorf("%s lists %d URLs, over the limit", path, n)
	}
	for _, e := range append(u.URLs, u.Sitemaps...) {
		if !strings.HasPrefix(e.Loc, base+"/") || len(e.Loc) >= feeds.MaxLocChars {
			t.Errorf("%s: loc %q is not an absolute URL of the site under 2,048 characters", path, e.Loc)
		}
		if e.LastMod != "" {
			if _, err := time.Parse(time.RFC3339, e.LastMod); err != nil {
				t.Errorf("%s: lastmod %q is not a W3C datetime", path, e.LastMod)
			}
		}
	}
	return u
}

func locs(entries []sitemapEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Loc)
	}
	slices.Sort(out)
	return out
}

func TestSitemaps(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		want := published(t, st)
		index := fetchSitemap(t, ts.URL, base+"/sitemap.xml")
		if index.XMLName.Local != "sitemapindex" {
			t.Fatalf("/sitemap.xml is a %s", index.XMLName.Local)
		}
		wantMaps := []string{base + "/sitemaps/articles-1.xml", base + "/sitemaps/authors.xml", base + "/sitemaps/news.xml",
			base + "/sitemaps/pages.xml", base + "/sitemaps/sections.xml", base + "/sitemaps/tags.xml"}
		if got := locs(index.Sitemaps); !slices.Equal(got, wantMaps) {
			t.Errorf("the index lists %v, want %v", got, wantMaps)
		}
		counts := map[string]int{"articles-1": 5, "sections": 2, "authors": 2, "tags": 2, "pages": 2, "news": 5}
		for name, n := range counts {
			u := fetchSitemap(t, ts.URL, base+"/sitemaps/"+name+".xml")
			if len(u.URLs) != n {
				t.Errorf("%s lists %d URLs, want %d: %v", name, len(u.URLs), n, locs(u.URLs))
			}
		}
		for _, e := range fetchSitemap(t, ts.URL, base+"/sitemaps/articles-1.xml").URLs {
			a, ok := want[e.Loc]
			if !ok {
				t.Errorf("articles-1 lists %q, which is no published article", e.Loc)
				continue
			}
			if e.LastMod != a.UpdatedAt.Format(time.RFC3339) {
				t.Errorf("%s: lastmod %q, want %s", e.Loc, e.LastMod, a.UpdatedAt.Format(time.RFC3339))
			}
		}
		tags := fetchSitemap(t, ts.URL, base+"/sitemaps/tags.xml")
		if got := locs(tags.URLs); !slices.Equal(got, []string{base + "/tag/courts", base + "/tag/harbour"}) {
			t.Errorf("tags.xml lists %v", got)
		}
		for _, path := range []string{"/sitemaps/articles-2.xml", "/sitemaps/articles-0.xml", "/sitemaps/articles-01.xml",
			"/sitemaps/articles-x.xml", "/sitemaps/other.xml"} {
			if resp, _ := get(t, ts.URL+path); resp.StatusCode != 404 {
				t.Errorf("GET %s: status %d, want 404", path, resp.StatusCode)
			}
		}
	})
}

// TestNewsSitemap moves the clock to 49 hours after the first article: the
// two earliest fall out of the 48-hour window.
func TestNewsSitemap(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		want := published(t, st)
		dbtest.SetClock(st, t0.Add(49*time.Hour+30*time.Minute))
		u := fetchSitemap(t, ts.URL, base+"/sitemaps/news.xml")
		wantLocs := []string{base + "/local/2026/11/20/local-cranes-fans-rally", base + "/local/2026/11/20/new-headline",
			base + "/world/2026/11/20/russias-court-rules-on-the-cranes-at-last"}
		if got := locs(u.URLs); !slices.Equal(got, wantLocs) {
			t.Errorf("news.xml lists %v, want %v", got, wantLocs)
		}
		for _, e := range u.URLs {
			a := want[e.Loc]
			n := e.News
			if n.Name != "The Test Courier" || n.Language != "en" || n.Title != a.Headline ||
				n.Date != a.PublishedAt.Format(time.RFC3339) {
				t.Errorf("news.xml entry %s: %+v", e.Loc, n)
			}
		}
	})
}

// TestArticleURLsPaging pages through the published articles two at a time:
// every one appears exactly once, oldest first.
func TestArticleURLsPaging(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		newsroom(t, st)
		ctx := context.Background()
		n, err := st.CountPublished(ctx)
		if err != nil || n != 5 {
			t.Fatalf("CountPublished = %d, %v; want 5", n, err)
		}
		const size = 2
		var all []string
		for page := 1; page <= feeds.SitemapPages(n, size); page++ {
			list, err := st.ArticleURLs(ctx, (page-1)*size, size)
			if err != nil {
				t.Fatal(err)
			}
			if want := min(size, n-(page-1)*size); len(list) != want {
				t.Errorf("page %d has %d URLs, want %d", page, len(list), want)
			}
			for _, a := range list {
				all = append(all, a.URL())
			}
		}
		if len(all) != n || len(slices.Compact(slices.Sorted(slices.Values(all)))) != n {
			t.Errorf("paging gave %v", all)
		}
		if all[0] != "/world/2026/11/20/harbour-cranes-case-opens" {
			t.Errorf("the first URL is %s, want the oldest article", all[0])
		}
	})
}

func TestRobots(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		resp, body := get(t, ts.URL+"/robots.txt")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
			t.Fatalf("GET /robots.txt: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		for _, line := range []string{"User-agent: *", "Disallow: /admin/", "Sitemap: " + base + "/sitemap.xml"} {
			if !slices.Contains(strings.Split(body, "\n"), line) {
				t.Errorf("robots.txt lacks the line %q:\n%s", line, body)
			}
		}
	})
}
