package site_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/site"
	"masthead/internal/store"
)

var gifURL = regexp.MustCompile(`/media/r/[a-z0-9]+-\d+\.gif`)

// TestAnimatedPictureOnPages: an animated GIF from the media library as a
// lead image moves where the picture is shown large (the article, the front
// page's lead), stays still for a reader who asks for reduced motion, and
// stays still in cards.
func TestAnimatedPictureOnPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		lib, files, asset := uploadTestFile(t, st, "animated.gif", "loop.gif")
		asset.Alt = "Coloured squares appear in turn on red and blue"
		if err := st.UpdateAsset(ctx, &asset); err != nil {
			t.Fatal(err)
		}
		if _, err := lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		sec, au := newDesk(t, st, "Culture")
		a := &news.Article{Headline: "Squares in motion", Section: sec, Authors: []news.Author{au},
			Status: news.Published, LeadImage: &news.Image{Asset: asset.ID}}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir(), Media: files}, st,
			slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(pub)
		defer ts.Close()

		for path, sizes := range map[string]string{a.URL(): "(min-width: 48em) 46rem, 100vw", "/": "(min-width: 60em) 40rem, 100vw"} {
			_, page := get(t, ts.URL+path)
			for _, want := range []string{
				`<picture><source media="(prefers-reduced-motion: reduce)" type="image/webp" srcset="/media/r/`,
				`-400.webp 400w" sizes="` + sizes + `"><source media="(prefers-reduced-motion: reduce)" srcset="/media/r/`,
				`-400.jpg 400w" sizes="` + sizes + `"><img src="/media/r/`,
				`-400.gif" srcset="/media/r/`, `-320.gif 320w, /media/r/`, `-400.gif 400w" sizes="` + sizes + `" width="400" height="240"`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("%s lacks %s", path, want)
				}
			}
			for _, u := range gifURL.FindAllString(page, -1) {
				resp, body := get(t, ts.URL+u)
				if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/gif" || !strings.HasPrefix(body, "GIF89a") ||
					resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
					t.Errorf("%s: %d %q %q", u, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
				}
			}
		}
		_, front := get(t, ts.URL+sec.URL())
		if !strings.Contains(front, `class="teaser-image"`) || strings.Contains(front, ".gif") {
			t.Errorf("the section front's card is missing or moves")
		}
	})
}
