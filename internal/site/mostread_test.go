package site_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/site"
	"masthead/internal/store"
)

// TestMostReadWorkedOutOnce: when many readers ask for article pages while
// the node has no most-read lists (at its start, or after a change dropped
// them), one render sums the views and the others wait for its lists; they
// used to all sum them at once, which stalled a node's first seconds.
func TestMostReadWorkedOutOnce(t *testing.T) {
	dbtest.EachCounted(t, func(t *testing.T, st *store.Store, c *dbtest.Counter) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		sec := news.Section{Name: "Local", Position: 1}
		if err := st.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		au := news.Author{Name: "Ana Ortiz"}
		if err := st.CreateAuthor(ctx, &au); err != nil {
			t.Fatal(err)
		}
		a := &news.Article{Headline: "Ferry timetable cut", Status: news.Published, Section: sec, Authors: []news.Author{au},
			Body: blocks.Document{blocks.P(blocks.T("Crossings lose money."))}}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		s, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir()}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		get := func() {
			w := httptest.NewRecorder()
			s.ServeHTTP(w, httptest.NewRequest("GET", a.URL(), nil))
			if w.Code != 200 {
				t.Errorf("GET %s: %d", a.URL(), w.Code)
			}
		}
		get()
		// Any change drops the lists.
		if err := st.CreateSection(ctx, &news.Section{Name: "Sport", Position: 2}); err != nil {
			t.Fatal(err)
		}
		c.Reset()
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(get)
		}
		wg.Wait()
		sums := 0
		for _, q := range c.Statements() {
			if strings.Contains(q, "article_views") {
				sums++
			}
		}
		if sums != 2 {
			t.Errorf("20 renders at once summed the views %d times; want 2 (the day's list and the week's, once)", sums)
		}
	})
}
