package site_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/store"
)

func post(t *testing.T, url, body string, header map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func page200(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	return string(b)
}

var scriptSrc = regexp.MustCompile(`<script[^>]*\ssrc="([^"]*)"`)

// A default site has no banner and no consent script; its only script is
// the article page's first-party view counter, deferred, under a hashed URL.
func TestDefaultSiteHasNoBanner(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		for _, path := range []string{"/", "/world/2026/11/20/russias-court-rules-on-the-cranes-at-last", "/about", "/privacy"} {
			page := page200(t, ts.URL+path)
			if strings.Contains(page, `id="consent"`) || strings.Contains(page, "Privacy choices") {
				t.Errorf("%s shows a consent banner on a site that needs none", path)
			}
			if !strings.Contains(page, `<a href="/privacy"`) || !strings.Contains(page, "No cookies, no trackers.") {
				t.Errorf("%s: the footer does not link the privacy page", path)
			}
			for _, m := range scriptSrc.FindAllStringSubmatch(page, -1) {
				if !regexp.MustCompile(`^/static/views\.[0-9a-f]{12}\.js$`).MatchString(m[1]) {
					t.Errorf("%s loads the script %s", path, m[1])
				}
			}
			if strings.Contains(page, "views.") && !regexp.MustCompile(`\.js" integrity="sha256-[A-Za-z0-9+/=&#;]+" defer></script>`).MatchString(page) {
				t.Errorf("%s: the view counter is not deferred", path)
			}
		}
		privacy := page200(t, ts.URL+"/privacy")
		for _, want := range []string{"<h1>Privacy</h1>", "We set no cookies", "None. This site uses nothing that needs your consent",
			"deleted when the day ends", "We never store your IP address"} {
			if !strings.Contains(privacy, want) {
				t.Errorf("/privacy lacks %q", want)
			}
		}
	})
}

// With purposes turned on, every page carries the (hidden until the script
// decides) banner with one checkbox per purpose, Reject all beside Accept
// all, and the footer's Privacy choices link; /privacy lists the purposes.
func TestBannerWhenPurposesAreOn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		ctx := context.Background()
		for k, v := range map[string]string{"privacy.purposes": "embeds, advertising, bogus", "privacy.policy_version": "7",
			"privacy.contact": "privacy@courier.example"} {
			if err := st.SetSetting(ctx, k, v); err != nil {
				t.Fatal(err)
			}
		}
		page := page200(t, ts.URL+"/")
		for _, want := range []string{`<section id="consent" class="consent" aria-labelledby="consent-heading" data-version="7" hidden>`,
			`value="embeds"`, `value="advertising" data-gpc`, `<button type="button" data-consent="reject">Reject all</button>
<button type="button" data-consent="accept">Accept all</button>`, `<a href="/privacy#choices" data-privacy-choices>Privacy choices</a>`,
			"No cookies or trackers without your consent."} {
			if !strings.Contains(page, want) {
				t.Errorf("home page lacks %q", want)
			}
		}
		if strings.Contains(page, "bogus") || strings.Contains(page, `value="analytics"`) {
			t.Error("the banner offers a purpose the site did not turn on")
		}
		if !regexp.MustCompile(`<script src="/static/privacy\.[0-9a-f]{12}\.js" integrity="sha256-[A-Za-z0-9+/=&#;]+" defer></script>`).MatchString(page) {
			t.Error("the consent script is not loaded, deferred, from a hashed URL")
		}
		privacy := page200(t, ts.URL+"/privacy")
		for _, want := range []string{"<dt>Videos and posts from other sites</dt>", "<dt>Advertising</dt>",
			"this stays off whatever you choose", `id="choices"`, `<a href="mailto:privacy@courier.example">`, "Version 7 of this policy"} {
			if !strings.Contains(privacy, want) {
				t.Errorf("/privacy lacks %q", want)
			}
		}
	})
}

// The consent endpoint records what was chosen and nothing else, drops
// what Global Privacy Control covers, refuses bad input with a clear 4xx
// and is never cached.
func TestConsentEndpoint(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		ctx := context.Background()
		url := ts.URL + "/api/consent"
		if code, _, body := post(t, url, `{"purposes":[],"version":"1"}`, nil); code != 409 || !strings.Contains(body, "asks no consent") {
			t.Errorf("consent on a site without purposes: %d %s", code, body)
		}
		must(t, st.SetSetting(ctx, "privacy.purposes", "embeds,analytics,advertising"))
		must(t, st.SetSetting(ctx, "privacy.policy_version", "2026-12"))
		cases := []struct {
			body   string
			header map[string]string
			status int
			want   string
		}{
			{`{"purposes":["embeds","advertising"],"version":"2026-12"}`, nil, 200, `"purposes":["embeds","advertising"]`},
			{`{"purposes":["embeds","advertising"],"version":"2026-12"}`, map[string]string{"Sec-GPC": "1"}, 200, `"purposes":["embeds"],"version":"2026-12","gpc":true`},
			{`{"purposes":[],"version":"2026-12"}`, nil, 200, `"purposes":[]`},
			{`{"purposes":["cookies"],"version":"2026-12"}`, nil, 400, "is not a purpose this site asks about; it asks about embeds, analytics, advertising"},
			{`{"purposes":["embeds"],"version":"1"}`, nil, 409, "reload the page"},
			{`{"purposes":"embeds"}`, nil, 400, "send a JSON object"},
			{`{"purposes":[],"version":"2026-12","ip":"1.2.3.4"}`, nil, 400, "send a JSON object"},
			{`not json`, nil, 400, "send a JSON object"},
			{`{"purposes":["embeds"],"version":"2026-12"}`, map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, 403, ""},
		}
		for _, c := range cases {
			code, h, body := post(t, url, c.body, c.header)
			if code != c.status || !strings.Contains(body, c.want) {
				t.Errorf("POST %s %v: %d %s; want %d with %q", c.body, c.header, code, body, c.status, c.want)
			}
			if code != 403 && h.Get("Cache-Control") != "no-store" {
				t.Errorf("POST %s: Cache-Control %q", c.body, h.Get("Cache-Control"))
			}
		}
		got, err := st.Consents(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		var kept []string
		for _, c := range got {
			kept = append(kept, strings.Join(c.Purposes, "+")+"/"+c.PolicyVersion)
		}
		if len(got) != 3 || !got[0].At.Equal(st.Now()) {
			t.Errorf("recorded %v, want the three good choices", kept)
		}
		gpc := 0
		for _, c := range got {
			if c.GPC {
				gpc++
				if strings.Join(c.Purposes, ",") != "embeds" {
					t.Errorf("a GPC choice kept %v", c.Purposes)
				}
			}
		}
		if gpc != 1 {
			t.Errorf("%d choices recorded with GPC, want 1", gpc)
		}

		for _, h := range []map[string]string{nil, {"Sec-GPC": "1"}} {
			req, _ := http.NewRequest("GET", ts.URL+"/api/gpc", nil)
			for k, v := range h {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var j map[string]bool
			_ = json.NewDecoder(resp.Body).Decode(&j)
			resp.Body.Close()
			if j["gpc"] != (h != nil) || resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("GET /api/gpc with %v: %v, Cache-Control %q", h, j, resp.Header.Get("Cache-Control"))
			}
		}
	})
}

// The view beacon counts readers, not reloads and not bots, and "most read"
// shows the result on the home page and on article pages.
func TestViewBeaconAndMostRead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		ctx := context.Background()
		lead := "/world/2026/11/20/russias-court-rules-on-the-cranes-at-last"
		page := page200(t, ts.URL+lead)
		m := regexp.MustCompile(`<article class="story" data-view="(\d+)">`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("the article page has no data-view")
		}
		id := m[1]
		if strings.Contains(page, "most-read-heading") {
			t.Error("most read shows before anything was read")
		}
		bots := []string{"Googlebot/2.1 (+http://www.google.com/bot.html)", "Mozilla/5.0 (compatible; bingbot/2.0)",
			"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36",
			"curl/8.5.0", "python-requests/2.31", "facebookexternalhit/1.1", ""}
		for _, ua := range bots {
			if code, _, _ := post(t, ts.URL+"/api/view", id, map[string]string{"User-Agent": ua}); code != 204 {
				t.Errorf("beacon from %q: %d", ua, code)
			}
		}
		for range 3 { // one reader reloading
			post(t, ts.URL+"/api/view", id, nil)
		}
		post(t, ts.URL+"/api/view", id, map[string]string{"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1"})
		for _, bad := range []string{"", "abc", "-1", strings.Repeat("9", 40)} {
			if code, _, _ := post(t, ts.URL+"/api/view", bad, nil); code != 400 {
				t.Errorf("beacon with body %q: %d, want 400", bad, code)
			}
		}
		if code, _, _ := post(t, ts.URL+"/api/view", id, map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}); code != 403 {
			t.Errorf("a cross-site beacon: %d, want 403", code)
		}
		views, err := st.ArticleViews(ctx, []int64{atoi(t, id)}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if views[atoi(t, id)] != 2 {
			t.Errorf("views = %d, want 2 (two readers; bots and reloads not counted)", views[atoi(t, id)])
		}
		for _, path := range []string{"/", "/world/2026/11/20/harbour-cranes-case-opens"} {
			page := page200(t, ts.URL+path)
			at := strings.Index(page, `id="most-read-heading"`)
			if at < 0 || !strings.Contains(page[at:], "Last 24 hours") || !strings.Contains(page[at:], `<a href="`+lead+`">`) {
				t.Errorf("%s does not show the article as most read", path)
			}
		}
	})
}

func atoi(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
