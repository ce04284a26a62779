package admin_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// pageBody is a page's text as the page editor posts it.
func pageBody(t *testing.T, text string) string {
	t.Helper()
	b, err := json.Marshal(blocks.Document{blocks.P(blocks.T(text))})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPagesScreen: editors write a page, which readers see only once it is
// published, in the footer or the menu as placed, at once on pages the
// cache held; bad input is refused with the field named and nothing
// saved; a stale save is refused; a new address keeps the old one
// redirecting; every save is a revision that can be restored; unpublishing
// takes the page and its links down.
func TestPagesScreen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		n := newNewsroom(t, st)
		sec := news.Section{Name: "World"}
		if err := st.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		for _, role := range []news.Role{news.RoleAuthor, news.RoleContributor} {
			c := n.browser()
			n.signIn(c, role)
			if a := n.do(c, "GET", "/admin/pages", nil); a.status != http.StatusForbidden {
				t.Errorf("GET /admin/pages as %s = %d, want 403", role, a.status)
			}
			if a := n.do(c, "POST", "/admin/pages", url.Values{"title": {"Mine"}}); a.status != http.StatusForbidden {
				t.Errorf("POST /admin/pages as %s = %d, want 403", role, a.status)
			}
		}
		ed := n.browser()
		n.signIn(ed, news.RoleEditor)
		reader := n.browser()
		get := func(path string) answer { return n.do(reader, "GET", path, nil) }
		form := func(title, slug, body string) url.Values {
			return url.Values{"title": {title}, "slug": {slug}, "body": {body}, "in_footer": {"1"}, "position": {"5"}}
		}

		for _, bad := range []struct {
			form   url.Values
			status int
			says   string
		}{
			{form("  ", "", pageBody(t, "x")), 422, "A page needs a title."},
			{form("Ethics", "admin", pageBody(t, "x")), 422, `"admin" is a path the site uses`},
			{form("Ethics", "world", pageBody(t, "x")), 409, "The address /world is already used"},
			{form("Ethics", "", `[{"type":"script"}`), 422, "The text could not be read"},
			{form("Ethics", "", `[{"type":"script"}]`), 422, "Nothing was saved"},
			{url.Values{"title": {"Ethics"}, "position": {"ten"}}, 422, "The order is a whole number"},
		} {
			a := n.do(ed, "POST", "/admin/pages", bad.form)
			if a.status != bad.status || !strings.Contains(html.UnescapeString(a.body), bad.says) {
				t.Errorf("create %v: %d, want %d saying %q", bad.form, a.status, bad.status, bad.says)
			}
		}
		if list, _ := st.AllPages(ctx); len(list) != 0 {
			t.Fatalf("refused forms saved %d pages", len(list))
		}

		home := get("/") // now in the page cache
		a := n.do(ed, "POST", "/admin/pages", form("Our ethics code", "ethics", pageBody(t, "We correct our mistakes openly.")))
		if a.status != http.StatusSeeOther || !strings.HasPrefix(a.header.Get("Location"), "/admin/pages/") {
			t.Fatalf("create: %d %s", a.status, a.body)
		}
		edit := strings.TrimSuffix(a.header.Get("Location"), "?done=saved")
		if a := n.do(ed, "GET", a.header.Get("Location"), nil); !strings.Contains(a.body, "It is not published yet.") ||
			!strings.Contains(a.body, `id="page-form"`) || !strings.Contains(a.body, "We correct our mistakes openly.") {
			t.Errorf("the editor after creating: %.300s", a.body)
		}
		if a := get("/ethics"); a.status != http.StatusNotFound {
			t.Errorf("an unpublished page answers %d, want 404", a.status)
		}
		if a := n.do(ed, "POST", edit+"/publish", url.Values{}); a.status != http.StatusSeeOther {
			t.Fatalf("publish: %d", a.status)
		}
		if a := get("/ethics"); a.status != 200 || !strings.Contains(a.body, "We correct our mistakes openly.") {
			t.Errorf("the published page: %d", a.status)
		}
		home2 := get("/")
		if strings.Contains(home.body, `href="/ethics"`) || !strings.Contains(home2.body, `<li><a href="/ethics">Our ethics code</a></li>`) {
			t.Errorf("the footer does not link the page once it is published")
		}

		// A save based on an old version is refused; a good one moves the
		// page, puts it in the menu and leaves a redirect.
		if a := n.do(ed, "POST", edit, url.Values{"base": {"0"}, "title": {"Stale"}, "body": {pageBody(t, "Old")}}); a.status != http.StatusConflict ||
			!strings.Contains(a.body, "Someone else saved this page") {
			t.Errorf("a stale save: %d, want 409", a.status)
		}
		f := form("Ethics and standards", "standards", pageBody(t, "We correct our mistakes openly and say so."))
		f.Set("base", "1")
		f.Set("in_menu", "1")
		if a := n.do(ed, "POST", edit, f); a.status != http.StatusSeeOther {
			t.Fatalf("save: %d %.300s", a.status, a.body)
		}
		if a := get("/ethics"); a.status != http.StatusMovedPermanently || a.header.Get("Location") != "/standards" {
			t.Errorf("the old address: %d → %q, want 301 to /standards", a.status, a.header.Get("Location"))
		}
		home3 := get("/")
		if !strings.Contains(home3.body, `<nav class="sections" aria-label="Sections">`) ||
			strings.Count(home3.body, `<a href="/standards">Ethics and standards</a>`) != 2 {
			t.Errorf("the page is not in both the menu and the footer")
		}

		revs := n.do(ed, "GET", edit+"/revisions", nil)
		if !strings.Contains(revs.body, "Version 2: Ethics and standards") || !strings.Contains(revs.body, "Version 1: Our ethics code") {
			t.Errorf("revisions: %.500s", revs.body)
		}
		if a := n.do(ed, "POST", edit+"/restore", url.Values{"version": {"1"}}); a.status != http.StatusSeeOther {
			t.Fatalf("restore: %d", a.status)
		}
		if a := get("/standards"); !strings.Contains(a.body, "Our ethics code") || strings.Contains(a.body, "and say so") {
			t.Errorf("after restoring version 1 the page does not show it")
		}

		if a := n.do(ed, "POST", edit+"/unpublish", url.Values{}); a.status != http.StatusSeeOther {
			t.Fatalf("unpublish: %d", a.status)
		}
		if a := get("/standards"); a.status != http.StatusNotFound {
			t.Errorf("an unpublished page answers %d, want 404", a.status)
		}
		if a := get("/"); strings.Contains(a.body, `href="/standards"`) {
			t.Errorf("an unpublished page is still linked")
		}
		log, _ := st.AuditLog(ctx, 10, 0)
		var acts []string
		for _, e := range log {
			acts = append(acts, e.Action)
		}
		if got := strings.Join(acts, " "); !strings.Contains(got, "page.unpublish page.restore page.save page.publish page.create") {
			t.Errorf("audit log: %s", got)
		}
	})
}
