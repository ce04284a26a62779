package site_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"masthead/internal/browsertest"
	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/server"
	"masthead/internal/site"
)

var leadStoryLink = regexp.MustCompile(`<h2 class="lead-headline"><a href="([^"]+)"`)

// TestArticlePageWeightOnAPhone opens the demo front page's lead story in
// chromium as a 375-pixel-wide phone at twice the pixel density, and adds up
// the bytes it transfers: the page, its stylesheet and the pictures a reader
// sees without scrolling (lazy ones below stay unloaded).
func TestArticlePageWeightOnAPhone(t *testing.T) {
	ctx := browsertest.New(t)
	st := dbtest.SQLite(t)
	dbtest.SetClock(st, t0)
	data := t.TempDir()
	if _, err := demo.Load(context.Background(), st, demo.New(demo.Options{Seed: 1, Now: t0}), data); err != nil {
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
	defer ts.Close()
	_, home := get(t, ts.URL+"/")
	m := leadStoryLink.FindStringSubmatch(home)
	if m == nil {
		t.Fatal("the front page has no lead story")
	}

	var mu sync.Mutex
	urls := map[network.RequestID]string{}
	sizes := map[string]float64{}
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventResponseReceived:
			urls[ev.RequestID] = strings.TrimPrefix(ev.Response.URL, ts.URL)
		case *network.EventLoadingFinished:
			sizes[urls[ev.RequestID]] += ev.EncodedDataLength
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+m[1]),
		chromedp.Sleep(500e6),
	); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	var total float64
	var lines []string
	for u, n := range sizes {
		total += n
		lines = append(lines, u+": "+fmtKB(n))
	}
	sort.Strings(lines)
	t.Logf("article %s at 375 px (2x): %s transferred in %d responses\n%s", m[1], fmtKB(total), len(sizes), strings.Join(lines, "\n"))
	if total > 250_000 {
		t.Errorf("the article page transfers %s on a phone; the budget is 250 KB", fmtKB(total))
	}
}

func fmtKB(n float64) string { return strconv.FormatFloat(n/1000, 'f', 1, 64) + " KB" }
