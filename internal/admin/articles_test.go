package admin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// desk is a newsroom with a section, and an author profile for the author
// and the contributor accounts.
type desk struct {
	*newsroom
	section  news.Section
	profiles map[news.Role]news.Author
	clients  map[news.Role]*http.Client
}

func newDesk(t *testing.T, st *store.Store) *desk {
	t.Helper()
	return deskOf(t, st, newNewsroom(t, st))
}

// deskOf makes n a desk.
func deskOf(t *testing.T, st *store.Store, n *newsroom) *desk {
	t.Helper()
	ctx := context.Background()
	d := &desk{newsroom: n, section: news.Section{Name: "Harbour", Position: 1},
		profiles: map[news.Role]news.Author{}, clients: map[news.Role]*http.Client{}}
	if err := st.CreateSection(ctx, &d.section); err != nil {
		t.Fatal(err)
	}
	for _, role := range news.Roles {
		au := news.Author{Name: "Byline of the " + string(role)}
		if err := st.CreateAuthor(ctx, &au); err != nil {
			t.Fatal(err)
		}
		d.profiles[role] = au
		u := d.users[role]
		u.AuthorID = au.ID
		d.users[role] = u
	}
	// Link the accounts to their profiles as `user add --author` would.
	for _, role := range news.Roles {
		d.linkProfile(role)
		d.clients[role] = d.browser()
		d.signIn(d.clients[role], role)
	}
	return d
}

func (d *desk) linkProfile(role news.Role) {
	d.t.Helper()
	if err := d.st.LinkAuthor(context.Background(), d.users[role].ID, d.profiles[role].ID); err != nil {
		d.t.Fatal(err)
	}
}

// draft stores an article made by owner in status, as the editor would.
func (d *desk) draft(owner news.Role, status news.Status, headline string) (news.Article, int) {
	d.t.Helper()
	a := news.Article{Headline: headline, Standfirst: "What happened.", Section: d.section,
		Authors: []news.Author{d.profiles[owner]},
		Body:    blocks.Document{blocks.P(blocks.T("The harbour master said so on Tuesday."))}, Status: status}
	v, err := d.st.SaveEdit(context.Background(), store.Edit{Article: &a, By: d.users[owner].ID})
	if err != nil {
		d.t.Fatal(err)
	}
	return a, v
}

func (d *desk) api(role news.Role, method, path string, body any) (int, map[string]any) {
	d.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, d.ts.URL+path, r)
	req.Header.Set("Content-Type", "application/json")
	c := d.clients[role]
	if c == nil {
		c = d.browser()
	}
	resp, err := c.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func articlePath(a news.Article) string { return fmt.Sprintf("/admin/api/articles/%d", a.ID) }

// TestWorkflowRules: every action, by every role, on their own and on
// someone else's article, straight to the API: what the role may not do is
// 403 and changes nothing.
func TestWorkflowRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		type action struct {
			name   string
			status news.Status // the article's status before
			do     func(role news.Role, a news.Article, v int) int
			act    news.Action
		}
		actions := []action{
			{"edit a draft", news.Draft, func(role news.Role, a news.Article, v int) int {
				a.Headline += " (edited)"
				code, _ := d.api(role, "PUT", articlePath(a), map[string]any{"base": v, "article": a})
				return code
			}, news.ActEdit},
			{"submit", news.Draft, func(role news.Role, a news.Article, v int) int {
				code, _ := d.api(role, "POST", articlePath(a)+"/submit", map[string]any{"base": v})
				return code
			}, news.ActSubmit},
			{"publish", news.Draft, func(role news.Role, a news.Article, v int) int {
				code, _ := d.api(role, "POST", articlePath(a)+"/publish", map[string]any{"base": v})
				return code
			}, news.ActPublish},
			{"schedule", news.Draft, func(role news.Role, a news.Article, v int) int {
				at := d.clock.T.Add(time.Hour)
				code, _ := d.api(role, "POST", articlePath(a)+"/publish", map[string]any{"base": v, "at": at})
				return code
			}, news.ActSchedule},
			{"update a published article", news.Published, func(role news.Role, a news.Article, v int) int {
				a.Standfirst = "More detail."
				code, _ := d.api(role, "PUT", articlePath(a), map[string]any{"base": v, "article": a})
				return code
			}, news.ActEdit},
			{"unpublish", news.Published, func(role news.Role, a news.Article, v int) int {
				code, _ := d.api(role, "POST", articlePath(a)+"/unpublish", map[string]any{"base": v})
				return code
			}, news.ActUnpublish},
			{"add a correction", news.Published, func(role news.Role, a news.Article, v int) int {
				code, _ := d.api(role, "POST", articlePath(a)+"/note", map[string]any{"base": v, "kind": "correction", "text": "The meeting was on Tuesday, not Monday."})
				return code
			}, news.ActNote},
		}
		for _, act := range actions {
			for _, role := range news.Roles {
				for _, own := range []bool{true, false} {
					owner := role
					if !own {
						owner = news.RoleEditor
						if role == news.RoleEditor {
							owner = news.RoleAdmin
						}
					}
					a, v := d.draft(owner, act.status, fmt.Sprintf("%s by %s own %v", act.name, role, own))
					want := http.StatusOK
					stage := news.StageDraft
					if act.status == news.Published {
						stage = news.StagePublished
					}
					if !news.Allowed(role, own, act.act, stage) {
						want = http.StatusForbidden
					}
					if got := act.do(role, a, v); got != want {
						t.Errorf("%s as %s (own %v): %d, want %d", act.name, role, own, got, want)
					}
					if want == http.StatusForbidden {
						if st, _ := st.ArticleState(context.Background(), a.ID); st.Version != v {
							t.Errorf("a refused %s as %s changed the article (version %d → %d)", act.name, role, v, st.Version)
						}
					}
				}
			}
		}
		// Signed out, nothing is done.
		a, v := d.draft(news.RoleAuthor, news.Draft, "Signed-out attempt")
		if code, _ := d.api("", "POST", articlePath(a)+"/publish", map[string]any{"base": v}); code != http.StatusUnauthorized {
			t.Errorf("publishing signed out: %d, want 401", code)
		}
	})
}

// TestPublishingThroughTheAPI follows one story: a contributor writes and
// submits it, an editor publishes it and it is on the public site; a
// correction is added as its own dated entry; unpublishing makes its URL 410.
func TestPublishingThroughTheAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		code, doc := d.api(news.RoleContributor, "POST", "/admin/api/articles", map[string]any{"article": map[string]any{
			"Headline": "Pilot boat rescues kayakers", "Standfirst": "Two paddlers were caught by the ebb.",
			"Section": map[string]any{"ID": d.section.ID},
			"Body":    blocks.Document{blocks.P(blocks.T("The pilot boat was returning from a tanker when the crew saw them."))},
		}})
		if code != http.StatusCreated {
			t.Fatalf("creating a draft: %d %v", code, doc)
		}
		art := doc["article"].(map[string]any)
		id := int64(art["ID"].(float64))
		path := fmt.Sprintf("/admin/api/articles/%d", id)
		if by := art["Authors"].([]any); len(by) != 1 {
			t.Errorf("the contributor's draft has %d bylines, want their own", len(by))
		}
		if code, _ := d.api(news.RoleContributor, "POST", path+"/publish", map[string]any{"base": 1}); code != http.StatusForbidden {
			t.Errorf("a contributor publishing: %d, want 403", code)
		}
		code, doc = d.api(news.RoleContributor, "POST", path+"/submit", map[string]any{"base": 1})
		if code != 200 || doc["stage"] != "submitted" {
			t.Fatalf("submitting: %d %v", code, doc["stage"])
		}
		// The editor's preview looks like the public page; readers see nothing yet.
		pv := d.do(d.clients[news.RoleEditor], "GET", fmt.Sprintf("/admin/preview/%d", id), nil)
		if pv.status != 200 || !strings.Contains(pv.body, "Pilot boat rescues kayakers") || !strings.Contains(pv.body, "noindex") ||
			!strings.Contains(pv.header.Get("Cache-Control"), "no-store") {
			t.Errorf("preview: %d, cache %q", pv.status, pv.header.Get("Cache-Control"))
		}
		if a := d.do(d.browser(), "GET", fmt.Sprintf("/admin/preview/%d", id), nil); a.status != http.StatusSeeOther {
			t.Errorf("preview signed out: %d, want a redirect to sign in", a.status)
		}
		code, doc = d.api(news.RoleEditor, "POST", path+"/publish", map[string]any{"base": doc["version"]})
		if code != 200 || doc["stage"] != "published" {
			t.Fatalf("publishing: %d %v", code, doc)
		}
		public, _ := st.ArticleByID(context.Background(), id)
		if a := d.do(d.browser(), "GET", public.URL(), nil); a.status != 200 || !strings.Contains(a.body, "Pilot boat rescues kayakers") {
			t.Errorf("the published article on the public site: %d", a.status)
		}
		code, doc = d.api(news.RoleEditor, "POST", path+"/note", map[string]any{"base": doc["version"], "kind": "correction",
			"text": "An earlier version said three paddlers."})
		if code != 200 {
			t.Fatalf("adding a correction: %d %v", code, doc)
		}
		if a := d.do(d.browser(), "GET", public.URL(), nil); !strings.Contains(a.body, "An earlier version said three paddlers.") {
			t.Error("the correction is not on the public page")
		}
		if code, _ := d.api(news.RoleEditor, "POST", path+"/unpublish", map[string]any{"base": doc["version"]}); code != 200 {
			t.Fatalf("unpublishing: %d", code)
		}
		if a := d.do(d.browser(), "GET", public.URL(), nil); a.status != http.StatusGone {
			t.Errorf("the unpublished article answers %d, want 410", a.status)
		}
	})
}

// TestConflictsAndBadInput: a stale save, an empty headline, a slug taken,
// a malformed document, 10,000 tags and a 50 MB body are all refused with a
// clear answer, and the saved article stays as it was.
func TestConflictsAndBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		other, _ := d.draft(news.RoleAuthor, news.Draft, "Ferry timetable changes")
		a, v := d.draft(news.RoleAuthor, news.Draft, "Harbour wall repairs")
		path := articlePath(a)
		theirs := a
		theirs.Headline = "Harbour wall repairs start"
		if code, _ := d.api(news.RoleEditor, "PUT", path, map[string]any{"base": v, "article": theirs}); code != 200 {
			t.Fatalf("the editor's save: %d", code)
		}
		mine := a
		mine.Headline = "Harbour wall repairs finish"
		code, doc := d.api(news.RoleAuthor, "PUT", path, map[string]any{"base": v, "article": mine})
		if code != http.StatusConflict {
			t.Fatalf("a stale save: %d, want 409", code)
		}
		cur, _ := doc["current"].(map[string]any)
		if cur == nil || cur["article"].(map[string]any)["Headline"] != "Harbour wall repairs start" || !strings.Contains(doc["error"].(string), "Someone else saved") {
			t.Errorf("the conflict answer does not show the newer text: %v", doc)
		}
		want := "Harbour wall repairs start"
		tags := make([]news.Tag, 10000)
		for i := range tags {
			tags[i] = news.Tag{Name: fmt.Sprintf("tag %d", i)}
		}
		bad := func(mod func(*news.Article)) news.Article {
			x := a
			x.Headline = want
			mod(&x)
			return x
		}
		for _, c := range []struct {
			name   string
			body   any
			raw    string
			status int
			field  string
		}{
			{"empty headline", map[string]any{"base": v + 1, "article": bad(func(x *news.Article) { x.Headline = " " })}, "", 422, "headline"},
			{"slug taken", map[string]any{"base": v + 1, "article": bad(func(x *news.Article) { x.Slug = other.Slug })}, "", 409, "slug"},
			{"10,000 tags", map[string]any{"base": v + 1, "article": bad(func(x *news.Article) { x.Tags = tags })}, "", 422, "tags"},
			{"malformed block document", nil, fmt.Sprintf(`{"base": %d, "article": {"Headline": "x", "Section": {"ID": %d}, "Body": [{"type": "nonsense"}]}}`, v+1, d.section.ID), 0, ""},
			{"not JSON", nil, `{"base": 2, "article": `, 400, ""},
			{"unknown field", nil, `{"base": 2, "sneaky": true}`, 400, ""},
			{"50 MB", nil, `{"base": 2, "article": {"Headline": "` + strings.Repeat("x", 50<<20) + `"}}`, 413, ""},
		} {
			var status int
			var out map[string]any
			if c.raw != "" {
				req, _ := http.NewRequest("PUT", d.ts.URL+path, strings.NewReader(c.raw))
				req.Header.Set("Content-Type", "application/json")
				resp, err := d.clients[news.RoleAuthor].Do(req)
				if err != nil {
					t.Fatal(err)
				}
				status = resp.StatusCode
				_ = json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
			} else {
				status, out = d.api(news.RoleAuthor, "PUT", path, c.body)
			}
			if c.status == 0 {
				if status < 400 || status >= 500 {
					t.Errorf("%s: %d, want a 4xx", c.name, status)
				}
			} else if status != c.status {
				t.Errorf("%s: %d, want %d (%v)", c.name, status, c.status, out)
			}
			if msg, _ := out["error"].(string); msg == "" {
				t.Errorf("%s: no message in %v", c.name, out)
			}
			if c.field != "" && out["field"] != c.field {
				t.Errorf("%s: field %v, want %s", c.name, out["field"], c.field)
			}
			if got, _ := st.ArticleByID(context.Background(), a.ID); got.Headline != want || len(got.Tags) != 0 {
				t.Errorf("%s changed the saved article: %q with %d tags", c.name, got.Headline, len(got.Tags))
			}
		}
	})
}

// TestRevisionsRestore: every save is listed with who made it, and restoring
// an old version brings its words back as a new version.
func TestRevisionsRestore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Draft, "Tide gauge installed")
		path := articlePath(a)
		edited := a
		edited.Headline = "Tide gauge vandalised"
		code, doc := d.api(news.RoleEditor, "PUT", path, map[string]any{"base": v, "article": edited})
		if code != 200 {
			t.Fatal(code)
		}
		code, _ = d.api(news.RoleEditor, "GET", path+"/revisions", nil)
		if code != 200 {
			t.Fatalf("revisions: %d", code)
		}
		revs, err := st.Revisions(context.Background(), a.ID)
		if err != nil || len(revs) != 2 || revs[0].UserName != "The editor" || revs[1].UserName != "The author" {
			t.Errorf("revisions: %+v", revs)
		}
		code, doc = d.api(news.RoleEditor, "POST", path+"/restore", map[string]any{"base": doc["version"], "version": 1})
		if code != 200 || doc["article"].(map[string]any)["Headline"] != "Tide gauge installed" {
			t.Fatalf("restore: %d %v", code, doc)
		}
		revs, _ = st.Revisions(context.Background(), a.ID)
		if len(revs) != 3 || revs[0].Note != "restored version 1" {
			t.Errorf("after restoring: %+v", revs)
		}
	})
}

// TestScheduledThroughTheAPI: an author schedules their story; it is not on
// the site before its time and is after the job runs.
func TestScheduledThroughTheAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Draft, "Regatta results")
		at := d.clock.T.Add(30 * time.Minute)
		code, doc := d.api(news.RoleAuthor, "POST", articlePath(a)+"/publish", map[string]any{"base": v, "at": at})
		if code != 200 || doc["stage"] != "scheduled" {
			t.Fatalf("scheduling: %d %v", code, doc)
		}
		if home := d.do(d.browser(), "GET", "/", nil); strings.Contains(home.body, "Regatta results") {
			t.Error("a scheduled story is on the front page before its time")
		}
		d.clock.Advance(31 * time.Minute)
		if n, err := st.RunDueJobs(context.Background()); err != nil || n != 1 {
			t.Fatalf("running due jobs: %d %v", n, err)
		}
		if home := d.do(d.browser(), "GET", "/", nil); !strings.Contains(home.body, "Regatta results") {
			t.Error("the scheduled story is not on the front page after its time")
		}
	})
}

// TestDeskChangesReachTheCachedSite: an editor renames a section, an author
// and a tag in the newsroom; the public pages, cached before, show the new
// names at once.
func TestDeskChangesReachTheCachedSite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Draft, "Harbour festival returns")
		a.Tags = []news.Tag{{Name: "Festivals"}}
		a.Status = news.Published
		if _, err := st.SaveEdit(context.Background(), store.Edit{Article: &a, Base: v}); err != nil {
			t.Fatal(err)
		}
		reader := d.browser()
		home := d.do(reader, "GET", "/", nil)
		page := d.do(reader, "GET", a.URL(), nil)
		if !strings.Contains(home.body, "Harbour") || !strings.Contains(page.body, "Byline of the author") {
			t.Fatal("the public pages do not show the story")
		}
		if x := d.do(reader, "GET", a.URL(), nil).header.Get("X-Cache"); x != "HIT" {
			t.Fatalf("the article page is not cached (X-Cache %q)", x)
		}
		ed := d.clients[news.RoleEditor]
		if r := d.do(ed, "POST", "/admin/sections", url.Values{"id": {fmt.Sprint(d.section.ID)}, "name": {"Quayside"},
			"slug": {d.section.Slug}, "position": {"1"}}); r.status != 200 {
			t.Fatalf("renaming the section: %d", r.status)
		}
		if r := d.do(ed, "POST", fmt.Sprintf("/admin/authors/%d", d.profiles[news.RoleAuthor].ID), url.Values{"name": {"Morwenna Quayle"},
			"slug": {d.profiles[news.RoleAuthor].Slug}, "bio": {"Covers the port."}}); r.status != 200 {
			t.Fatalf("renaming the author: %d", r.status)
		}
		saved, _ := st.ArticleByID(context.Background(), a.ID)
		if r := d.do(ed, "POST", "/admin/tags", url.Values{"id": {fmt.Sprint(saved.Tags[0].ID)}, "name": {"Harbour festivals"}}); r.status != 200 {
			t.Fatalf("renaming the tag: %d", r.status)
		}
		page = d.do(reader, "GET", a.URL(), nil)
		for _, want := range []string{"Quayside", "Morwenna Quayle", "Harbour festivals", "/tag/harbour-festivals"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the cached article page does not show %q after the change", want)
			}
		}
		if r := d.do(reader, "GET", "/tag/harbour-festivals", nil); r.status != 200 {
			t.Errorf("the renamed tag's page: %d", r.status)
		}
		if r := d.do(ed, "POST", "/admin/tags", url.Values{"id": {fmt.Sprint(saved.Tags[0].ID)}, "name": {"!!!"}}); r.status != http.StatusUnprocessableEntity {
			t.Errorf("a tag name without letters: %d, want 422", r.status)
		}
		if r := d.do(d.clients[news.RoleAuthor], "POST", "/admin/tags", url.Values{"id": {fmt.Sprint(saved.Tags[0].ID)}, "name": {"Mine"}}); r.status != http.StatusForbidden {
			t.Errorf("an author renaming a tag: %d, want 403", r.status)
		}
	})
}

// TestDashboardShowsReaders: the dashboard gives each recent story its
// readers in the last day and week, from the cookieless counts.
func TestDashboardShowsReaders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		a, _ := d.draft(news.RoleAuthor, news.Published, "Ferry fares frozen")
		now := d.clock.T
		if err := st.AddViews(context.Background(), a.ID, now.Add(-2*time.Hour), 1234); err != nil {
			t.Fatal(err)
		}
		if err := st.AddViews(context.Background(), a.ID, now.Add(-72*time.Hour), 5000); err != nil {
			t.Fatal(err)
		}
		page := d.do(d.clients[news.RoleEditor], "GET", "/admin", nil)
		if !strings.Contains(page.body, "<td>1234</td><td>6234</td>") {
			t.Errorf("the dashboard does not show 1234 readers in 24 hours and 6234 in 7 days")
		}
	})
}

// TestSearchAndSharingWords: the search title and description replace the
// headline and standfirst in the page's title, description and link-preview
// meta, and are limited to what search engines can use.
func TestSearchAndSharingWords(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Published, "Council votes on the harbour wall")
		a.SEOTitle = "Harbour wall: what the council decided"
		a.SEODescription = "The vote, the cost and what happens next, in two minutes."
		code, doc := d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": v, "article": a})
		if code != 200 {
			t.Fatalf("saving the search words: %d", code)
		}
		if code, doc = d.api(news.RoleEditor, "POST", articlePath(a)+"/update", map[string]any{"base": doc["version"]}); code != 200 {
			t.Fatalf("making the search words live: %d %v", code, doc)
		}
		page := d.do(d.browser(), "GET", a.URL(), nil)
		for _, want := range []string{"<title>Harbour wall: what the council decided | Harbour",
			`<meta name="description" content="The vote, the cost and what happens next, in two minutes.">`,
			`<meta property="og:title" content="Harbour wall: what the council decided">`,
			`<meta name="twitter:description" content="The vote, the cost and what happens next, in two minutes.">`,
			"<h1", "Council votes on the harbour wall"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the public page lacks %s", want)
			}
		}
		a.SEOTitle = strings.Repeat("long ", 30)
		code, out := d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": v + 1, "article": a})
		if code != http.StatusUnprocessableEntity || out["field"] != "seo_title" {
			t.Errorf("a 150-character search title: %d %v, want 422 at seo_title", code, out)
		}
	})
}
