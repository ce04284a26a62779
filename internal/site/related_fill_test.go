package site_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/site"
	"masthead/internal/store"
)

var relatedCards = regexp.MustCompile(`(?s)<section class="related".*?</section>`)
var cardLink = regexp.MustCompile(`<h3 class="teaser-headline"><a href="([^"]*)">`)

// TestRelatedFillsUpFromTheSection: on a young site, an article with no
// related stories still shows three, the section's latest, never itself.
func TestRelatedFillsUpFromTheSection(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		sec, au := newDesk(t, st, "Odds")
		// Words no two stories share, so none is related to another.
		words := []string{"aardvark", "bassoon", "cormorant", "dulcimer", "eiderdown"}
		var urls []string
		for _, w := range words {
			a := &news.Article{Headline: "The " + w, Status: news.Published, Section: sec, Authors: []news.Author{au},
				Body: blocks.Document{blocks.P(blocks.T("All about the " + w + "."))}}
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
			urls = append(urls, a.URL())
			clock.Advance(time.Hour)
		}
		s, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir()}, st,
			slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(s)
		defer ts.Close()
		for _, u := range []string{urls[4], urls[0]} { // the newest, then the oldest
			_, body := fetch(t, ts.URL+u)
			box := relatedCards.Find(body)
			var got []string
			for _, m := range cardLink.FindAllSubmatch(box, -1) {
				got = append(got, string(m[1]))
			}
			if len(got) != 3 {
				t.Fatalf("%s shows %d related stories %q, want 3", u, len(got), got)
			}
			seen := map[string]bool{}
			for _, g := range got {
				if g == u || seen[g] {
					t.Errorf("%s: related stories %q repeat a story or show the article itself", u, got)
				}
				seen[g] = true
			}
		}
	})
}
