package site_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// demoServer serves the demo paper on SQLite over HTTP.
func demoServer(t *testing.T) string {
	t.Helper()
	url, _ := demoServerOn(t, dbtest.SQLite(t))
	return url
}

// demoServerOn loads the demo paper (seed 1, at t0) into st and serves it
// over HTTP until t ends; it returns the server's URL and the generator,
// which knows each article's template and the staff's addresses.
func demoServerOn(t *testing.T, st *store.Store) (string, *demo.Generator) {
	t.Helper()
	ctx := context.Background()
	dbtest.SetClock(st, t0)
	data := t.TempDir()
	g := demo.New(demo.Options{Seed: 1, Now: t0})
	if _, err := demo.Load(ctx, st, g, data); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: data}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(st, pub, log, server.Options{CacheBytes: 32 << 20})
	srv.SetReady(true)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts.URL, g
}

// screenshotDir is where the reader screenshots go: MASTHEAD_SCREENSHOTS, or
// a folder in the system's temporary directory that outlives the test, so
// that a person can look at them.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("MASTHEAD_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "masthead-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

var firstArticle = regexp.MustCompile(`href="(/[a-z-]+/\d{4}/\d{2}/\d{2}/[a-z0-9-]+)"`)

// TestReaderOnPhoneAndDesktop: at 360 px every section in the header is on
// the screen (not scrolled or cut off) and so is the way to search; in dark
// mode the page is dark and its pictures are shown as they are; every
// picture has its box reserved; and the home, section, article and search
// pages are photographed at a phone's and a desktop's width in both schemes.
func TestReaderOnPhoneAndDesktop(t *testing.T) {
	base := demoServer(t)
	_, home := fetch(t, base+"/")
	m := firstArticle.FindStringSubmatch(string(home))
	if m == nil {
		t.Fatal("the home page links to no article")
	}
	pages := map[string]string{"home": "/", "section": "/politics", "article": m[1], "search": "/search?q=harbour+council"}
	dir := screenshotDir(t)
	ctx := openBrowser(t)
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
			t.Fatal(err)
		}
		for _, width := range []int64{360, 1366} {
			do(t, ctx, chromedp.EmulateViewport(width, 1600))
			for _, name := range []string{"home", "section", "article", "search"} {
				do(t, ctx, chromedp.Navigate(base+pages[name]))
				// The first two screens of the page, as a reader arriving sees it.
				shotCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
				shot, err := chromedp.Run(shotCtx, chromedp.CaptureScreenshot())
				cancel()
				if err != nil {
					t.Fatalf("screenshot of %s at %d px, %s: %v", name, width, scheme, err)
				}
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", name, width, scheme)), shot, 0o644); err != nil {
					t.Fatal(err)
				}
				if n := eval[int](t, ctx, `[...document.querySelectorAll("main img")].filter(i => !i.getAttribute("width") || !i.getAttribute("height")).length`); n != 0 {
					t.Errorf("%s at %d px: %d pictures without a reserved box (width and height)", name, width, n)
				}
				if n := eval[int](t, ctx, `[...document.querySelectorAll("img")].filter(i => getComputedStyle(i).filter !== "none").length`); n != 0 {
					t.Errorf("%s in %s mode: %d pictures are filtered", name, scheme, n)
				}
				dark := eval[bool](t, ctx, `(() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
					return r + g + b < 150 })()`)
				if dark != (scheme == "dark") {
					t.Errorf("%s in %s mode: the page's background is dark: %v", name, scheme, dark)
				}
				if width != 360 {
					continue
				}
				// Every section link in the header, and search, within the screen and not hidden.
				off := eval[[]string](t, ctx, `[...document.querySelectorAll(".masthead .sections a, .masthead .search-link")].filter(a => {
					const r = a.getBoundingClientRect();
					return r.width === 0 || r.left < 0 || r.right > window.innerWidth || getComputedStyle(a).visibility === "hidden"
				}).map(a => a.textContent.trim())`)
				if len(off) > 0 {
					t.Errorf("%s at 360 px: %q are off the screen", name, off)
				}
				if n := eval[int](t, ctx, `document.querySelectorAll(".masthead .sections a").length`); n < 9 {
					t.Errorf("%s: the header has %d section links, want Home and the demo's 8 sections", name, n)
				}
				if wide := eval[bool](t, ctx, `document.documentElement.scrollWidth > window.innerWidth`); wide {
					t.Errorf("%s at 360 px scrolls sideways", name)
				}
			}
		}
	}
	t.Logf("screenshots of the home, section, article and search pages at 360 and 1366 px, light and dark: %s", dir)

	// On every section front at a desktop's width, the two stories under the
	// lead end level, near enough (their words; the grid stretches the boxes
	// alike), whether or not both have a picture: a
	// story without one used to leave a well of white beside its neighbour's.
	do(t, ctx, chromedp.EmulateViewport(1366, 1600), chromedp.Navigate(base+"/"))
	sections := eval[[]string](t, ctx, `[...document.querySelectorAll(".masthead .sections a")].map(a => a.getAttribute("href")).filter(h => h !== "/")`)
	mixed := 0
	for _, path := range sections {
		do(t, ctx, chromedp.Navigate(base+path))
		pair := eval[[]float64](t, ctx, `[...document.querySelectorAll(".index-front > :nth-child(2), .index-front > :nth-child(3)")].map(a => a.lastElementChild.getBoundingClientRect().bottom)`)
		pictures := eval[int](t, ctx, `document.querySelectorAll(".index-front > :nth-child(2) picture, .index-front > :nth-child(3) picture").length`)
		if pictures == 1 {
			mixed++
		}
		if len(pair) == 2 && math.Abs(pair[0]-pair[1]) > 120 {
			t.Errorf("%s at 1366 px: the two stories under the lead end %.0f px apart (%d of them with a picture)", path, math.Abs(pair[0]-pair[1]), pictures)
		}
	}
	if mixed == 0 {
		t.Error("no section front of the demo has one picture under its lead, so the test of that layout saw none")
	}
}
