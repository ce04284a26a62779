package site_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

var mediaURL = regexp.MustCompile(`/media/r/[a-z0-9]+-\d+\.(?:jpg|webp)`)

// TestLibraryPictureOnPages uploads a camera JPEG (with GPS EXIF) to the
// media library, makes its renditions, uses it as a lead image, and checks
// what a reader gets: <picture> with WebP and JPEG srcsets, size set, eager
// and high priority at the top of an article, lazy in cards; renditions with
// a year's immutable caching and no metadata; the original nowhere.
func TestLibraryPictureOnPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		files, err := media.NewDisk(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		lib := media.New(st, files, media.Options{})
		orig, err := os.ReadFile("../media/testdata/gps.jpg")
		if err != nil {
			t.Fatal(err)
		}
		asset, err := lib.Ingest(ctx, bytes.NewReader(orig), "IMG_0001.JPG")
		if err != nil {
			t.Fatal(err)
		}
		sec := news.Section{Name: "World"}
		au := news.Author{Name: "Ana Ortiz"}
		if err := st.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateAuthor(ctx, &au); err != nil {
			t.Fatal(err)
		}
		a := &news.Article{Headline: "Cranes at dawn", Section: sec, Authors: []news.Author{au},
			Status: news.Published, LeadImage: &news.Image{Asset: asset.ID}}
		// No alt text yet, in the library or the article: no publishing.
		if err := st.SaveArticle(ctx, a); news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), "alt text") {
			t.Fatalf("publishing with a picture without alt text: %v", err)
		}
		a.Status = news.Draft
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatalf("a draft may wait for alt text: %v", err)
		}
		asset.Alt, asset.Credit = "Two cranes against a pink sky", "Photo: Ana Ortiz"
		if err := st.UpdateAsset(ctx, &asset); err != nil {
			t.Fatal(err)
		}
		a.Status, a.LeadImage = news.Published, &news.Image{Asset: asset.ID}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatalf("publishing once the library has alt text: %v", err)
		}

		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir(), Media: files}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		// Through the node's page cache, as readers get it: the page cached
		// before the renditions existed must be dropped when they are made.
		srv := server.New(st, pub, log, server.Options{CacheBytes: 8 << 20})
		defer srv.Close()
		srv.SetReady(true)
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()

		// Before the worker has run there is nothing to serve: no picture.
		for _, path := range []string{a.URL(), sec.URL()} {
			if _, page := get(t, ts.URL+path); strings.Contains(page, "<picture>") || strings.Contains(page, `class="lead-image"`) {
				t.Errorf("%s: a picture is shown before its renditions exist", path)
			}
		}
		if _, err := lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		resp, page := get(t, ts.URL+a.URL())
		if resp.StatusCode != 200 {
			t.Fatalf("article: %d", resp.StatusCode)
		}
		for _, want := range []string{
			`<picture><source type="image/webp" srcset="/media/r/`, `-64.webp 64w" sizes="(min-width: 48em) 46rem, 100vw">`,
			`.jpg" srcset="/media/r/`, `width="64" height="96" alt="Two cranes against a pink sky" loading="eager" fetchpriority="high"`,
			`<small class="credit">Photo: Ana Ortiz</small>`,
			`<meta property="og:image" content="http://news.example/media/r/`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("the article page lacks %s", want)
			}
		}
		_, front := get(t, ts.URL+sec.URL())
		if !strings.Contains(front, `<picture><source type="image/webp"`) || !strings.Contains(front, `class="teaser-image"`) ||
			!strings.Contains(front, `loading="lazy"`) {
			t.Errorf("the section front's card lacks a lazy <picture>")
		}
		urls := mediaURL.FindAllString(page+front, -1)
		if len(urls) < 4 {
			t.Fatalf("only %d rendition URLs on the pages", len(urls))
		}
		for _, u := range urls {
			resp, body := get(t, ts.URL+u)
			want := "image/jpeg"
			if strings.HasSuffix(u, ".webp") {
				want = "image/webp"
			}
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want ||
				resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
				t.Errorf("%s: %d %q %q", u, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
			}
			for _, m := range []string{"Exif", "GPS", "xmpmeta", "8BIM"} {
				if strings.Contains(body, m) {
					t.Errorf("%s serves %q", u, m)
				}
			}
		}
		key, err := st.AssetOriginalKey(ctx, asset.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/media/" + key, "/media/originals/x.jpg", "/media/r/none-1.jpg", "/media/r/..%2Fx"} {
			if resp, _ := get(t, ts.URL+path); resp.StatusCode != 404 {
				t.Errorf("%s: %d, want 404", path, resp.StatusCode)
			}
		}
		if strings.Contains(page+front, key) {
			t.Errorf("a page names the original %s", key)
		}
	})
}
