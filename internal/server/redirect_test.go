package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"masthead/internal/admin"
	"masthead/internal/auth"
	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// landsOn returns the host a browser on http://news.example goes to when it
// follows Location: loc, reading it as the URL standard does (tabs and
// newlines dropped, a backslash taken for a slash).
func landsOn(loc string) string {
	loc = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(strings.TrimSpace(loc))
	base, _ := url.Parse("http://news.example/world/page")
	ref, err := url.Parse(loc)
	if err != nil {
		return "(unparsable)"
	}
	return base.ResolveReference(ref).Host
}

// TestRedirectsStayOnTheSite sends the known shapes of open-redirect attacks
// over a real connection, through the fast path and net/http, to every kind
// of redirect the program makes (trailing slash, renamed article, archive
// dates, the newsroom's sign-in return path): none may send a browser to
// another host.
func TestRedirectsStayOnTheSite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		world := news.Section{Name: "World"}
		ana := news.Author{Name: "Ana Ortiz"}
		if err := st.CreateSection(ctx, &world); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateAuthor(ctx, &ana); err != nil {
			t.Fatal(err)
		}
		a := &news.Article{Headline: "Old headline", Status: news.Published, Section: world, Authors: []news.Author{ana},
			Body: blocks.Document{blocks.P(blocks.T("Text."))}}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		oldURL := a.URL()
		a.Slug = "new-headline"
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		editor := news.User{Email: "editor@courier.example", Name: "Ed", Role: news.RoleEditor}
		if err := st.CreateUser(ctx, &editor, auth.HashPassword("tidal lantern copper orchard")); err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir()}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		adm, err := admin.New(admin.Config{BaseURL: "http://news.example", Preview: pub.Preview}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := server.New(st, pub, log, server.Options{Newsroom: adm.Handler(), CacheBytes: 1 << 20})
		srv.SetReady(true)
		ts := httptest.NewUnstartedServer(srv.Handler())
		ts.Listener = srv.Listener(ts.Listener)
		ts.Start()
		defer ts.Close()
		addr := ts.Listener.Addr().String()

		check := func(t *testing.T, what string, resp *http.Response) {
			t.Helper()
			loc := resp.Header.Get("Location")
			if resp.StatusCode/100 != 3 || loc == "" {
				return
			}
			if host := landsOn(loc); host != "news.example" {
				t.Errorf("%s: %d to %q sends the browser to %q", what, resp.StatusCode, loc, host)
			}
			if len(loc) > 1 && (loc[1] == '/' || loc[1] == '\\') || strings.ContainsAny(loc, "\t\r\n \\") {
				t.Errorf("%s: Location %q is not a plain path on this site", what, loc)
			}
		}

		// The page must be cached for the fast path to answer it.
		for range 2 {
			exchange(t, addr, "GET /world HTTP/1.1\r\nHost: news.example\r\n\r\n", "GET")
		}
		targets := []string{
			"/%5Cevil.example/", "/%09/evil.example/", "/%2F%5Cevil.example/", "//evil.example/", "/\\evil.example/",
			"/%2F%2Fevil.example/", "/%2f/evil.example/", "/%5C%5Cevil.example/", "/%0D%0A/evil.example/", "/%0A/evil.example/",
			"/.%2E/evil.example/", "/%2E%2E/%2F/evil.example/", "/.%2e//evil.example/", "/%E2%88%95evil.example/",
			"/%EF%BC%8Fevil.example/", "/%E2%81%84evil.example/", "/%5C/evil.example/", "/%5Ctab%09/", "///evil.example/",
			"/world/", "/world//", "/world/?page=2", "/%2F%5Cevil.example/?x=%0D%0ALocation:%20//evil", "/admin/",
			"/archive/26", "/archive/2026/1", "/archive/2026/11/5?page=%5C%5Cevil", oldURL, oldURL + "/",
			"/world/%5C%5Cevil.example/",
		}
		for _, target := range targets {
			for _, method := range []string{"GET", "HEAD"} {
				raw := method + " " + target + " HTTP/1.1\r\nHost: news.example\r\n\r\n"
				check(t, method+" "+target, exchange(t, addr, raw, method)[0])
			}
		}
		if resp := exchange(t, addr, "GET "+oldURL+" HTTP/1.1\r\nHost: news.example\r\n\r\n", "GET")[0]; resp.StatusCode != 301 || resp.Header.Get("Location") != a.URL() {
			t.Errorf("the renamed article: %d to %q, want 301 to %s", resp.StatusCode, resp.Header.Get("Location"), a.URL())
		}
		if resp := exchange(t, addr, "GET /world/?page=2 HTTP/1.1\r\nHost: news.example\r\n\r\n", "GET")[0]; resp.StatusCode != 301 || resp.Header.Get("Location") != "/world?page=2" {
			t.Errorf("/world/?page=2: %d to %q, want 301 to /world?page=2", resp.StatusCode, resp.Header.Get("Location"))
		}

		for _, next := range []string{"//evil.example/", "/admin/../\t/evil.example", "/admin/..%2F..%2F%5Cevil.example",
			"/admin/../\\evil.example", "/admin\\@evil.example", "https://evil.example/admin", "/admin/../../%09/evil.example",
			"/admin/./../\u3000/evil.example", "/admin/../%5C%5Cevil.example"} {
			form := url.Values{"email": {editor.Email}, "password": {"tidal lantern copper orchard"}, "next": {next}}.Encode()
			raw := "POST /admin/signin HTTP/1.1\r\nHost: news.example\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
				"Content-Length: " + itoa(len(form)) + "\r\n\r\n" + form
			resp := exchange(t, addr, raw, "POST")[0]
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("sign-in with next %q: %d", next, resp.StatusCode)
			}
			check(t, "sign-in with next "+next, resp)
		}
	})
}

func itoa(n int) string {
	s := ""
	for ; n > 0 || s == ""; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
