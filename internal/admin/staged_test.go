package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

func actionsOf(doc map[string]any) []string {
	var out []string
	list, _ := doc["actions"].([]any)
	for _, a := range list {
		out = append(out, a.(string))
	}
	return out
}

// TestStagedUpdates: typing in a published story changes nothing readers
// see (page, home, feeds, search) until Update; then the page, its new
// address and the old address's 301 all follow. Discard drops the changes.
func TestStagedUpdates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Published, "Harbour crane damaged")
		reader := d.browser()
		oldURL := a.URL()
		for range 2 { // the second answer comes from the cache
			if p := d.do(reader, "GET", oldURL, nil); p.status != 200 || !strings.Contains(p.body, "Harbour crane damaged") {
				t.Fatalf("the live page: %d", p.status)
			}
		}
		weather := news.Section{Name: "Weather", Position: 2}
		if err := st.CreateSection(ctx, &weather); err != nil {
			t.Fatal(err)
		}
		pic := d.upload("crane.jpg", 320, 200, "The fallen crane on the quay")
		if _, err := d.lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		edit := a
		edit.Headline, edit.Slug = "Harbour crane collapses in storm", "harbour-crane-collapses"
		edit.Tags = []news.Tag{{Name: "Storms"}}
		edit.Body = blocks.Document{blocks.P(blocks.T("HALFTYPED SENTENCE WITH A TYP"))}
		// Every field is staged: section, bylines, sources and lead picture too.
		edit.Section = weather
		edit.Authors = []news.Author{d.profiles[news.RoleAuthor], d.profiles[news.RoleEditor]}
		edit.Sources = []news.Source{{Name: "Coastguard incident log", URL: "https://coastguard.example/log"}}
		edit.LeadImage = &news.Image{Asset: pic, Alt: "The fallen crane on the quay"}
		code, doc := d.api(news.RoleAuthor, "PUT", articlePath(a), map[string]any{"base": v, "article": edit, "autosave": true})
		if code != 200 {
			t.Fatalf("saving a published article: %d %v", code, doc)
		}
		if doc["pending"] != true || doc["stage"] != "published" || doc["message"] != "Saved — changes not yet live" ||
			doc["article"].(map[string]any)["Headline"] != "Harbour crane collapses in storm" || doc["live_url"] != oldURL {
			t.Errorf("the answer to a staged save: %v", doc)
		}
		if acts := actionsOf(doc); !slices.Contains(acts, "update") || !slices.Contains(acts, "discard") || slices.Contains(acts, "submit") ||
			slices.Contains(acts, "publish") {
			t.Errorf("actions with pending changes: %v", acts)
		}
		for _, path := range []string{oldURL, "/", "/feed.xml", "/feed.json", "/search?q=crane", "/tag/storms", "/weather"} {
			p := d.do(reader, "GET", path, nil)
			if strings.Contains(p.body, "HALFTYPED") || strings.Contains(p.body, "collapses in storm") {
				t.Errorf("%s shows the pending version before Update", path)
			}
		}
		if p := d.do(reader, "GET", oldURL, nil); strings.Contains(p.body, "Byline of the editor") || strings.Contains(p.body, "Coastguard incident log") ||
			strings.Contains(p.body, "The fallen crane on the quay") {
			t.Error("the live page shows a pending byline, source or lead picture before Update")
		}
		if p := d.do(reader, "GET", oldURL, nil); p.status != 200 || !strings.Contains(p.body, "Harbour crane damaged") {
			t.Errorf("the live page before Update: %d", p.status)
		}
		// The editor reopens the pending version; the preview shows it, barred.
		code, doc = d.api(news.RoleEditor, "GET", articlePath(a), nil)
		if code != 200 || doc["article"].(map[string]any)["Headline"] != "Harbour crane collapses in storm" || doc["pending"] != true {
			t.Errorf("reopening: %d %v", code, doc)
		}
		pv := d.do(d.clients[news.RoleEditor], "GET", fmt.Sprintf("/admin/preview/%d", a.ID), nil)
		if !strings.Contains(pv.body, "HALFTYPED") || !strings.Contains(pv.body, "Preview of changes not yet live") {
			t.Errorf("the preview does not show the pending changes under its bar")
		}
		if dash := d.do(d.clients[news.RoleEditor], "GET", "/admin", nil); !strings.Contains(dash.body, "Live, with changes not yet live") ||
			!strings.Contains(dash.body[strings.Index(dash.body, "Live, with changes"):], "Harbour crane damaged") {
			t.Error("the dashboard does not list the article with pending changes")
		}
		// Update: readers see it at once, at its new address; the old one moves.
		code, doc = d.api(news.RoleAuthor, "POST", articlePath(a)+"/update", map[string]any{"base": doc["version"]})
		if code != 200 || doc["message"] != "Update is live" || doc["pending"] != false {
			t.Fatalf("update: %d %v", code, doc)
		}
		live, _ := st.ArticleByID(ctx, a.ID)
		if p := d.do(reader, "GET", live.URL(), nil); p.status != 200 || !strings.Contains(p.body, "HALFTYPED") || live.URL() == oldURL {
			t.Errorf("the updated page at %s: %d", live.URL(), p.status)
		}
		if p := d.do(reader, "GET", oldURL, nil); p.status != http.StatusMovedPermanently || p.header.Get("Location") != live.URL() {
			t.Errorf("the old address: %d to %q", p.status, p.header.Get("Location"))
		}
		if p := d.do(reader, "GET", live.URL(), nil); !strings.HasPrefix(live.URL(), "/weather/") || !strings.Contains(p.body, "Byline of the editor") ||
			!strings.Contains(p.body, "Coastguard incident log") || !strings.Contains(p.body, `alt="The fallen crane on the quay"`) {
			t.Errorf("the updated page at %s lacks its new section, byline, source or lead picture", live.URL())
		}
		if p := d.do(reader, "GET", "/tag/storms", nil); !strings.Contains(p.body, "collapses in storm") {
			t.Error("the new tag's page does not list the updated article")
		}
		// Discard: the changes go, readers never saw them.
		edit = live
		edit.Headline = "Crane story rewritten and dropped"
		code, doc = d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": doc["version"], "article": edit})
		if code != 200 || doc["pending"] != true {
			t.Fatalf("a second staged save: %d %v", code, doc)
		}
		code, doc = d.api(news.RoleEditor, "POST", articlePath(a)+"/discard", map[string]any{"base": doc["version"]})
		if code != 200 || doc["message"] != "Changes discarded" || doc["pending"] != false ||
			doc["article"].(map[string]any)["Headline"] != "Harbour crane collapses in storm" {
			t.Errorf("discard: %d %v", code, doc)
		}
		if code, _ := d.api(news.RoleEditor, "POST", articlePath(a)+"/discard", map[string]any{"base": doc["version"]}); code != http.StatusConflict {
			t.Errorf("discarding with nothing pending: %d, want 409", code)
		}
		if p := d.do(reader, "GET", live.URL(), nil); strings.Contains(p.body, "rewritten and dropped") {
			t.Error("discarded changes reached the live page")
		}
	})
}

// TestScheduledUpdate: an update scheduled for a time in the site's time
// zone is named so, stays off the page until its job runs, then is live.
func TestScheduledUpdate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		if err := st.SetSetting(ctx, "site.timezone", "Europe/London"); err != nil {
			t.Fatal(err)
		}
		a, v := d.draft(news.RoleAuthor, news.Published, "Lifeboat station to close")
		edit := a
		edit.Headline = "Lifeboat station to stay open"
		code, doc := d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": v, "article": edit})
		if code != 200 {
			t.Fatalf("staged save: %d", code)
		}
		at := time.Date(2026, 12, 7, 7, 0, 0, 0, time.UTC) // a Monday, 07:00 in London in winter
		code, doc = d.api(news.RoleEditor, "POST", articlePath(a)+"/update", map[string]any{"base": doc["version"], "at": at})
		if code != 200 || doc["message"] != "Update scheduled for Mon 7 Dec, 07:00 Europe/London" ||
			doc["publish_at_text"] != "Mon 7 Dec, 07:00 Europe/London" || doc["pending"] != true {
			t.Fatalf("scheduling the update: %d %v", code, doc)
		}
		if p := d.do(d.browser(), "GET", a.URL(), nil); strings.Contains(p.body, "stay open") {
			t.Error("a scheduled update is live before its time")
		}
		d.clock.Advance(at.Sub(d.clock.T) + time.Minute)
		if n, err := st.RunDueJobs(ctx); err != nil || n != 1 {
			t.Fatalf("running the update's job: %d %v", n, err)
		}
		if p := d.do(d.browser(), "GET", a.URL(), nil); !strings.Contains(p.body, "stay open") {
			t.Error("the scheduled update is not live after its time")
		}
		if state, _ := st.ArticleState(ctx, a.ID); state.Pending {
			t.Error("the update went live but is still pending")
		}
		// Scheduling a draft names the time in the site's zone too, as do the
		// dashboard and the article list.
		b, bv := d.draft(news.RoleAuthor, news.Draft, "Winter ferry timetable")
		at = time.Date(2026, 12, 8, 7, 0, 0, 0, time.UTC)
		code, doc = d.api(news.RoleEditor, "POST", articlePath(b)+"/publish", map[string]any{"base": bv, "at": at})
		if code != 200 || doc["message"] != "Scheduled for Tue 8 Dec, 07:00 Europe/London" || doc["stage"] != "scheduled" {
			t.Errorf("scheduling a draft: %d %v", code, doc)
		}
		for _, path := range []string{"/admin", "/admin/articles?stage=scheduled"} {
			if p := d.do(d.clients[news.RoleEditor], "GET", path, nil); !strings.Contains(p.body, `<time datetime="2026-12-08T07:00:00Z">8 Dec 2026 07:00 GMT</time>`) {
				t.Errorf("%s does not show when the scheduled article goes out, in the site's time zone", path)
			}
		}
	})
}

// TestContributorRules (issue 13 item 1, issue 14 item 6): a contributor
// opens only their own work and cannot change it once it is submitted or
// scheduled; an author cannot change someone else's scheduled story; what
// goes out at the hour is what the editor scheduled.
func TestContributorRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		other, v := d.draft(news.RoleEditor, news.Draft, "Editor's secret draft")
		pic := d.upload("crane.jpg", 320, 200, "The crane on the quay")
		other.Body = append(other.Body, blocks.AssetImage(pic, "", "", ""))
		if _, err := st.SaveEdit(ctx, store.Edit{Article: &other, Base: v, By: d.users[news.RoleEditor].ID}); err != nil {
			t.Fatal(err)
		}
		c := d.clients[news.RoleContributor]
		id := fmt.Sprint(other.ID)
		for _, path := range []string{"/admin/articles/" + id, "/admin/preview/" + id, "/admin/articles/" + id + "/revisions"} {
			if p := d.do(c, "GET", path, nil); p.status != http.StatusForbidden || strings.Contains(p.body, "secret draft") {
				t.Errorf("a contributor opening another's draft at %s: %d", path, p.status)
			}
		}
		for _, req := range []struct{ method, path string }{{"GET", articlePath(other)}, {"GET", articlePath(other) + "/revisions"},
			{"GET", articlePath(other) + "/revisions/1"}, {"POST", articlePath(other) + "/presence"}} {
			if code, out := d.api(news.RoleContributor, req.method, req.path, nil); code != http.StatusForbidden || out["article"] != nil {
				t.Errorf("a contributor: %s %s: %d", req.method, req.path, code)
			}
		}
		if dash := d.do(c, "GET", "/admin", nil); strings.Contains(dash.body, "secret draft") {
			t.Error("the contributor's dashboard lists another's draft")
		}
		// The picture's page lists its uses: not the headline of a draft the
		// contributor may not open, only that there is one.
		if p := d.do(c, "GET", fmt.Sprintf("/admin/media/%d", pic), nil); p.status != 200 || strings.Contains(p.body, "secret draft") ||
			strings.Contains(p.body, fmt.Sprintf(`href="/admin/articles/%d"`, other.ID)) || !strings.Contains(p.body, "Also used 1 time in other people's articles") {
			t.Errorf("a contributor's view of a picture used in another's draft: %d", p.status)
		}
		if p := d.do(d.clients[news.RoleAuthor], "GET", fmt.Sprintf("/admin/media/%d", pic), nil); !strings.Contains(p.body, "secret draft") {
			t.Error("an author, who may open others' drafts, is not shown where the picture is used")
		}
		mine, v := d.draft(news.RoleContributor, news.Draft, "Pier reopens after repairs")
		if p := d.do(c, "GET", fmt.Sprintf("/admin/articles/%d", mine.ID), nil); p.status != 200 {
			t.Errorf("a contributor opening their own draft: %d", p.status)
		}
		code, doc := d.api(news.RoleContributor, "POST", articlePath(mine)+"/submit", map[string]any{"base": v})
		if code != 200 || doc["message"] != "Submitted for review" || slices.Contains(actionsOf(doc), "save") {
			t.Fatalf("submitting: %d %v", code, doc)
		}
		sneaky := mine
		sneaky.Body = blocks.Document{blocks.P(blocks.T("UNREVIEWED TEXT"))}
		if code, _ := d.api(news.RoleContributor, "PUT", articlePath(mine), map[string]any{"base": doc["version"], "article": sneaky}); code != http.StatusForbidden {
			t.Errorf("a contributor changing a submitted article: %d, want 403", code)
		}
		at := d.clock.T.Add(time.Hour)
		code, doc = d.api(news.RoleEditor, "POST", articlePath(mine)+"/publish", map[string]any{"base": doc["version"], "at": at})
		if code != 200 || doc["stage"] != "scheduled" || !strings.HasPrefix(doc["message"].(string), "Scheduled for ") {
			t.Fatalf("scheduling: %d %v", code, doc)
		}
		if code, _ := d.api(news.RoleContributor, "PUT", articlePath(mine), map[string]any{"base": doc["version"], "article": sneaky}); code != http.StatusForbidden {
			t.Errorf("a contributor changing a scheduled article: %d, want 403", code)
		}
		if code, _ := d.api(news.RoleAuthor, "PUT", articlePath(mine), map[string]any{"base": doc["version"], "article": sneaky}); code != http.StatusForbidden {
			t.Errorf("an author changing someone else's scheduled article: %d, want 403", code)
		}
		// An editor's change to the scheduled story waits for approval too.
		edited := mine
		edited.Body = blocks.Document{blocks.P(blocks.T("EDITOR'S UNAPPROVED CHANGE"))}
		if code, doc = d.api(news.RoleEditor, "PUT", articlePath(mine), map[string]any{"base": doc["version"], "article": edited}); code != 200 || doc["pending"] != true {
			t.Errorf("an editor's save to a scheduled article: %d %v", code, doc)
		}
		d.clock.Advance(61 * time.Minute)
		if n, err := st.RunDueJobs(ctx); err != nil || n != 1 {
			t.Fatalf("the scheduled job: %d %v", n, err)
		}
		live, _ := st.ArticleByID(ctx, mine.ID)
		p := d.do(d.browser(), "GET", live.URL(), nil)
		if p.status != 200 || strings.Contains(p.body, "UNREVIEWED") || strings.Contains(p.body, "UNAPPROVED") || !strings.Contains(p.body, "The harbour master said so") {
			t.Errorf("what went out at the hour is not what was scheduled: %d", p.status)
		}
	})
}

// TestScheduledJobAsksTheRules: a story an author scheduled (theirs by its
// byline) that is no longer theirs when its time comes is not published,
// and the audit log says why.
func TestScheduledJobAsksTheRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		a, v := d.draft(news.RoleEditor, news.Draft, "Fish market moves")
		a.Authors = []news.Author{d.profiles[news.RoleAuthor]}
		if code, doc := d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": v, "article": a}); code != 200 {
			t.Fatalf("%d %v", code, doc)
		} else {
			v = int(doc["version"].(float64))
		}
		code, doc := d.api(news.RoleAuthor, "POST", articlePath(a)+"/publish", map[string]any{"base": v, "at": d.clock.T.Add(time.Hour)})
		if code != 200 {
			t.Fatalf("the author scheduling: %d %v", code, doc)
		}
		a.Authors = []news.Author{d.profiles[news.RoleEditor]}
		code, doc = d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": doc["version"], "article": a})
		if code != 200 {
			t.Fatal(code)
		}
		if code, doc = d.api(news.RoleEditor, "POST", articlePath(a)+"/update", map[string]any{"base": doc["version"]}); code != 200 {
			t.Fatalf("approving the byline change: %d %v", code, doc)
		}
		d.clock.Advance(2 * time.Hour)
		if n, err := st.RunDueJobs(ctx); err != nil || n != 0 {
			t.Errorf("a job its scheduler may no longer run: %d ran, %v", n, err)
		}
		if got, _ := st.ArticleByID(ctx, a.ID); got.Status != news.Draft {
			t.Errorf("published by a job the rules refuse: %s", got.Status)
		}
		if state, _ := st.ArticleState(ctx, a.ID); !state.PublishAt.IsZero() {
			t.Error("the refused job left the article scheduled")
		}
		log, _ := st.AuditLog(ctx, 10, 0)
		if len(log) == 0 || log[0].Action != "article.schedule.dropped" || !strings.Contains(log[0].Detail, "may not schedule") {
			t.Errorf("the audit log does not say why: %+v", log[:min(1, len(log))])
		}
	})
}

// TestChangesToAScheduledArticle: a change saved to a scheduled article
// waits; Update approves it to go out at the scheduled time; unscheduling
// makes the article a draft again with its latest words.
func TestChangesToAScheduledArticle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		a, v := d.draft(news.RoleEditor, news.Draft, "Harbour fireworks")
		code, doc := d.api(news.RoleEditor, "POST", articlePath(a)+"/publish", map[string]any{"base": v, "at": d.clock.T.Add(time.Hour)})
		if code != 200 || doc["message"] != "Scheduled for Wed 2 Dec, 11:00 UTC" || doc["publish_at_text"] != "Wed 2 Dec, 11:00 UTC" {
			t.Fatalf("scheduling: %d %v", code, doc)
		}
		// The dashboard's Scheduled list says when it goes out.
		dash := d.do(d.clients[news.RoleEditor], "GET", "/admin", nil).body
		if i := strings.Index(dash, `id="scheduled"`); i < 0 || !strings.Contains(dash[i:], `Harbour fireworks</a></td><td>Harbour</td><td><time datetime="2026-12-02T11:00:00Z">2 Dec 2026 11:00 UTC</time>`) {
			t.Error("the dashboard's Scheduled list does not show when the article goes out")
		}
		edit := a
		edit.Headline = "Harbour fireworks moved to the beach"
		code, doc = d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": doc["version"], "article": edit})
		if code != 200 || doc["stage"] != "scheduled" || doc["pending"] != true {
			t.Fatalf("saving a scheduled article: %d %v", code, doc)
		}
		for _, want := range []string{"update", "discard", "unschedule", "publish"} {
			if !slices.Contains(actionsOf(doc), want) {
				t.Errorf("a scheduled article with changes does not offer %s: %v", want, actionsOf(doc))
			}
		}
		code, doc = d.api(news.RoleEditor, "POST", articlePath(a)+"/update", map[string]any{"base": doc["version"]})
		if code != 200 || doc["message"] != "Changes approved: they go out with it, Wed 2 Dec, 11:00 UTC" || doc["pending"] != false || doc["stage"] != "scheduled" {
			t.Fatalf("approving the changes: %d %v", code, doc)
		}
		d.clock.Advance(61 * time.Minute)
		if n, err := st.RunDueJobs(ctx); err != nil || n != 1 {
			t.Fatalf("the job: %d %v", n, err)
		}
		live, _ := st.ArticleByID(ctx, a.ID)
		if live.Status != news.Published || live.Headline != "Harbour fireworks moved to the beach" {
			t.Errorf("what went out: %s %q", live.Status, live.Headline)
		}

		b, v := d.draft(news.RoleEditor, news.Draft, "Regatta postponed")
		code, doc = d.api(news.RoleEditor, "POST", articlePath(b)+"/publish", map[string]any{"base": v, "at": d.clock.T.Add(time.Hour)})
		if code != 200 {
			t.Fatal(code)
		}
		edit = b
		edit.Headline = "Regatta postponed to June"
		if code, doc = d.api(news.RoleEditor, "PUT", articlePath(b), map[string]any{"base": doc["version"], "article": edit}); code != 200 {
			t.Fatal(code)
		}
		code, doc = d.api(news.RoleEditor, "POST", articlePath(b)+"/unschedule", map[string]any{"base": doc["version"]})
		if code != 200 || doc["stage"] != "draft" || doc["pending"] != false || doc["article"].(map[string]any)["Headline"] != "Regatta postponed to June" ||
			doc["message"] != "Unscheduled: it is a draft again" {
			t.Errorf("unscheduling: %d %v", code, doc)
		}
		if code, _ := d.api(news.RoleEditor, "POST", articlePath(b)+"/unschedule", map[string]any{"base": doc["version"]}); code != http.StatusConflict {
			t.Errorf("unscheduling what is not scheduled: %d, want 409", code)
		}
	})
}
