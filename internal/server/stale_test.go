package server_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"strings"
	"testing"

	"masthead/internal/cachekey"
	"masthead/internal/dbtest"
	"masthead/internal/server"
	"masthead/internal/store"
)

// TestCachedPagesOutliveTheDatabase (issue 13 item 11): a page a reader was
// served before, then purged (as a change made on another node purges it),
// is served as it was when the database has gone away meanwhile, marked
// STALE-IF-ERROR, rather than as a 500; a page never cached is not made up.
// Cached pages also tell a CDN to do the same (stale-if-error).
func TestCachedPagesOutliveTheDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, srv := demoNode(t, st, "http://news.example", server.Options{CacheBytes: 4 << 20})
		teasers, err := st.Teasers(context.Background(), store.TeaserQuery{Limit: 2})
		if err != nil || len(teasers) < 2 {
			t.Fatalf("want two articles: %d %v", len(teasers), err)
		}
		cached, never := teasers[0], teasers[1]
		get := func(path string) (*http.Response, string) {
			t.Helper()
			resp, err := http.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			return resp, string(body)
		}
		for _, path := range []string{cached.URL(), cached.URL()} {
			get(path)
		}
		resp, body := get(cached.URL())
		if resp.StatusCode != 200 || resp.Header.Get("X-Cache") != "HIT" || !strings.Contains(body, html.EscapeString(cached.Headline)) {
			t.Fatalf("the article before: %d, X-Cache %q", resp.StatusCode, resp.Header.Get("X-Cache"))
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "stale-if-error=86400") {
			t.Errorf("a cached page's Cache-Control %q does not let a CDN serve it stale on error", cc)
		}

		srv.Expire(cachekey.Everything)
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			resp, body = get(cached.URL())
			if resp.StatusCode != 200 || resp.Header.Get("X-Cache") != "STALE-IF-ERROR" || !strings.Contains(body, html.EscapeString(cached.Headline)) {
				t.Errorf("a page cached before, with the database gone: %d, X-Cache %q", resp.StatusCode, resp.Header.Get("X-Cache"))
			}
		}
		if resp, _ = get(never.URL()); resp.StatusCode < 500 {
			t.Errorf("a page never cached, with the database gone: %d, want an error", resp.StatusCode)
		}
	})
}
