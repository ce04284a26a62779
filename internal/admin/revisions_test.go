package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestAutosavesFold (issue 14 item 9): one person's autosaves within ten
// minutes are one revision holding the latest text; explicit saves, another
// person's autosave and the eleventh minute each start a new one.
func TestAutosavesFold(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Draft, "Tide tables")
		save := func(role news.Role, headline string, auto bool) {
			t.Helper()
			x := a
			x.Headline = headline
			code, doc := d.api(role, "PUT", articlePath(a), map[string]any{"base": v, "article": x, "autosave": auto})
			if code != 200 {
				t.Fatalf("save %q: %d %v", headline, code, doc)
			}
			v = int(doc["version"].(float64))
		}
		count := func() int {
			revs, err := st.Revisions(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(revs)
		}
		save(news.RoleAuthor, "Tide tables f", true)
		d.clock.Advance(3 * time.Minute)
		save(news.RoleAuthor, "Tide tables for", true)
		d.clock.Advance(3 * time.Minute)
		save(news.RoleAuthor, "Tide tables for winter", true)
		if n := count(); n != 2 {
			t.Errorf("three autosaves in six minutes made %d revisions after the first, want 1", n-1)
		}
		if old, err := st.RevisionContent(ctx, a.ID, v); err != nil || old.Headline != "Tide tables for winter" {
			t.Errorf("the folded revision holds %q (%v), want the latest text", old.Headline, err)
		}
		d.clock.Advance(5 * time.Minute) // eleven minutes after the fold began
		save(news.RoleAuthor, "Tide tables for winter published", true)
		if n := count(); n != 3 {
			t.Errorf("an autosave eleven minutes on: %d revisions, want 3", n)
		}
		save(news.RoleAuthor, "Tide tables for winter, saved", false)
		save(news.RoleAuthor, "Tide tables for winter, saved again", true)
		save(news.RoleEditor, "Tide tables for winter, edited", true)
		if n := count(); n != 6 {
			t.Errorf("an explicit save, an autosave after it and another person's autosave: %d revisions, want 6", n)
		}
		// A submit, a publish and an update each keep their own revision,
		// even straight after an autosave of the same person.
		act := func(role news.Role, name string, want int) {
			t.Helper()
			save(role, "Tide tables before "+name, true)
			code, doc := d.api(role, "POST", articlePath(a)+"/"+name, map[string]any{"base": v})
			if code != 200 {
				t.Fatalf("%s: %d %v", name, code, doc)
			}
			v = int(doc["version"].(float64))
			if n := count(); n != want {
				t.Errorf("an autosave then %s: %d revisions, want %d", name, n, want)
			}
		}
		act(news.RoleEditor, "submit", 7) // the autosave folds into the editor's last one
		act(news.RoleEditor, "publish", 9)
		act(news.RoleEditor, "update", 11)
	})
}

// TestKeepMineAfterConflict (issue 14 item 7): after a stale refusal,
// saving one's own text over the other person's keeps both in the
// revisions, and the revisions and audit log say who overrode whom.
func TestKeepMineAfterConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Draft, "Ferry strike")
		theirs := a
		theirs.Headline = "Ferry strike called off"
		code, doc := d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": v, "article": theirs})
		if code != 200 {
			t.Fatal(code)
		}
		mine := a
		mine.Headline = "Ferry strike goes ahead"
		code, refused := d.api(news.RoleAuthor, "PUT", articlePath(a), map[string]any{"base": v, "article": mine})
		if code != http.StatusConflict {
			t.Fatalf("a stale save: %d", code)
		}
		current := refused["current"].(map[string]any)
		code, doc = d.api(news.RoleAuthor, "PUT", articlePath(a), map[string]any{"base": current["version"], "article": mine})
		if code != 200 || doc["article"].(map[string]any)["Headline"] != "Ferry strike goes ahead" {
			t.Fatalf("keep mine: %d %v", code, doc)
		}
		revs, _ := st.Revisions(ctx, a.ID)
		want := fmt.Sprintf("The author kept their text over version %d by The editor", int(current["version"].(float64)))
		if len(revs) < 2 || !strings.Contains(revs[0].Note, want) {
			t.Errorf("the revision does not say who overrode whom: %+v", revs)
		}
		if old, err := st.RevisionContent(ctx, a.ID, revs[1].Version); err != nil || old.Headline != "Ferry strike called off" {
			t.Errorf("the overridden text is not in the revisions: %q %v", old.Headline, err)
		}
		log, _ := st.AuditLog(ctx, 20, 0)
		found := false
		for _, e := range log {
			found = found || e.Action == "article.override" && strings.Contains(e.Detail, want)
		}
		if !found {
			t.Error("the audit log does not record the override")
		}
	})
}

// TestPreviewDatesAndBar (issue 14 item 5): a draft's preview carries the
// date it would have now, a scheduled one its scheduled time, never year
// 1; a bar says it is not published; the page is noindex and not stored.
func TestPreviewDatesAndBar(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Draft, "Winter berths")
		ed := d.clients[news.RoleEditor]
		path := fmt.Sprintf("/admin/preview/%d", a.ID)
		pv := d.do(ed, "GET", path, nil)
		if pv.status != 200 || strings.Contains(pv.body, "0001") || !strings.Contains(pv.body, "2 December 2026") ||
			!strings.Contains(pv.body, "Preview — not published") || !strings.Contains(pv.body, `<meta name="robots" content="noindex">`) ||
			pv.header.Get("Cache-Control") != "private, no-store" {
			t.Errorf("a draft's preview: %d, cache %q", pv.status, pv.header.Get("Cache-Control"))
		}
		at := time.Date(2026, 12, 8, 7, 0, 0, 0, time.UTC)
		if code, doc := d.api(news.RoleEditor, "POST", articlePath(a)+"/publish", map[string]any{"base": v, "at": at}); code != 200 {
			t.Fatalf("scheduling: %d %v", code, doc)
		}
		if pv = d.do(ed, "GET", path, nil); !strings.Contains(pv.body, `datetime="2026-12-08T07:00:00Z"`) || !strings.Contains(pv.body, "8 December 2026") {
			t.Error("a scheduled article's preview does not carry its scheduled time")
		}
	})
}

// TestRevisionsPageShowsParagraphs: the revisions page shows what a save
// changed paragraph by paragraph, the change inside its own paragraph.
func TestRevisionsPageShowsParagraphs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Draft, "Pier lights")
		a.Body = append(a.Body, blocks.P(blocks.T("The lights go on at dusk.")))
		if code, _ := d.api(news.RoleAuthor, "PUT", articlePath(a), map[string]any{"base": v, "article": a}); code != 200 {
			t.Fatal(code)
		}
		page := d.do(d.clients[news.RoleAuthor], "GET", fmt.Sprintf("/admin/articles/%d/revisions", a.ID), nil)
		if page.status != 200 || !strings.Contains(page.body, "<p>The harbour master said so on Tuesday. </p><p><ins>The lights go on at dusk.</ins> </p>") {
			t.Errorf("the revisions page does not keep paragraphs apart: %d", page.status)
		}
	})
}
