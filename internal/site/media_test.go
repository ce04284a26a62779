package site_test

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

var mediaURL = regexp.MustCompile(`/media/r/[a-z0-9]+-\d+\.(?:jpg|webp)`)

// uploadPicture puts a picture into a fresh media library on disk, as an
// upload would, and returns the library, its storage and the pending asset.
func uploadPicture(t *testing.T, st *store.Store, o media.Options, r io.Reader, name string) (*media.Library, *media.Disk, news.Asset) {
	t.Helper()
	files, err := media.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	lib := media.New(st, files, o)
	asset, err := lib.Ingest(context.Background(), r, name)
	if err != nil {
		t.Fatal(err)
	}
	return lib, files, asset
}

// uploadTestFile is uploadPicture of a file in internal/media/testdata.
func uploadTestFile(t *testing.T, st *store.Store, file, name string) (*media.Library, *media.Disk, news.Asset) {
	t.Helper()
	orig, err := os.ReadFile("../media/testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	return uploadPicture(t, st, media.Options{}, bytes.NewReader(orig), name)
}

// newDesk makes a section and a byline to publish under.
func newDesk(t *testing.T, st *store.Store, section string) (news.Section, news.Author) {
	t.Helper()
	sec := news.Section{Name: section}
	au := news.Author{Name: "Ana Ortiz"}
	if err := st.CreateSection(context.Background(), &sec); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateAuthor(context.Background(), &au); err != nil {
		t.Fatal(err)
	}
	return sec, au
}

// TestLibraryPictureOnPages uploads a camera JPEG (with GPS EXIF) to the
// media library, makes its renditions, uses it as a lead image, and checks
// what a reader gets: <picture> with WebP and JPEG srcsets, size set, eager
// and high priority at the top of an article, lazy in cards; renditions with
// a year's immutable caching and no metadata; the original nowhere.
func TestLibraryPictureOnPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		lib, files, asset := uploadTestFile(t, st, "gps.jpg", "IMG_0001.JPG")
		sec, au := newDesk(t, st, "World")
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

// TestLibraryPictureInTheBody: a picture from the media library in an
// article's body is served as a lazy <picture> with WebP and JPEG srcsets
// and its size, as wide as the column; nothing shows until its renditions
// exist; and the page cached before, or before an edit to the picture's
// alt text in the library, is dropped, through the node's page cache.
func TestLibraryPictureInTheBody(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		var jpg bytes.Buffer
		if err := jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 800, 450)), nil); err != nil {
			t.Fatal(err)
		}
		lib, files, asset := uploadPicture(t, st, media.Options{Widths: []int{320, 640, 960}, Crops: []media.Crop{}}, &jpg, "quay.jpg")
		asset.Alt = "The old quay at low tide"
		if err := st.UpdateAsset(ctx, &asset); err != nil {
			t.Fatal(err)
		}
		sec, au := newDesk(t, st, "Harbour")
		a := &news.Article{Headline: "Quay repairs begin", Section: sec, Authors: []news.Author{au}, Status: news.Published,
			Body: blocks.Document{blocks.P(blocks.T("Work starts on Monday.")),
				blocks.AssetImage(asset.ID, "", "The quay before the repairs.", "Photo: Ben Adeyemi"),
				blocks.P(blocks.T("It will take a year."))}}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}

		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir(), Media: files}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := server.New(st, pub, log, server.Options{CacheBytes: 8 << 20})
		defer srv.Close()
		srv.SetReady(true)
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()

		if _, page := get(t, ts.URL+a.URL()); strings.Contains(page, "<picture>") || strings.Contains(page, `class="image"`) ||
			!strings.Contains(page, "It will take a year.") {
			t.Errorf("the body shows a picture before its renditions exist")
		}
		if _, err := lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		resp, page := get(t, ts.URL+a.URL())
		if resp.StatusCode != 200 {
			t.Fatalf("article: %d", resp.StatusCode)
		}
		body := page[strings.Index(page, `<div class="body">`):]
		picture := regexp.MustCompile(`<figure class="image"><picture><source type="image/webp" srcset="(/media/r/[a-z0-9]+-320\.webp 320w, /media/r/[a-z0-9]+-640\.webp 640w, /media/r/[a-z0-9]+-800\.webp 800w)" sizes="\(min-width: 48em\) 46rem, 100vw">` +
			`<img src="/media/r/[a-z0-9]+-800\.jpg" srcset="/media/r/[a-z0-9]+-320\.jpg 320w, /media/r/[a-z0-9]+-640\.jpg 640w, /media/r/[a-z0-9]+-800\.jpg 800w" sizes="\(min-width: 48em\) 46rem, 100vw" ` +
			`width="800" height="450" alt="The old quay at low tide" loading="lazy" decoding="async"></picture>` +
			`<figcaption>The quay before the repairs\. <small class="credit">Photo: Ben Adeyemi</small></figcaption></figure>`)
		m := picture.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("the body lacks the picture:\n%s", body)
		}
		for _, u := range mediaURL.FindAllString(m[0], -1) {
			if resp, _ := get(t, ts.URL+u); resp.StatusCode != 200 {
				t.Errorf("%s: %d", u, resp.StatusCode)
			}
		}
		// The lead picture's sizes and the body's are the same column.
		if !strings.Contains(page, `sizes="`+blocks.ColumnSizes+`"`) {
			t.Errorf("the page does not use blocks.ColumnSizes")
		}

		// A new alt text in the library reaches the cached page.
		if n, _ := srv.Cache().Len(); n == 0 {
			t.Fatal("the article page is not in the node's cache")
		}
		asset, _ = st.Asset(ctx, asset.ID)
		asset.Alt = "The old quay wall at low tide, its stones loose"
		if err := st.UpdateAsset(ctx, &asset); err != nil {
			t.Fatal(err)
		}
		if _, page := get(t, ts.URL+a.URL()); !strings.Contains(page, `alt="The old quay wall at low tide, its stones loose" loading="lazy"`) {
			t.Errorf("the page still has the old alt text after the library's changed")
		}
	})
}
