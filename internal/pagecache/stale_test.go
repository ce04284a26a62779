package pagecache_test

import (
	"net/http"
	"strings"
	"testing"

	"masthead/internal/cachekey"
	"masthead/internal/pagecache"
)

// TestStaleIfError: a page purged by a change whose new render fails (the
// database away) is served as it was, not as an error; once rendering works
// again the new page replaces it. A page never cached still gets the error.
func TestStaleIfError(t *testing.T) {
	p := newPaper()
	p.set("/a", "ferry strike", "article:1")
	p.set("/b", "budget vote", "article:2")
	c := newCache(p, pagecache.Config{})
	get(t, c, "/a")

	p.set("/a", "ferry strike ends", "article:1")
	c.Purge("article:1")
	p.mu.Lock()
	p.status = http.StatusInternalServerError
	p.mu.Unlock()
	for range 2 {
		resp := get(t, c, "/a")
		if resp.StatusCode != 200 || resp.Header.Get("X-Cache") != "STALE-IF-ERROR" || !strings.Contains(text(t, resp), "ferry strike") {
			t.Fatalf("a purged page whose render fails: %d, X-Cache %q", resp.StatusCode, resp.Header.Get("X-Cache"))
		}
	}
	if resp := get(t, c, "/b"); resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("a page never cached, failing: %d, want the 500", resp.StatusCode)
	}
	c.Purge(cachekey.Everything)
	if resp := get(t, c, "/a"); resp.StatusCode != 200 || resp.Header.Get("X-Cache") != "STALE-IF-ERROR" {
		t.Errorf("after purging everything, a failing render: %d, X-Cache %q", resp.StatusCode, resp.Header.Get("X-Cache"))
	}

	p.mu.Lock()
	p.status = 0
	p.mu.Unlock()
	resp := get(t, c, "/a")
	if resp.StatusCode != 200 || resp.Header.Get("X-Cache") != "MISS" || !strings.Contains(text(t, resp), "ferry strike ends") {
		t.Errorf("rendering again works: %d, X-Cache %q", resp.StatusCode, resp.Header.Get("X-Cache"))
	}
	if got := get(t, c, "/a").Header.Get("X-Cache"); got != "HIT" {
		t.Errorf("then the new page is cached: X-Cache %q", got)
	}
	// A failure that is the reader's (404) is never covered up.
	c.Purge("article:1")
	p.set("/a", "", "article:1")
	p.mu.Lock()
	delete(p.shows, "/a")
	p.mu.Unlock()
	if resp := get(t, c, "/a"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a page that is gone: %d, want 404", resp.StatusCode)
	}
}
