package site_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"masthead/internal/blocks"
	"masthead/internal/browsertest"
	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// embedsPath is the article privacySite adds with one embed per provider.
const embedsPath = "/world/2026/11/20/six-ways-to-see-the-harbour"

// providerHosts are the hosts the embeds of embedsPath would load from.
var providerHosts = []string{"www.youtube-nocookie.com", "player.vimeo.com", "platform.twitter.com",
	"www.instagram.com", "www.tiktok.com", "datawrapper.dwcdn.net"}

// privacySite serves the demo paper on SQLite through the whole server (its
// security headers included), with purposes turned on as given, and an
// article with one embed of each kind.
func privacySite(t *testing.T, purposes string) (string, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st := dbtest.SQLite(t)
	dbtest.SetClock(st, t0)
	data := t.TempDir()
	if _, err := demo.Load(ctx, st, demo.New(demo.Options{Seed: 1, Now: t0}), data); err != nil {
		t.Fatal(err)
	}
	if purposes != "" {
		must(t, st.SetSetting(ctx, "privacy.purposes", purposes))
		must(t, st.SetSetting(ctx, "privacy.policy_version", "2026-12"))
	}
	world, err := st.SectionBySlug(ctx, "world")
	if err != nil {
		t.Fatal(err)
	}
	authors, err := st.Authors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := &news.Article{Headline: "Six ways to see the harbour", Standfirst: "Videos and posts from six places.",
		Status: news.Published, Section: world, Authors: authors[:1], PublishedAt: t0.Add(-time.Hour), Body: blocks.Document{
			blocks.P(blocks.T("The harbour, as others saw it this week.")),
			blocks.Embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "The harbour from the air"),
			blocks.Embed("https://vimeo.com/123456789", "Tide time-lapse"),
			blocks.Embed("https://x.com/courier/status/1234567890", "The harbour master’s post"),
			blocks.Embed("https://www.instagram.com/p/Cx1abc/", "A reader’s picture"),
			blocks.Embed("https://www.tiktok.com/@courier/video/7312345678901234567", "Crane dance"),
			blocks.Embed("https://datawrapper.dwcdn.net/Tide7/1/", "Tide chart"),
			blocks.P(blocks.T("The text of the article goes on below the embeds.")),
		}}
	must(t, st.SaveArticle(ctx, a))
	if a.URL() != embedsPath {
		t.Fatalf("embeds article at %s, want %s", a.URL(), embedsPath)
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
	return ts.URL, st
}

// requestLog records the URL of every request the browser's page makes.
type requestLog struct {
	mu   sync.Mutex
	urls []string
}

// watchRequests starts recording. The tab must exist first: the caller
// navigates to about:blank before.
func watchRequests(ctx context.Context) *requestLog {
	l := &requestLog{}
	events := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			l.mu.Lock()
			l.urls = append(l.urls, ev.Request.URL)
			l.mu.Unlock()
		}
	}()
	return l
}

// to returns the requests made so far to host.
func (l *requestLog) to(host string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, u := range l.urls {
		if p, err := url.Parse(u); err == nil && p.Host == host {
			out = append(out, u)
		}
	}
	return out
}

// elsewhere returns the requests made so far to any host but base's.
func (l *requestLog) elsewhere(base string) []string {
	b, _ := url.Parse(base)
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, u := range l.urls {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "data" && p.Host != b.Host) {
			out = append(out, u)
		}
	}
	return out
}

// openBrowser starts chromium with a blank tab. The tab belongs to the
// returned context, so the shorter contexts of do never own it.
func openBrowser(t *testing.T) context.Context {
	t.Helper()
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// do runs browser actions, failing the test at the line that called it if
// they take more than a minute (a busy 2-core machine is slow, not broken).
func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// clickJS clicks the first element matching a CSS selector from script.
func clickJS(selector string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`document.querySelector(` + strconv.Quote(selector) + `).click()`)
}

// waitFor waits until a JavaScript condition holds in the page. It asks
// again after an error, as right after a navigation the page's old
// JavaScript context may still be the one a query goes to.
func waitFor(condition string) chromedp.Action[chromedp.Void] {
	check := chromedp.Evaluate[bool]("!!(" + condition + ")")
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		for {
			ok, err := check(ctx, tg)
			if err == nil && ok {
				return chromedp.Void{}, nil
			}
			select {
			case <-ctx.Done():
				return chromedp.Void{}, fmt.Errorf("waiting for %s: %w (last error: %v)", condition, ctx.Err(), err)
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
}

const (
	bannerShown  = `!document.getElementById("consent").hidden`
	bannerHidden = `document.getElementById("consent").hidden`
	// choiceSaved holds once the server has answered the latest choice.
	choiceSaved = `!!(JSON.parse(localStorage.getItem("masthead.consent") || "{}").id)`
)

// choose presses one of the banner's buttons (reject, accept or save) and
// waits until the choice is recorded. It clicks from script: once a
// provider's frame is on the page, the protocol's synthetic mouse events
// can go to that frame's process and never reach the button. The mouse and
// the keyboard are tested where no frame is loaded yet.
func choose(t *testing.T, ctx context.Context, button string) {
	t.Helper()
	do(t, ctx, waitFor(bannerShown), clickJS(`#consent button[data-consent="`+button+`"]`),
		waitFor(bannerHidden), waitFor(choiceSaved))
}

// settle gives the page's scripts and the requests they start a moment.
func settle(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, chromedp.Sleep(300*time.Millisecond))
}

func cookies(t *testing.T, ctx context.Context) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	res, err := chromedp.CallBrowser(ctx, storage.GetCookies, storage.GetCookiesParams{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range res.Cookies {
		out = append(out, c.Domain+": "+c.Name)
	}
	return out
}

// storedChoice is the reader's choice as the consent script keeps it.
func storedChoice(t *testing.T, ctx context.Context) []string {
	t.Helper()
	raw := eval[string](t, ctx, `localStorage.getItem("masthead.consent") || ""`)
	if raw == "" {
		return nil
	}
	var c struct{ Purposes []string }
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		t.Fatal(err)
	}
	return append([]string{}, c.Purposes...)
}

// With embeds turned on, nothing is fetched from any provider before the
// reader chooses or after "Reject all"; "Load this video" loads that one
// embed only; "Accept all" loads them all; withdrawing takes them away.
func TestEmbedsWaitForConsent(t *testing.T) {
	base, st := privacySite(t, "embeds")
	ctx := openBrowser(t)
	reqs := watchRequests(ctx)
	do(t, ctx, chromedp.Navigate(base+embedsPath), waitFor(bannerShown))
	settle(t, ctx)
	if n := eval[int](t, ctx, `document.querySelectorAll("iframe").length`); n != 0 {
		t.Errorf("%d iframes before a choice", n)
	}
	for _, h := range providerHosts {
		if r := reqs.to(h); len(r) > 0 {
			t.Errorf("before a choice, requests to %s: %v", h, r)
		}
	}
	if c := storedChoice(t, ctx); c != nil {
		t.Errorf("a choice is stored before the reader made one: %v", c)
	}

	do(t, ctx, chromedp.Click(chromedp.CSS(`#consent button[data-consent="reject"]`)), waitFor(bannerHidden), waitFor(choiceSaved))
	settle(t, ctx)
	do(t, ctx, chromedp.Reload(), waitFor(`document.querySelector("figure.embed .embed-consent")`))
	settle(t, ctx)
	if v := eval[bool](t, ctx, `document.getElementById("consent").hidden`); !v {
		t.Error("the banner came back after the reader rejected all")
	}
	for _, h := range providerHosts {
		if r := reqs.to(h); len(r) > 0 {
			t.Errorf("after Reject all, requests to %s: %v", h, r)
		}
	}
	if c := storedChoice(t, ctx); c == nil || len(c) != 0 {
		t.Errorf("stored choice after Reject all = %v, want []", c)
	}

	// This embed only.
	do(t, ctx, clickJS(`figure.embed[data-provider="YouTube"] .embed-consent button`))
	settle(t, ctx)
	if src := eval[string](t, ctx, `(document.querySelector("figure.embed[data-provider=YouTube] iframe") || {}).src || ""`); src != "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" {
		t.Errorf("the YouTube embed loaded %q", src)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("iframe").length`); n != 1 {
		t.Errorf("%d iframes after loading one embed, want 1", n)
	}
	if len(reqs.to("www.youtube-nocookie.com")) == 0 {
		t.Error("loading the YouTube embed made no request to youtube-nocookie.com")
	}
	if r := reqs.to("player.vimeo.com"); len(r) > 0 {
		t.Errorf("loading one embed also fetched Vimeo: %v", r)
	}

	// Always: from the footer's Privacy choices link, Accept all.
	do(t, ctx, clickJS(`a[data-privacy-choices]`))
	choose(t, ctx, "accept")
	settle(t, ctx)
	if n := eval[int](t, ctx, `document.querySelectorAll("iframe").length`); n != len(providerHosts) {
		t.Errorf("%d iframes after Accept all, want %d", n, len(providerHosts))
	}
	for _, h := range providerHosts {
		if len(reqs.to(h)) == 0 {
			t.Errorf("after Accept all, no request to %s", h)
		}
	}
	// Withdrawing is as easy: the same link, Reject all.
	do(t, ctx, clickJS(`a[data-privacy-choices]`))
	choose(t, ctx, "reject")
	settle(t, ctx)
	if n := eval[int](t, ctx, `document.querySelectorAll("iframe").length`); n != 0 {
		t.Errorf("%d iframes after withdrawing, want 0", n)
	}
	if c := cookies(t, ctx); len(c) != 0 {
		t.Errorf("cookies: %v", c)
	}
	// A new version of the policy asks again, and loads nothing meanwhile,
	// even for a reader who had accepted all.
	do(t, ctx, clickJS(`a[data-privacy-choices]`))
	choose(t, ctx, "accept")
	must(t, st.SetSetting(context.Background(), "privacy.policy_version", "2027-01"))
	do(t, ctx, chromedp.Reload(), waitFor(bannerShown))
	settle(t, ctx)
	if n := eval[int](t, ctx, `document.querySelectorAll("iframe").length`); n != 0 {
		t.Errorf("%d iframes under a new policy version before a new choice", n)
	}
	// "Always load" on a placeholder is a choice too: it answers the banner.
	do(t, ctx, clickJS(`figure.embed[data-provider="Vimeo"] .embed-consent button:last-of-type`),
		waitFor(bannerHidden), waitFor(choiceSaved))
	settle(t, ctx)
	if n := eval[int](t, ctx, `document.querySelectorAll("iframe").length`); n != len(providerHosts) {
		t.Errorf("%d iframes after Always load, want %d", n, len(providerHosts))
	}
	if c := storedChoice(t, ctx); strings.Join(c, ",") != "embeds" {
		t.Errorf("after Always load, the browser keeps %v", c)
	}
	got, err := st.Consents(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	// The store's clock stands still in tests, so the three share a time.
	var record []string
	for _, c := range got {
		record = append(record, strings.Join(c.Purposes, "+")+"@"+c.PolicyVersion)
	}
	slices.Sort(record)
	if strings.Join(record, " ") != "@2026-12 @2026-12 embeds@2026-12 embeds@2026-12 embeds@2027-01" {
		t.Errorf("recorded choices %v, want reject, accept, reject, accept, always load", record)
	}
}

// htmlPages returns the path and HTML of every page reachable from the
// front page, by following links as a reader would.
func htmlPages(t *testing.T, base string) map[string]string {
	t.Helper()
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	pages := map[string]string{}
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		pages[path] = string(body)
		for _, m := range linkPattern.FindAllStringSubmatch(string(body), -1) {
			link := strings.ReplaceAll(m[1], "&amp;", "&")
			if i := strings.IndexByte(link, '#'); i >= 0 {
				link = link[:i]
			}
			if link == "" || seen[link] || strings.HasPrefix(link, "/static/") || strings.HasPrefix(link, "/media/") ||
				strings.Contains(link, "/feed.") || strings.HasSuffix(link, ".xml") {
				continue
			}
			seen[link] = true
			queue = append(queue, link)
		}
	}
	return pages
}

// loading finds the attributes whose URL a browser fetches as the page
// loads: src, srcset, and the href of a stylesheet, icon or preload link.
var loading = regexp.MustCompile(`\s(?:src|srcset|data)="([^"]*)"|<link rel="(?:stylesheet|icon|preload|modulepreload|prefetch|preconnect|dns-prefetch)"[^>]*\shref="([^"]*)"`)

// A default site sets no cookie, stores nothing in the browser and makes no
// request to any other host, on any page of the demo paper (and an article
// with one embed of each kind). Every page's HTML is checked for resources
// on other hosts; a real browser then opens every kind of page, every
// article with embeds and one article in ten (all pages, about a minute,
// with MASTHEAD_BROWSER_EVERY_PAGE=1) and watches what it fetches.
func TestDefaultSiteNoCookiesNoThirdParties(t *testing.T) {
	base, st := privacySite(t, "")
	pages := htmlPages(t, base)
	if len(pages) < 400 || pages[embedsPath] == "" {
		t.Fatalf("found %d pages, want the whole demo paper and %s", len(pages), embedsPath)
	}
	var visit []string
	kinds := map[string]int{}
	articles := 0
	for _, p := range slices.Sorted(maps.Keys(pages)) {
		html := pages[p]
		if strings.Contains(html, "<iframe") {
			t.Errorf("%s has an iframe", p)
		}
		for _, m := range loading.FindAllStringSubmatch(html, -1) {
			for _, ref := range strings.Split(m[1]+m[2], ",") {
				if f := strings.Fields(ref); len(f) > 0 && !strings.HasPrefix(f[0], "/") {
					t.Errorf("%s loads %s from another host", p, f[0])
				}
			}
		}
		kind := p
		if i := strings.IndexAny(p[1:], "/?"); i >= 0 {
			kind = p[:i+1]
		}
		switch {
		case articlePattern.MatchString(p):
			articles++
			if strings.Contains(html, `class="embed"`) || articles%10 == 0 {
				visit = append(visit, p)
			}
		case kinds[kind] < 2:
			kinds[kind]++
			visit = append(visit, p)
		}
	}
	if os.Getenv("MASTHEAD_BROWSER_EVERY_PAGE") != "" {
		visit = slices.Sorted(maps.Keys(pages))
	}
	ctx := openBrowser(t)
	reqs := watchRequests(ctx)
	// A reader with a normal browser, so the view beacons count as views.
	if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36"}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for _, p := range visit {
		do(t, ctx, chromedp.Navigate(base+p))
		if p == embedsPath {
			settle(t, ctx)
			if n := eval[int](t, ctx, `document.querySelectorAll("iframe, .embed-consent button").length`); n != 0 {
				t.Errorf("%s: %d frames or embed buttons on a site that allows no embeds", p, n)
			}
		}
	}
	settle(t, ctx)
	t.Logf("checked the HTML of %d pages; the browser opened %d in %v", len(pages), len(visit), time.Since(start).Round(time.Millisecond))
	if r := reqs.elsewhere(base); len(r) > 0 {
		t.Errorf("requests to other hosts: %v", r)
	}
	if len(reqs.to(strings.TrimPrefix(base, "http://"))) < len(visit) {
		t.Error("the request log missed the pages themselves")
	}
	if c := cookies(t, ctx); len(c) != 0 {
		t.Errorf("cookies: %v", c)
	}
	if n := eval[int](t, ctx, `localStorage.length + sessionStorage.length`); n != 0 {
		t.Errorf("%d items in the browser's storage", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#consent").length`); n != 0 {
		t.Error("a default site shows a consent banner")
	}
	// The beacon counted the article with embeds, opened once.
	a, err := st.ArticleBySlug(context.Background(), "six-ways-to-see-the-harbour")
	if err != nil {
		t.Fatal(err)
	}
	views, err := st.ArticleViews(context.Background(), []int64{a.ID}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if views[a.ID] != 1 {
		t.Errorf("the browser's visit counted %d views, want 1", views[a.ID])
	}
}

// Global Privacy Control keeps the purposes it covers (advertising) off,
// whether the browser sends the Sec-GPC header or only exposes
// navigator.globalPrivacyControl, even when the reader accepts all; the
// purposes it does not cover work as chosen.
func TestGPCKeepsCoveredPurposesOff(t *testing.T) {
	base, st := privacySite(t, "embeds,advertising")
	for _, how := range []string{"header", "navigator"} {
		t.Run(how, func(t *testing.T) {
			ctx := openBrowser(t)
			if how == "header" {
				if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
					Headers: network.Headers{"Sec-GPC": "1"}}); err != nil {
					t.Fatal(err)
				}
			} else {
				if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
					Source: `Object.defineProperty(Navigator.prototype, "globalPrivacyControl", {get: () => true})`}); err != nil {
					t.Fatal(err)
				}
			}
			do(t, ctx, chromedp.Navigate(base+embedsPath), waitFor(bannerShown),
				waitFor(`!document.getElementById("consent-advertising-gpc").hidden`))
			if !eval[bool](t, ctx, `document.getElementById("consent-advertising").disabled`) {
				t.Error("the advertising choice can be ticked despite GPC")
			}
			do(t, ctx, chromedp.Click(chromedp.CSS(`#consent button[data-consent="accept"]`)), waitFor(bannerHidden), waitFor(choiceSaved))
			settle(t, ctx)
			if c := storedChoice(t, ctx); strings.Join(c, ",") != "embeds" {
				t.Errorf("after Accept all with GPC, the browser keeps %v, want embeds only", c)
			}
			if got := eval[string](t, ctx, `document.documentElement.getAttribute("data-consent")`); got != "embeds" {
				t.Errorf("the page applies %q, want embeds only", got)
			}
			if n := eval[int](t, ctx, `document.querySelectorAll("iframe").length`); n != len(providerHosts) {
				t.Errorf("%d embeds loaded, want all %d (GPC does not cover embeds)", n, len(providerHosts))
			}
			// Even a choice stored before GPC was turned on stays off.
			do(t, ctx, chromedp.Evaluate[chromedp.Void](`localStorage.setItem("masthead.consent", JSON.stringify({purposes: ["embeds", "advertising"], version: "2026-12"}))`),
				// Reloaded by the page, not chromedp.Reload: with the
				// sandboxed frames on the page (whose hosts cannot be reached
				// here) chromedp's wait for the load never ended, though
				// the page loads; a mark on the old window tells them apart.
				chromedp.Evaluate[chromedp.Void](`window.before = true; location.reload()`),
				waitFor(`!window.before && document.readyState === "complete"`))
			settle(t, ctx)
			if got := eval[string](t, ctx, `document.documentElement.getAttribute("data-consent")`); got != "embeds" {
				t.Errorf("with an older stored choice, the page applies %q, want embeds only", got)
			}
		})
	}
	got, err := st.Consents(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range got {
		if slices.Contains(c.Purposes, "advertising") {
			t.Errorf("a GPC reader's choice was recorded with advertising: %+v", c)
		}
	}
	if len(got) != 2 || !slices.ContainsFunc(got, func(c store.Consent) bool { return c.GPC }) {
		t.Errorf("recorded %+v; want two choices, the header one marked GPC", got)
	}
}

// The banner works by keyboard alone: Tab reaches every choice, Space
// ticks a box, Enter saves; the footer link reopens it with focus on it.
func TestConsentBannerByKeyboard(t *testing.T) {
	base, _ := privacySite(t, "embeds,analytics")
	ctx := openBrowser(t)
	do(t, ctx, chromedp.Navigate(base+"/about"), waitFor(bannerShown))
	active := func() string {
		return eval[string](t, ctx, `(function (e) { return e.id || e.getAttribute("data-consent") || e.getAttribute("href") || e.tagName })(document.activeElement)`)
	}
	// tabTo presses Tab until the element is focused, as a reader would.
	tabTo := func(want string) {
		t.Helper()
		var seen []string
		for range 80 {
			do(t, ctx, chromedp.KeyEvent(kb.Tab))
			if got := active(); got == want {
				return
			} else {
				seen = append(seen, got)
			}
		}
		t.Fatalf("Tab never reached %s; it went through %v", want, seen)
	}
	tabTo("consent-embeds")
	do(t, ctx, chromedp.KeyEvent(" "))
	tabTo("save")
	do(t, ctx, chromedp.KeyEvent(kb.Enter), waitFor(bannerHidden))
	if c := storedChoice(t, ctx); strings.Join(c, ",") != "embeds" {
		t.Errorf("saved %v, want embeds", c)
	}
	if got := eval[string](t, ctx, `document.getElementById("consent-status").textContent`); !strings.Contains(got, "Your choices are saved") {
		t.Errorf("the status line says %q", got)
	}
	if got := active(); got != "main" {
		t.Errorf("after saving, focus is on %s, want the main content", got)
	}
	tabTo("/privacy#choices")
	do(t, ctx, chromedp.KeyEvent(kb.Enter), waitFor(bannerShown))
	if got := active(); got != "consent-heading" {
		t.Errorf("reopened, focus is on %s, want the banner's heading", got)
	}
	if !eval[bool](t, ctx, `document.getElementById("consent-embeds").checked && !document.getElementById("consent-analytics").checked`) {
		t.Error("reopened, the boxes do not show the saved choice")
	}
	tabTo("reject")
	do(t, ctx, chromedp.KeyEvent(kb.Enter), waitFor(bannerHidden))
	if c := storedChoice(t, ctx); c == nil || len(c) != 0 {
		t.Errorf("after Reject all, saved %v", c)
	}
	if got := active(); got != "/privacy#choices" {
		t.Errorf("after closing, focus is on %s, want back on the link that opened it", got)
	}
}
