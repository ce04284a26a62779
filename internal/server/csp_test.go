package server_test

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"masthead/internal/admin"
	"masthead/internal/auth"
	"masthead/internal/csp"
	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

const staffPassword = "tidal lantern copper orchard"

// fullNode serves the demo paper (with the embeds purpose on, so pages
// carry the consent script) and the newsroom through the whole server, page
// cache and fast path included, on a real listener. An admin may sign in as
// admin@courier.example.
func fullNode(t *testing.T, st *store.Store, articles int) string {
	t.Helper()
	ctx := context.Background()
	dbtest.SetClock(st, t0)
	data := t.TempDir()
	if _, err := demo.Load(ctx, st, demo.New(demo.Options{Seed: 7, Now: t0, Articles: articles}), data); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"privacy.purposes": "embeds", "privacy.policy_version": "2026-12"} {
		if err := st.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	u := news.User{Email: "admin@courier.example", Name: "Ada Admin", Role: news.RoleAdmin}
	if err := st.CreateUser(ctx, &u, auth.HashPassword(staffPassword)); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	files, err := media.OpenStorage(ctx, "", data)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	pub, err := site.New(site.Config{BaseURL: base, DataDir: data, Media: files}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	adm, err := admin.New(admin.Config{BaseURL: base, Preview: pub.Preview, Media: media.New(st, files, media.Options{Log: log})}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(st, pub, log, server.Options{Newsroom: adm.Handler(), CacheBytes: 32 << 20})
	srv.SetReady(true)
	ts.Config.Handler = srv.Handler()
	ts.Listener = srv.Listener(ts.Listener)
	ts.Start()
	t.Cleanup(ts.Close)
	return ts.URL
}

// directives splits a Content-Security-Policy into its directives' sources.
func directives(policy string) map[string][]string {
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[strings.ToLower(f[0])] = f[1:]
		}
	}
	return out
}

var (
	hashSource   = regexp.MustCompile(`^'sha256-[A-Za-z0-9+/]{43}='$`)
	frameOrigin  = regexp.MustCompile(`^https://[a-z0-9.-]+\.[a-z]+$`)
	scriptTag    = regexp.MustCompile(`(?is)<script\b([^>]*)>`)
	attrPattern  = regexp.MustCompile(`(?is)\b([a-z-]+)="([^"]*)"`)
	inlineStyle  = regexp.MustCompile(`(?is)<style\b|<[a-z][^>]*\sstyle\s*=`)
	inlineEvents = regexp.MustCompile(`(?is)<[a-z][^>]*\son[a-z]+\s*=`)
)

// checkStrict fails unless the policy lets scripts run by hash only, keeps
// styles to stylesheets, names each frame origin, and forbids framing,
// plugins, <base> and posting forms elsewhere.
func checkStrict(t *testing.T, where, policy string) map[string][]string {
	t.Helper()
	d := directives(policy)
	want := map[string]string{"default-src": "'self'", "style-src": "'self'", "object-src": "'none'",
		"base-uri": "'none'", "form-action": "'self'", "frame-ancestors": "'none'"}
	for name, v := range want {
		if got := strings.Join(d[name], " "); got != v {
			t.Errorf("%s: %s is %q, want %q (policy %q)", where, name, got, v, policy)
		}
	}
	if len(d["script-src"]) == 0 {
		t.Errorf("%s: no script-src (policy %q)", where, policy)
	}
	for _, s := range d["script-src"] {
		if !hashSource.MatchString(s) {
			t.Errorf("%s: script-src admits %s; only hashes may be named", where, s)
		}
	}
	for _, s := range d["img-src"] {
		if s != "'self'" && s != "https:" {
			t.Errorf("%s: img-src admits %s", where, s)
		}
	}
	for _, s := range d["frame-src"] {
		if s != "'none'" && !frameOrigin.MatchString(s) {
			t.Errorf("%s: frame-src admits %s, not one provider's origin", where, s)
		}
	}
	if _, ok := d["frame-src"]; !ok {
		t.Errorf("%s: no frame-src: frames fall back to default-src", where)
	}
	return d
}

// checkPage fails if the page holds markup the policy refuses (inline
// styles, inline scripts, event-handler attributes), or a script whose
// integrity the policy does not name or whose bytes do not match it.
func checkPage(t *testing.T, c *http.Client, base, path, body string, d map[string][]string) {
	t.Helper()
	if m := inlineStyle.FindString(body); m != "" {
		t.Errorf("%s: inline style %q", path, m)
	}
	if m := inlineEvents.FindString(body); m != "" {
		t.Errorf("%s: event-handler attribute %q", path, m)
	}
	for _, tag := range scriptTag.FindAllStringSubmatch(body, -1) {
		attrs := map[string]string{}
		for _, a := range attrPattern.FindAllStringSubmatch(tag[1], -1) {
			attrs[strings.ToLower(a[1])] = html.UnescapeString(a[2])
		}
		src := attrs["src"]
		if src == "" {
			if ty := attrs["type"]; ty != "application/ld+json" && ty != "application/json" {
				t.Errorf("%s: an inline script that would run: %s", path, tag[0])
			}
			continue
		}
		integrity := attrs["integrity"]
		if !slices.Contains(d["script-src"], "'"+integrity+"'") {
			t.Errorf("%s: script %s has integrity %q, which the policy does not name", path, src, integrity)
		}
		resp, err := c.Get(base + src)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || csp.Integrity(b) != integrity {
			t.Errorf("%s: script %s answers %d with integrity %s, the page names %s", path, src, resp.StatusCode, csp.Integrity(b), integrity)
		}
	}
}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// Every public page, fresh and from the cache's fast path, and every
// newsroom page carries a policy under which only the site's own scripts
// run (by their hashes, which match the bytes served), styles come from
// stylesheets only, frames only from the embed providers, and no page may
// be framed; no page holds markup that policy would refuse.
func TestEveryPageCarriesAStrictPolicy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		base := fullNode(t, st, 12)
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

		// The public pages: every one the front page links to, and the 404.
		_, home := get(t, c, base+"/")
		paths := []string{"/", "/no-such-page"}
		for _, m := range hrefPattern.FindAllStringSubmatch(home, -1) {
			if p := m[1]; !slices.Contains(paths, p) && !strings.HasPrefix(p, "/static/") && !strings.Contains(p, "feed") {
				paths = append(paths, p)
			}
		}
		// An article's bylines and tags lead to the author and tag pages.
		for _, p := range slices.Clone(paths) {
			if strings.Count(p, "/") != 5 {
				continue
			}
			_, art := get(t, c, base+p)
			for _, m := range regexp.MustCompile(`href="(/(?:author|tag)/[a-z0-9-]+)"`).FindAllStringSubmatch(art, -1) {
				if !slices.Contains(paths, m[1]) {
					paths = append(paths, m[1])
				}
			}
			break
		}
		paths = append(paths, "/search?q=harbour", "/privacy", "/archive/2026")
		if !slices.ContainsFunc(paths, func(p string) bool { return strings.HasPrefix(p, "/author/") }) ||
			!slices.ContainsFunc(paths, func(p string) bool { return strings.HasPrefix(p, "/tag/") }) {
			t.Fatalf("no author or tag page among %v", paths)
		}
		var public string
		for _, p := range paths {
			for _, pass := range []string{"first", "cached"} {
				resp, body := get(t, c, base+p)
				if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
					break
				}
				policy := resp.Header.Get("Content-Security-Policy")
				if public == "" {
					public = policy
				} else if policy != public {
					t.Errorf("%s (%s, X-Cache %s): policy %q differs from the home page's %q", p, pass, resp.Header.Get("X-Cache"), policy, public)
				}
				checkPage(t, c, base, p, body, checkStrict(t, p, policy))
			}
		}
		pd := directives(public)
		if len(pd["script-src"]) < 2 {
			t.Errorf("the public policy names %d scripts, want the consent and readership scripts", len(pd["script-src"]))
		}
		if strings.Join(pd["frame-src"], " ") != "https://www.youtube-nocookie.com https://player.vimeo.com https://platform.twitter.com https://www.instagram.com https://www.tiktok.com https://datawrapper.dwcdn.net https://flo.uri.sh https://www.openstreetmap.org" {
			t.Errorf("public frame-src %v", pd["frame-src"])
		}

		// The newsroom, signed out and in.
		jar, _ := cookiejar.New(nil)
		c.Jar = jar
		resp, body := get(t, c, base+"/admin/signin")
		checkPage(t, c, base, "/admin/signin", body, checkStrict(t, "/admin/signin", resp.Header.Get("Content-Security-Policy")))
		resp, err := c.PostForm(base+"/admin/signin", url.Values{"email": {"admin@courier.example"}, "password": {staffPassword}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
			t.Fatalf("signing in answered %d", resp.StatusCode)
		}
		_, dash := get(t, c, base+"/admin")
		article := regexp.MustCompile(`/admin/articles/(\d+)"`).FindStringSubmatch(dash)
		if article == nil {
			t.Fatal("the dashboard links to no article")
		}
		_, lib := get(t, c, base+"/admin/media")
		picture := regexp.MustCompile(`/admin/media/(\d+)"`).FindStringSubmatch(lib)
		if picture == nil {
			t.Fatal("the media library links to no picture")
		}
		var newsroom string
		for _, p := range []string{"/admin", "/admin/articles/new", "/admin/articles/" + article[1], "/admin/articles/" + article[1] + "/revisions",
			"/admin/media", "/admin/media/" + picture[1], "/admin/people", "/admin/account", "/admin/sections",
			"/admin/authors", "/admin/tags", "/admin/audit", "/admin/fronts", "/admin/no-such-page"} {
			resp, body := get(t, c, base+p)
			policy := resp.Header.Get("Content-Security-Policy")
			if newsroom == "" {
				newsroom = policy
			} else if policy != newsroom {
				t.Errorf("%s: policy %q differs from the dashboard's %q", p, policy, newsroom)
			}
			d := checkStrict(t, p, policy)
			checkPage(t, c, base, p, body, d)
			if !strings.Contains(body, `<link rel="stylesheet" href="/admin/static/admin-`) {
				t.Errorf("%s: no newsroom stylesheet", p)
			}
		}
		if d := directives(newsroom); len(d["script-src"]) != 3 || strings.Join(d["frame-src"], " ") != "'none'" {
			t.Errorf("the newsroom's policy %q: want the editor's, the people page's and the Fronts screen's scripts alone, and no frames", newsroom)
		}
		// The preview is the public page, with the public page's policy.
		resp, body = get(t, c, base+"/admin/preview/"+article[1])
		if got := resp.Header.Get("Content-Security-Policy"); got != public {
			t.Errorf("the preview's policy %q, want the public one %q", got, public)
		}
		checkPage(t, c, base, "/admin/preview", body, directives(public))
	})
}
