package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestCorrectionsFromTheNewsroom: a correction with a time of the editor's
// choosing reaches the cached article page, its JSON-LD, the feed and
// dateModified at once; it is in the audit log and the revisions; it can be
// reworded for 15 minutes and is permanent after; bad notes are refused
// with the field named and nothing changed.
func TestCorrectionsFromTheNewsroom(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Published, "Harbour dues frozen for a year")
		path := articlePath(a)
		reader := d.browser()
		// Fill the cache first: the correction must purge it.
		for _, p := range []string{a.URL(), "/feed.atom"} {
			if r := d.do(reader, "GET", p, nil); r.status != 200 {
				t.Fatalf("%s: %d", p, r.status)
			}
		}
		d.clock.Advance(time.Hour)
		at := d.clock.T.Add(-20 * time.Minute)
		code, doc := d.api(news.RoleEditor, "POST", path+"/note", map[string]any{"base": v, "kind": "correction",
			"text": "An earlier version gave the freeze as two years.", "at": at.Format(time.RFC3339)})
		if code != 200 || doc["message"] != "Correction published" {
			t.Fatalf("adding a correction: %d %v", code, doc)
		}
		v2 := int(doc["version"].(float64))
		page := d.do(reader, "GET", a.URL(), nil).body
		for _, want := range []string{"An earlier version gave the freeze as two years.", `"@type":"CorrectionComment"`,
			fmt.Sprintf(`<time datetime="%s">`, at.Format(time.RFC3339)), `"dateModified":"` + d.clock.T.Format(time.RFC3339)} {
			if !strings.Contains(page, want) {
				t.Errorf("the article page after the correction lacks %s", want)
			}
		}
		if feed := d.do(reader, "GET", "/feed.atom", nil).body; !strings.Contains(feed, "<updated>"+d.clock.T.Format(time.RFC3339)+"</updated>") {
			t.Errorf("the feed does not carry the correction's time as the article's update")
		}
		revs, _ := st.Revisions(ctx, a.ID)
		if len(revs) == 0 || revs[0].Version != v2 || revs[0].Note != "added a correction" {
			t.Errorf("the revisions do not list the correction: %+v", revs)
		}
		log, _ := st.AuditLog(ctx, 5, 0)
		if len(log) == 0 || log[0].Action != "article.note" || !strings.Contains(log[0].Detail, "two years") {
			t.Errorf("the audit log does not record the correction: %+v", log)
		}

		// Reworded within 15 minutes: the page shows the new words only.
		d.clock.Advance(10 * time.Minute)
		code, doc = d.api(news.RoleEditor, "PUT", path+"/notes/1", map[string]any{"base": v2, "text": "An earlier version gave the freeze as two years; it is one."})
		if code != 200 {
			t.Fatalf("rewording after 10 minutes: %d %v", code, doc)
		}
		v3 := int(doc["version"].(float64))
		page = d.do(reader, "GET", a.URL(), nil).body
		if !strings.Contains(page, "it is one.") || strings.Contains(page, "two years.<") {
			t.Error("the article page does not show the reworded correction alone")
		}
		// A stale base is refused as a conflict.
		if code, _ := d.api(news.RoleEditor, "PUT", path+"/notes/1", map[string]any{"base": v2, "text": "Stale."}); code != http.StatusConflict {
			t.Errorf("rewording from an old version: %d, want 409", code)
		}
		// After 15 minutes it is permanent.
		d.clock.Advance(6 * time.Minute)
		code, doc = d.api(news.RoleEditor, "PUT", path+"/notes/1", map[string]any{"base": v3, "text": "Quietly changed."})
		if code != http.StatusConflict || !strings.Contains(fmt.Sprint(doc["error"]), "permanent") {
			t.Errorf("rewording after 16 minutes: %d %v, want 409 saying it is permanent", code, doc)
		}
		for _, c := range []struct {
			name string
			body map[string]any
			want int
		}{
			{"no text", map[string]any{"base": v3, "kind": "update", "text": "  "}, http.StatusUnprocessableEntity},
			{"no kind", map[string]any{"base": v3, "kind": "aside", "text": "Hello."}, http.StatusUnprocessableEntity},
			{"a future time", map[string]any{"base": v3, "kind": "update", "text": "Later.", "at": d.clock.T.Add(time.Hour).Format(time.RFC3339)}, http.StatusUnprocessableEntity},
		} {
			if code, _ := d.api(news.RoleEditor, "POST", path+"/note", c.body); code != c.want {
				t.Errorf("%s: %d, want %d", c.name, code, c.want)
			}
		}
		// A contributor's role may not add notes to another's story.
		if code, _ := d.api(news.RoleContributor, "POST", path+"/note", map[string]any{"base": v3, "kind": "update", "text": "Mine."}); code != http.StatusForbidden {
			t.Errorf("a contributor adding a note: %d, want 403", code)
		}
		saved, _ := st.ArticleByID(ctx, a.ID)
		if len(saved.Notes) != 1 || !strings.HasSuffix(saved.Notes[0].Text, "it is one.") {
			t.Errorf("the stored notes after the refusals: %+v", saved.Notes)
		}
		// A permanent correction is corrected by a later one, beside it.
		code, doc = d.api(news.RoleEditor, "POST", path+"/note", map[string]any{"base": v3, "kind": "correction",
			"text": "The correction above gave the freeze as one year; it is eighteen months."})
		if code != 200 {
			t.Fatalf("a later correction: %d %v", code, doc)
		}
		page = d.do(reader, "GET", a.URL(), nil).body
		if !strings.Contains(page, "it is one.") || !strings.Contains(page, "it is eighteen months.") {
			t.Error("the article page does not show both corrections")
		}
	})
}
