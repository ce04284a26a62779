package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/site"
	"masthead/internal/store"
)

// TestDemoCommand fills a site of 500 generated articles on each engine and
// reads it as a reader would: every article saved, pages rendering, search
// finding generated stories, and related articles on the story's topic.
func TestDemoCommand(t *testing.T) {
	const n = 500
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			data := t.TempDir()
			dsn := filepath.Join(data, "masthead.db")
			if engine == "postgres" {
				dsn = dbtest.PostgresDSN(t)
			}
			args := []string{"demo", "--articles", "500", "--seed", "3", "--data", data, "--db", dsn}
			var stderr bytes.Buffer
			if status := run(context.Background(), args, &bytes.Buffer{}, &stderr); status != 0 {
				t.Fatalf("exit status %d; stderr: %s", status, stderr.String())
			}
			if !strings.Contains(stderr.String(), "saved 500/500 articles") {
				t.Errorf("stderr %q shows no progress", stderr.String())
			}
			ctx := context.Background()
			st, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			checkDemoSite(t, st, data, n)

			// A second run refuses the filled site and leaves it as it was.
			stderr.Reset()
			if status := run(ctx, args, &bytes.Buffer{}, &stderr); status != 1 {
				t.Errorf("second run: exit status %d, want 1", status)
			}
			if !strings.Contains(stderr.String(), "already has content") {
				t.Errorf("second run: stderr %q does not say the site has content", stderr.String())
			}
			if got := published(t, st); got != wantPublished(n) {
				t.Errorf("after the refused run: %d published articles, want %d", got, wantPublished(n))
			}
		})
	}
}

// wantPublished is how many of the demo's first n articles are published:
// the generator makes article i a draft when i%80 == 7 and withdraws it when
// i%120 == 59.
func wantPublished(n int) int {
	p := 0
	for i := range n {
		if i%80 != 7 && i%120 != 59 {
			p++
		}
	}
	return p
}

func published(t *testing.T, st *store.Store) int {
	t.Helper()
	list, err := st.Teasers(context.Background(), store.TeaserQuery{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func checkDemoSite(t *testing.T, st *store.Store, data string, n int) {
	t.Helper()
	ctx := context.Background()
	if got := published(t, st); got != wantPublished(n) {
		t.Errorf("%d published articles, want %d", got, wantPublished(n))
	}
	sections, err := st.Sections(ctx)
	if err != nil || len(sections) < 5 {
		t.Fatalf("%d sections (%v), want several", len(sections), err)
	}
	list, err := st.Teasers(ctx, store.TeaserQuery{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	authors, tags := map[int64]bool{}, 0
	oldest, newest := list[len(list)-1].PublishedAt, list[0].PublishedAt
	for _, a := range list {
		for _, au := range a.Authors {
			authors[au.ID] = true
		}
	}
	if len(authors) < 5 {
		t.Errorf("%d authors write the articles, want several", len(authors))
	}
	if newest.Sub(oldest).Hours() < 24*20 {
		t.Errorf("articles published from %s to %s: too close together", oldest, newest)
	}

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: data}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(pub)
	defer srv.Close()
	get := func(path string) string {
		t.Helper()
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Errorf("GET %s: %d", path, res.StatusCode)
		}
		return string(b)
	}
	if home := get("/"); !strings.Contains(home, "The Harbour Courier") {
		t.Error("the home page does not name the paper")
	}
	get("/" + sections[0].Slug)

	// Articles across the archive: each page renders with its headline and
	// lead picture, search finds it by the words of its headline, and the
	// page shows at least three related articles, nearly all sharing a tag
	// or the section; most of them come from the search engine itself.
	topical, relatedSeen, byEngine, sampled := 0, 0, 0, 0
	for i := 0; i < len(list); i += len(list) / 12 {
		sampled++
		a, err := st.ArticleByID(ctx, list[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		tags += len(a.Tags)
		page := get(a.URL())
		if !strings.Contains(page, "<h1") {
			t.Errorf("%s: no headline on the page", a.URL())
		}
		if a.LeadImage != nil {
			img := a.LeadImage.Src
			if res, err := http.Get(srv.URL + img); err != nil || res.StatusCode != 200 {
				t.Errorf("%s: lead picture %s does not load", a.URL(), img)
			} else {
				res.Body.Close()
			}
		}
		// Words of letters only: how "£26.1m" is cut into tokens is the
		// engines' business, not the generator's.
		var kept []string
		for _, w := range strings.FieldsFunc(a.Headline, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if strings.IndexFunc(w, unicode.IsDigit) < 0 {
				kept = append(kept, w)
			}
		}
		words := strings.Join(kept, " ")
		res, err := st.Search(ctx, store.SearchQuery{Text: words, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if !hasHit(res, a.ID) {
			t.Errorf("searching for %q does not find it (%d hits)", words, res.Total)
		}
		if !strings.Contains(get("/search?q="+url.QueryEscape(words)), a.URL()) {
			t.Errorf("the search page for %q does not link to %s", words, a.URL())
		}
		rel, err := st.Related(ctx, a.ID, 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(rel) >= 3 {
			byEngine++
		}
		_, shown, _ := strings.Cut(page, `id="related-heading"`)
		links := relatedLink.FindAllStringSubmatch(shown, -1)
		if len(links) < 3 {
			t.Errorf("%s shows %d related articles, want at least 3", a.URL(), len(links))
		}
		for _, l := range links {
			relatedSeen++
			ra, err := st.ArticleBySlug(ctx, path.Base(l[1]))
			if err != nil {
				t.Fatal(err)
			}
			if sharesTopic(a, ra) {
				topical++
			} else {
				t.Logf("%q is related to %q, which shares no tag or section", a.Headline, ra.Headline)
			}
		}
	}
	if topical*10 < relatedSeen*8 {
		t.Errorf("only %d of %d related articles share a tag or the section", topical, relatedSeen)
	}
	// More than half: with a standfirst of its own for every headline
	// (2026-12-06) a story's salient words are more its own and fewer of
	// them are shared, and 8 of 13 sampled stories of seed 3 have three
	// related ones from the engine (at least 9 before); the page still shows
	// three, nearly all on the story's topic, as the checks above require.
	if byEngine*2 <= sampled {
		t.Errorf("the search engine found 3 related articles for only %d of %d articles", byEngine, sampled)
	}
	if tags == 0 {
		t.Error("the articles have no tags")
	}
}

var relatedLink = regexp.MustCompile(`class="teaser-headline"><a href="([^"]+)"`)

func hasHit(res store.SearchResult, id int64) bool {
	for _, h := range res.Hits {
		if h.ID == id {
			return true
		}
	}
	return false
}

func sharesTopic(a, b news.Article) bool {
	if a.Section.ID == b.Section.ID {
		return true
	}
	for _, x := range a.Tags {
		for _, y := range b.Tags {
			if x.ID == y.ID {
				return true
			}
		}
	}
	return false
}

func TestDemoCommandErrors(t *testing.T) {
	cases := []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"demo", "--articles", "0"}, 2, "--articles 0: give a number from 1 to 10000000"},
		{[]string{"demo", "--articles", "many"}, 2, "invalid value"},
		{[]string{"demo", "--seed", "x"}, 2, "invalid value"},
		{[]string{"demo", "extra"}, 2, `unexpected argument "extra"`},
	}
	for _, c := range cases {
		var stderr bytes.Buffer
		args := append(c.args, "--data", t.TempDir())
		if status := run(context.Background(), args, &bytes.Buffer{}, &stderr); status != c.status {
			t.Errorf("%v: exit status %d, want %d; stderr: %s", c.args, status, c.status, stderr.String())
		}
		if !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: stderr %q does not say %q", c.args, stderr.String(), c.want)
		}
	}
}
