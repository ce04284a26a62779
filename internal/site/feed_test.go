package site_test

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

const base = "http://news.example"

var feedTypes = map[string]string{
	"feed.xml":  "application/rss+xml; charset=utf-8",
	"feed.atom": "application/atom+xml; charset=utf-8",
	"feed.json": "application/feed+json; charset=utf-8",
}

// get fetches path and returns the response with its body read.
func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

// published returns the fixture's published articles by absolute URL.
func published(t *testing.T, st *store.Store) map[string]news.Teaser {
	t.Helper()
	list, err := st.Teasers(context.Background(), store.TeaserQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]news.Teaser{}
	for _, a := range list {
		out[base+a.URL()] = a
	}
	return out
}

func TestFeeds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		want := published(t, st)
		leadURL := base + "/world/2026/11/20/russias-court-rules-on-the-cranes-at-last"
		cases := []struct {
			path    string // the feed's directory: "" for the site
			section string // every item must be in it, when set
			author  string // every item must have this byline, when set
			items   int
		}{
			{path: "", items: 5},
			{path: "/world", section: "World", items: 3},
			{path: "/local", section: "Local", items: 2},
			{path: "/author/ana-ortiz", author: "Ana Ortiz", items: 3},
			{path: "/author/ben-adeyemi", author: "Ben Adeyemi", items: 3},
			{path: "/tag/harbour", items: 5},
		}
		for _, c := range cases {
			for file, ctype := range feedTypes {
				url := ts.URL + c.path + "/" + file
				resp, body := get(t, url)
				if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ctype {
					t.Errorf("GET %s: %d %q, want 200 %q", url, resp.StatusCode, resp.Header.Get("Content-Type"), ctype)
					continue
				}
				if strings.Contains(body, "secret@") || strings.Contains(body, "@courier.example") {
					t.Errorf("%s shows an author's e-mail address", url)
				}
				for _, hidden := range []string{"A draft nobody may see", "Withdrawn story"} {
					if strings.Contains(body, hidden) {
						t.Errorf("%s lists %q", url, hidden)
					}
				}
				feed, err := gofeed.NewParser().ParseString(body)
				if err != nil {
					t.Errorf("%s does not parse: %v", url, err)
					continue
				}
				if feed.Title == "" || feed.Link != base+cmpOr(c.path, "/") {
					t.Errorf("%s: title %q, link %q", url, feed.Title, feed.Link)
				}
				if len(feed.Items) != c.items {
					t.Errorf("%s has %d items, want %d", url, len(feed.Items), c.items)
				}
				for _, it := range feed.Items {
					checkItem(t, url, it, want, c.section, c.author, it.Link == leadURL)
				}
			}
		}
	})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// checkItem checks one parsed item against the article it links to.
func checkItem(t *testing.T, feed string, it *gofeed.Item, want map[string]news.Teaser, section, author string, lead bool) {
	t.Helper()
	a, ok := want[it.Link]
	if !ok {
		t.Errorf("%s: item links to %q, which is no published article", feed, it.Link)
		return
	}
	if it.Title != a.Headline || it.GUID != it.Link {
		t.Errorf("%s: item %q has title %q, guid %q", feed, it.Link, it.Title, it.GUID)
	}
	if it.PublishedParsed == nil || !it.PublishedParsed.Equal(a.PublishedAt) {
		t.Errorf("%s: item %q published %v, want %v", feed, it.Link, it.PublishedParsed, a.PublishedAt)
	}
	if !strings.HasSuffix(feed, ".xml") && (it.UpdatedParsed == nil || !it.UpdatedParsed.Equal(a.UpdatedAt)) {
		t.Errorf("%s: item %q updated %v, want %v", feed, it.Link, it.UpdatedParsed, a.UpdatedAt)
	}
	var names []string
	for _, p := range it.Authors {
		names = append(names, p.Name)
		if p.Email != "" {
			t.Errorf("%s: author %q has an e-mail address", feed, p.Name)
		}
	}
	// gofeed's common model keeps only RSS's first dc:creator; its Dublin
	// Core extension has them all.
	if dc := it.DublinCoreExt; dc != nil && len(dc.Creator) > 0 {
		names = dc.Creator
	}
	var wantNames []string
	for _, p := range a.Authors {
		wantNames = append(wantNames, p.Name)
	}
	if !slices.Equal(names, wantNames) {
		t.Errorf("%s: item %q by %v, want %v", feed, it.Link, names, wantNames)
	}
	if author != "" && !slices.Contains(names, author) {
		t.Errorf("%s: item %q is not by %s", feed, it.Link, author)
	}
	if section != "" && a.Section.Name != section {
		t.Errorf("%s: item %q is in %s", feed, it.Link, a.Section.Name)
	}
	for _, cat := range []string{a.Section.Name, "Harbour", "Courts"} {
		if !slices.Contains(it.Categories, cat) {
			t.Errorf("%s: item %q lacks category %q (has %v)", feed, it.Link, cat, it.Categories)
		}
	}
	if !strings.Contains(it.Content, "The harbour court heard") || !strings.Contains(it.Content, "https://court.example/") {
		t.Errorf("%s: item %q has no full text: %q", feed, it.Link, it.Content)
	}
	if lead {
		img := base + "/media/demo/x.jpg"
		if it.Image == nil || it.Image.URL != img {
			if len(it.Enclosures) == 0 || it.Enclosures[0].URL != img || it.Enclosures[0].Type != "image/jpeg" {
				t.Errorf("%s: the lead item has no image %s (image %v, enclosures %v)", feed, img, it.Image, it.Enclosures)
			}
		}
	}
}

// TestFeedFormats checks what each format's own parser sees beyond the
// common model: RSS guids and self link, Atom ids and author pages, JSON Feed
// URLs and version.
func TestFeedFormats(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		leadURL := base + "/world/2026/11/20/russias-court-rules-on-the-cranes-at-last"

		_, body := get(t, ts.URL+"/world/feed.xml")
		r, err := (&rss.Parser{}).Parse(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		self := r.Extensions["atom"]["link"]
		if len(self) != 1 || self[0].Attrs["rel"] != "self" || self[0].Attrs["href"] != base+"/world/feed.xml" {
			t.Errorf("RSS: atom:link self is %+v", self)
		}
		for _, it := range r.Items {
			if it.GUID == nil || it.GUID.IsPermalink != "true" || it.GUID.Value != it.Link {
				t.Errorf("RSS: guid %+v for %s", it.GUID, it.Link)
			}
			if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
				t.Errorf("RSS: pubDate %q is not RFC 1123Z", it.PubDate)
			}
			if len(it.Extensions["dc"]["creator"]) == 0 {
				t.Errorf("RSS: %s has no dc:creator", it.Link)
			}
			if it.Link == leadURL {
				mc := it.Extensions["media"]["content"]
				if len(mc) != 1 || mc[0].Attrs["medium"] != "image" || mc[0].Attrs["width"] != "1200" ||
					mc[0].Attrs["height"] != "675" || len(mc[0].Children["description"]) != 1 ||
					mc[0].Children["description"][0].Value != "Cranes at dusk" {
					t.Errorf("RSS: media:content of the lead is %+v", mc)
				}
			}
		}

		_, body = get(t, ts.URL+"/world/feed.atom")
		a, err := (&atom.Parser{}).Parse(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if a.ID != base+"/world" || a.Updated == "" {
			t.Errorf("Atom: feed id %q, updated %q", a.ID, a.Updated)
		}
		for _, e := range a.Entries {
			var alt string
			for _, l := range e.Links {
				if l.Rel == "alternate" {
					alt = l.Href
				}
			}
			if e.ID != alt || e.Content == nil || e.Content.Type != "html" || e.Published == "" {
				t.Errorf("Atom: entry id %q, alternate %q, content %+v", e.ID, alt, e.Content)
			}
			for _, p := range e.Authors {
				if !strings.HasPrefix(p.URI, base+"/author/") || p.Email != "" {
					t.Errorf("Atom: author %+v", p)
				}
			}
		}

		_, body = get(t, ts.URL+"/world/feed.json")
		j, err := (&jsonfeed.Parser{}).Parse(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if j.Version != "https://jsonfeed.org/version/1.1" || j.HomePageURL != base+"/world" || j.FeedURL != base+"/world/feed.json" {
			t.Errorf("JSON Feed: version %q, home %q, feed %q", j.Version, j.HomePageURL, j.FeedURL)
		}
		for _, it := range j.Items {
			if it.ID != it.URL || it.Summary == "" || it.DateModified == "" || len(it.Authors) == 0 || it.Authors[0].URL == "" {
				t.Errorf("JSON Feed: item %+v", it)
			}
			if it.URL == leadURL && it.Image != base+"/media/demo/x.jpg" {
				t.Errorf("JSON Feed: lead image %q", it.Image)
			}
		}
	})
}

// TestSummaryFeeds checks that feeds.content=summary leaves the body out.
func TestSummaryFeeds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		if err := st.SetSetting(context.Background(), "feeds.content", "summary"); err != nil {
			t.Fatal(err)
		}
		for file := range feedTypes {
			_, body := get(t, ts.URL+"/"+file)
			if strings.Contains(body, "The harbour court heard") || strings.Contains(body, "content_html") {
				t.Errorf("%s carries the full text in summary mode", file)
			}
			feed, err := gofeed.NewParser().ParseString(body)
			if err != nil {
				t.Fatal(err)
			}
			if len(feed.Items) != 5 {
				t.Fatalf("%s has %d items", file, len(feed.Items))
			}
			for _, it := range feed.Items {
				if !strings.HasPrefix(it.Description, "Standfirst of ") {
					t.Errorf("%s: item %q has summary %q", file, it.Link, it.Description)
				}
			}
		}
	})
}

func TestFeedConditionalGet(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		for file := range feedTypes {
			url := ts.URL + "/world/" + file
			resp, _ := get(t, url)
			etag, lastMod := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
			if !strings.HasPrefix(etag, `"`) || lastMod == "" {
				t.Fatalf("%s: ETag %q, Last-Modified %q", url, etag, lastMod)
			}
			var worldNewest time.Time
			for _, a := range published(t, st) {
				if a.Section.Slug == "world" && a.UpdatedAt.After(worldNewest) {
					worldNewest = a.UpdatedAt
				}
			}
			if lastMod != worldNewest.Format(http.TimeFormat) {
				t.Errorf("%s: Last-Modified %q, want %q", url, lastMod, worldNewest.Format(http.TimeFormat))
			}
			cases := []struct {
				header []string
				status int
			}{
				{[]string{"If-None-Match", etag}, 304},
				{[]string{"If-None-Match", `"other", ` + etag}, 304},
				{[]string{"If-None-Match", `"other"`}, 200},
				{[]string{"If-Modified-Since", lastMod}, 304},
				{[]string{"If-Modified-Since", worldNewest.Add(time.Hour).Format(http.TimeFormat)}, 304},
				{[]string{"If-Modified-Since", worldNewest.Add(-time.Second).Format(http.TimeFormat)}, 200},
				// If-None-Match wins over If-Modified-Since when both are sent.
				{[]string{"If-None-Match", `"other"`, "If-Modified-Since", lastMod}, 200},
			}
			for _, c := range cases {
				if resp, _ := get(t, url, c.header...); resp.StatusCode != c.status {
					t.Errorf("%s with %v: status %d, want %d", url, c.header, resp.StatusCode, c.status)
				}
			}
		}
	})
}

// TestFeedRoutes checks that every feed URL answers, that unknown ones are
// 404s, and that the two-segment section feed pattern leaves the literal
// routes beside it alone.
func TestFeedRoutes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		cases := []struct {
			path   string
			status int
		}{
			{"/feed.xml", 200}, {"/feed.atom", 200}, {"/feed.json", 200},
			{"/world/feed.xml", 200}, {"/local/feed.atom", 200}, {"/world/feed.json", 200},
			{"/author/ana-ortiz/feed.xml", 200}, {"/author/ben-adeyemi/feed.atom", 200}, {"/author/ana-ortiz/feed.json", 200},
			{"/tag/harbour/feed.xml", 200}, {"/tag/courts/feed.atom", 200}, {"/tag/harbour/feed.json", 200},
			{"/nowhere/feed.xml", 404}, {"/about/feed.xml", 404}, {"/world/feed.txt", 404},
			{"/author/nobody/feed.atom", 404}, {"/tag/nothing/feed.json", 404}, {"/author/ana-ortiz/feed", 404},
			{"/archive/2026", 200}, {"/archive/2026/11", 200}, {"/author/ana-ortiz", 200}, {"/tag/harbour", 200},
			{"/author/x", 404}, {"/tag/x", 404}, {"/world/", 301}, {"/world", 200},
		}
		for _, c := range cases {
			if resp, _ := get(t, ts.URL+c.path); resp.StatusCode != c.status {
				t.Errorf("GET %s: status %d, want %d", c.path, resp.StatusCode, c.status)
			}
		}
	})
}
