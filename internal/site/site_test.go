package site_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/site"
	"masthead/internal/store"
)

var t0 = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// newsroom fills a store with a small paper and returns a server for it.
func newsroom(t testing.TB, st *store.Store) (*httptest.Server, *site.Site) {
	t.Helper()
	ctx := context.Background()
	clock := dbtest.SetClock(st, t0)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.SetSetting(ctx, "site.name", "The Test Courier"))
	world := news.Section{Name: "World", Description: "News from abroad.", Position: 1}
	local := news.Section{Name: "Local", Position: 0}
	must(st.CreateSection(ctx, &world))
	must(st.CreateSection(ctx, &local))
	ana := news.Author{Name: "Ana Ortiz", Bio: "Ana covers courts.", Email: "ana.secret@courier.example"}
	ben := news.Author{Name: "Ben Adeyemi", Bio: "Ben covers the port.", Email: "ben.secret@courier.example"}
	must(st.CreateAuthor(ctx, &ana))
	must(st.CreateAuthor(ctx, &ben))
	must(st.CreatePage(ctx, &news.Page{Title: "About us", Slug: "about", Published: true, InFooter: true,
		Body: blocks.Document{blocks.P(blocks.T("We are a newspaper."))}}))
	mk := func(headline string, sec news.Section, status news.Status, authors ...news.Author) *news.Article {
		a := &news.Article{Headline: headline, Standfirst: "Standfirst of " + headline, Status: status,
			Section: sec, Authors: authors, Tags: []news.Tag{{Name: "Harbour"}, {Name: "Courts"}},
			Body: blocks.Document{blocks.P(blocks.T("The harbour court heard the case of the cranes."),
				blocks.B(" Bold"), blocks.L(" link", "https://court.example/"))}}
		must(st.SaveArticle(ctx, a))
		clock.Advance(time.Hour)
		return a
	}
	mk("Harbour cranes case opens", world, news.Published, ana)
	mk("Cranes case: day two", world, news.Published, ben)
	mk("Local cranes fans rally", local, news.Published, ana)
	lead := mk("Russia’s court rules on the “cranes” — at last…", world, news.Published, ana, ben)
	lead.Sources = []news.Source{{Name: "The ruling", URL: "https://court.example/ruling", Note: "42 pages"}}
	lead.Notes = []news.Note{{Kind: news.Correction, At: t0.Add(5 * time.Hour), Text: "We misnamed the judge."}}
	lead.LeadImage = &news.Image{Src: "/media/demo/x.jpg", Width: 1200, Height: 675, Alt: "Cranes at dusk",
		Caption: "The cranes at the centre of the case.", Credit: "Photograph: Ana Ortiz"}
	must(st.SaveArticle(ctx, lead))
	mk("A draft nobody may see", world, news.Draft, ana)
	gone := mk("Withdrawn story", world, news.Published, ben)
	gone.Status = news.Unpublished
	must(st.SaveArticle(ctx, gone))
	renamed := mk("Old headline", local, news.Published, ben)
	renamed.Slug = "new-headline"
	must(st.SaveArticle(ctx, renamed))

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir()}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, s
}

func TestPublicPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		leadURL := "/world/2026/11/20/russias-court-rules-on-the-cranes-at-last"
		cases := []struct {
			path     string
			status   int
			want     []string
			wantNot  []string
			location string
		}{
			{path: "/", status: 200, want: []string{`<h1 class="brand"><a href="/">The Test Courier</a></h1>`,
				"Russia’s court rules on the “cranes” — at last…", `fetchpriority="high"`, "Harbour cranes case opens",
				`href="/world"`, `<link rel="canonical" href="http://news.example/">`,
				`<h2 id="front-world" class="rule-heading"><a href="/world">World</a></h2>`},
				wantNot: []string{"A draft nobody may see", "Withdrawn story"}},
			{path: leadURL, status: 200, want: []string{
				"<title>Russia’s court rules on the “cranes” — at last… | World | The Test Courier</title>",
				"<h1>Russia’s court rules on the “cranes” — at last…</h1>",
				`<a rel="author" href="/author/ana-ortiz">Ana Ortiz</a> and <a rel="author" href="/author/ben-adeyemi">Ben Adeyemi</a>`,
				`<time datetime="2026-11-20T12:30:00Z">`, `<figure class="lead-image">`,
				"The cranes at the centre of the case.", `<small class="credit">Photograph: Ana Ortiz</small>`,
				`<a href="https://court.example/ruling" rel="noopener">The ruling</a>: 42 pages`,
				"Correction</strong>", "We misnamed the judge.", `href="/tag/harbour"`,
				`<meta name="description" content="Standfirst of Russia’s court`,
				`<link rel="canonical" href="http://news.example` + leadURL + `">`,
				`id="related-heading"`, "Harbour cranes case opens", "<strong> Bold</strong>"},
				wantNot: []string{"secret@", "A draft nobody may see"}},
			{path: "/world", status: 200, want: []string{"<h1>World</h1>", "News from abroad.", "Cranes case: day two",
				`title="World | The Test Courier (RSS)" href="http://news.example/world/feed.xml">`,
				`title="The Test Courier (Atom)" href="http://news.example/feed.atom">`},
				wantNot: []string{"Local cranes fans rally", "Withdrawn story"}},
			{path: "/world?page=2", status: 404},
			{path: "/world?page=abc", status: 400, want: []string{"not a whole number"}},
			{path: "/world/", status: 301, location: "/world"},
			{path: "/author/ana-ortiz", status: 200, want: []string{"<h1>Ana Ortiz</h1>", "Ana covers courts.",
				`href="http://news.example/author/ana-ortiz/feed.json"`,
				"Harbour cranes case opens"}, wantNot: []string{"ana.secret", "Cranes case: day two"}},
			{path: "/tag/harbour", status: 200, want: []string{"<h1>Harbour</h1>", "Local cranes fans rally",
				`href="http://news.example/tag/harbour/feed.xml"`}},
			{path: "/archive/2026", status: 200, want: []string{`<a href="/archive/2026/11">November</a>`, "5 articles"}},
			{path: "/archive/2026/11", status: 200, want: []string{"November 2026", "Cranes case: day two"}},
			{path: "/archive/2026/11/20", status: 200, want: []string{"Friday 20 November 2026", "Harbour cranes case opens"}},
			{path: "/archive/2026/11/21", status: 200, want: []string{"Nothing has been published here yet."}},
			{path: "/archive/2026/13", status: 400},
			{path: "/archive/2026/02/30", status: 404},
			{path: "/archive/1999", status: 404},
			{path: "/about", status: 200, want: []string{"<h1>About us</h1>", "We are a newspaper."}},
			{path: "/world/2026/11/20/a-draft-nobody-may-see", status: 404},
			{path: "/world/2026/11/20/withdrawn-story", status: 410, want: []string{"withdrawn"}},
			{path: "/local/2026/11/20/old-headline", status: 301, location: "/local/2026/11/20/new-headline"},
			{path: "/local/1999/01/01/new-headline", status: 301, location: "/local/2026/11/20/new-headline"},
			{path: "/world/2026/11/20/new-headline", status: 301, location: "/local/2026/11/20/new-headline"},
			{path: "/no-such-section", status: 404, want: []string{"We can’t find that page"}},
			{path: "/author/nobody", status: 404},
			{path: "/media/demo/..%2fsecret", status: 404},
		}
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		for _, c := range cases {
			resp, err := client.Get(ts.URL + c.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status {
				t.Errorf("GET %s: status %d, want %d", c.path, resp.StatusCode, c.status)
				continue
			}
			if c.location != "" && resp.Header.Get("Location") != c.location {
				t.Errorf("GET %s: Location %q, want %q", c.path, resp.Header.Get("Location"), c.location)
			}
			for _, w := range c.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("GET %s: missing %q", c.path, w)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(string(body), w) {
					t.Errorf("GET %s: must not contain %q", c.path, w)
				}
			}
		}
	})
}

func TestArticleHasOneH1(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		for _, path := range []string{"/", "/world", "/world/2026/11/20/harbour-cranes-case-opens", "/about", "/nowhere"} {
			_, body := fetch(t, ts.URL+path)
			if n := strings.Count(string(body), "<h1"); n != 1 {
				t.Errorf("%s has %d <h1> elements, want exactly 1", path, n)
			}
		}
	})
}

func TestFrontPageShowsTheLeadOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		_, body := fetch(t, ts.URL+"/")
		lead := `href="/world/2026/11/20/russias-court-rules-on-the-cranes-at-last"`
		if n := strings.Count(string(body), lead); n != 1 {
			t.Errorf("the lead story is linked %d times on the front page, want once", n)
		}
	})
}

// fetch GETs url and returns the status and the body as bytes.
func fetch(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}
