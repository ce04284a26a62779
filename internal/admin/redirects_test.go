package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestRedirectsScreen: only admins see the redirects; an admin finds them
// by either address, adds one (which old readers then follow, from the
// page cache too) and deletes it (the old address answers 404 again at
// once); a target that would leave the site is refused with the reason.
func TestRedirectsScreen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		ctx := context.Background()
		sec := news.Section{Name: "World"}
		if err := st.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		for _, role := range []news.Role{news.RoleEditor, news.RoleAuthor} {
			c := n.browser()
			n.signIn(c, role)
			if a := n.do(c, "GET", "/admin/redirects", nil); a.status != http.StatusForbidden {
				t.Errorf("GET /admin/redirects as %s = %d, want 403", role, a.status)
			}
			if a := n.do(c, "POST", "/admin/redirects", url.Values{"path": {"/x"}, "target": {"/world"}}); a.status != http.StatusForbidden {
				t.Errorf("POST /admin/redirects as %s = %d, want 403", role, a.status)
			}
		}
		admin := n.browser()
		n.signIn(admin, news.RoleAdmin)
		reader := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		status := func(path string) (int, string) {
			resp, err := reader.Get(n.ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode, resp.Header.Get("Location")
		}
		// A made-up address's trailing-slash 301 is not kept: the cache
		// holds only redirects from the table.
		for range 2 {
			resp, err := reader.Get(n.ts.URL + "/made-up-address/")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("X-Cache") == "HIT" {
				t.Errorf("GET /made-up-address/ = %d, X-Cache %q; want a 301 never from the cache", resp.StatusCode, resp.Header.Get("X-Cache"))
			}
		}
		if code, _ := status("/2019/03/old-story"); code != http.StatusNotFound {
			t.Fatalf("the old address answers %d before the redirect, want 404", code)
		}

		for _, bad := range []struct{ path, target, why string }{
			{"/a", "//evil.example/", "single /"},
			{"/a", `/\evil.example`, "single /"},
			{"/a", "https://evil.example/", "starting with /"},
			{"/a", "/world\nSet-Cookie: x", "control character"},
			{"/a", "/a", "to itself"},
			{"/admin/people", "/world", "cannot be redirected"},
		} {
			a := n.do(admin, "POST", "/admin/redirects", url.Values{"path": {bad.path}, "target": {bad.target}})
			if a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, bad.why) {
				t.Errorf("redirect %q → %q: %d, want 422 saying %q", bad.path, bad.target, a.status, bad.why)
			}
		}

		a := n.do(admin, "POST", "/admin/redirects", url.Values{"path": {"/2019/03/old-story/"}, "target": {"/world"}})
		if a.status != http.StatusOK || !strings.Contains(a.body, "now leads to /world") {
			t.Fatalf("add: %d %s", a.status, a.body)
		}
		for range 2 { // the second from the page cache
			if code, loc := status("/2019/03/old-story/"); code != http.StatusMovedPermanently || loc != "/world" {
				t.Errorf("GET the old address = %d → %q, want 301 → /world", code, loc)
			}
		}
		if a := n.do(admin, "POST", "/admin/redirects", url.Values{"path": {"/2019/03/old-story"}, "target": {"/"}}); a.status != http.StatusConflict || !strings.Contains(a.body, "already redirects") {
			t.Errorf("a second redirect from the same address: %d, want 422", a.status)
		}
		if a := n.do(admin, "GET", "/admin/redirects?q=OLD-STORY", nil); !strings.Contains(a.body, "<code>/2019/03/old-story</code>") || !strings.Contains(a.body, "1 redirect matching") {
			t.Errorf("search by the old address does not find it: %s", a.body)
		}
		if a := n.do(admin, "GET", "/admin/redirects?q=nothing-like-it", nil); strings.Contains(a.body, "<code>/2019") {
			t.Error("a search that matches nothing lists the redirect")
		}
		if a := n.do(admin, "POST", "/admin/redirects/delete", url.Values{"path": {"/2019/03/old-story"}}); a.status != http.StatusOK {
			t.Errorf("delete: %d", a.status)
		}
		if code, _ := status("/2019/03/old-story"); code != http.StatusNotFound {
			t.Errorf("the old address answers %d after the delete, want 404", code)
		}
	})
}
