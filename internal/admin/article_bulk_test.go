package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// bulk posts a bulk action as role.
func (l *listDesk) bulk(role news.Role, form url.Values, headlines ...string) answer {
	l.t.Helper()
	for _, h := range headlines {
		form.Add("id", fmt.Sprint(l.ids[h]))
	}
	return l.do(l.clients[role], "POST", "/admin/articles/bulk", form)
}

func (l *listDesk) editable(headline string) store.Editable {
	l.t.Helper()
	ed, err := l.st.EditableArticle(context.Background(), l.ids[headline])
	if err != nil {
		l.t.Fatal(err)
	}
	return ed
}

// TestBulkUnpublishAsksFirst: the first post names the count and changes
// nothing; the confirmation unpublishes through the single action's path
// (a revision and an audit entry each), and an article it cannot apply to
// is reported, not skipped in silence.
func TestBulkUnpublishAsksFirst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		l := newListDesk(t, st)
		chosen := []string{"Ferry timetable changes", "Rowing final won", "Quay wall plans drafted"}
		a := l.bulk(news.RoleEditor, url.Values{"action": {"unpublish"}}, chosen...)
		if a.status != http.StatusOK || !strings.Contains(a.body, "Unpublish 2 articles?") ||
			!strings.Contains(a.body, "Quay wall plans drafted: Only a published article can be unpublished.") {
			t.Fatalf("the confirmation: %d %s", a.status, a.body)
		}
		if l.editable("Ferry timetable changes").Live.Status != news.Published {
			t.Fatal("asking changed the article already")
		}
		form := url.Values{"action": {"unpublish"}, "confirm": {"yes"}}
		a = l.bulk(news.RoleEditor, form, chosen...)
		if a.status != http.StatusOK || !strings.Contains(a.body, "Unpublished 2 articles") {
			t.Fatalf("the action: %d %s", a.status, a.body)
		}
		for _, h := range chosen[:2] {
			ed := l.editable(h)
			if ed.Live.Status != news.Unpublished {
				t.Errorf("%s is %s after the bulk unpublish", h, ed.Live.Status)
			}
			revs, err := st.Revisions(context.Background(), ed.Live.ID)
			if err != nil || len(revs) == 0 || !strings.Contains(revs[0].Note, "(bulk)") {
				t.Errorf("%s: no revision of the bulk action: %+v %v", h, revs, err)
			}
		}
		log, err := st.AuditLog(context.Background(), 20, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range log {
			if e.Action == "article.unpublish" {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%d unpublish entries in the audit log, want 2", n)
		}
	})
}

// TestBulkRespectsTheRules: an author may unpublish their own story but not
// the editor's, and is told so by name.
func TestBulkRespectsTheRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		l := newListDesk(t, st)
		a := l.bulk(news.RoleAuthor, url.Values{"action": {"unpublish"}, "confirm": {"yes"}}, "Ferry timetable changes", "Rowing final won")
		if a.status != http.StatusOK || !strings.Contains(a.body, "Unpublished 1 article") ||
			!strings.Contains(a.body, "Rowing final won: It is published, and your role (author) may not unpublish it.") {
			t.Fatalf("%d %s", a.status, a.body)
		}
		if l.editable("Rowing final won").Live.Status != news.Published {
			t.Error("the author unpublished the editor's story")
		}
		if l.editable("Ferry timetable changes").Live.Status != news.Unpublished {
			t.Error("the author's own story is still published")
		}
		// A contributor is not offered unpublishing, and cannot send it.
		a = l.bulk(news.RoleContributor, url.Values{"action": {"unpublish"}}, "Lifeboat crew rehearses")
		if a.status != http.StatusBadRequest || !strings.Contains(a.body, "Choose an action from the list (action).") {
			t.Errorf("a contributor's bulk unpublish: %d", a.status)
		}
		// Someone else's article is reported as such to a contributor.
		a = l.bulk(news.RoleContributor, url.Values{"action": {"tag"}, "tag": {"Boats"}}, "Lifeboat crew rehearses", "Quay wall plans drafted")
		if !strings.Contains(a.body, "Tag 1 article?") || !strings.Contains(a.body, "your role (contributor) opens only your own") {
			t.Errorf("a contributor's bulk tag: %d %s", a.status, a.body)
		}
	})
}

// TestBulkMoveAndTags: a draft moves at once; a live story's move waits as
// changes not yet live, as an edit in the editor would; tags are added and
// removed.
func TestBulkMoveAndTags(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		l := newListDesk(t, st)
		move := url.Values{"action": {"move"}, "section": {fmt.Sprint(l.sport.ID)}, "confirm": {"yes"}}
		a := l.bulk(news.RoleEditor, move, "Quay wall plans drafted", "Ferry timetable changes", "Rowing final won")
		if !strings.Contains(a.body, "Moved 2 articles") || !strings.Contains(a.body, "Rowing final won: It is in Sport already.") {
			t.Fatalf("%d %s", a.status, a.body)
		}
		if ed := l.editable("Quay wall plans drafted"); ed.Live.Section.ID != l.sport.ID {
			t.Errorf("the draft is in section %d", ed.Live.Section.ID)
		}
		if ed := l.editable("Ferry timetable changes"); ed.Live.Section.ID == l.sport.ID || !ed.State.Pending || ed.Article.Section.ID != l.sport.ID {
			t.Errorf("the live story: live in %d, pending %v in %d; want the move waiting", ed.Live.Section.ID, ed.State.Pending, ed.Article.Section.ID)
		}
		tag := url.Values{"action": {"tag"}, "tag": {"Harbour works"}, "confirm": {"yes"}}
		if a := l.bulk(news.RoleEditor, tag, "Quay wall plans drafted", "Lifeboat crew rehearses"); !strings.Contains(a.body, "Tagged 2 articles") {
			t.Fatalf("%d %s", a.status, a.body)
		}
		if got := shows(l.list(news.RoleEditor, "tag=harbour-works").body, everyHeadline...); got != "Lifeboat crew rehearses, Quay wall plans drafted" {
			t.Errorf("tagged: %q", got)
		}
		untag := url.Values{"action": {"untag"}, "tag": {"harbour works"}, "confirm": {"yes"}}
		if a := l.bulk(news.RoleEditor, untag, "Quay wall plans drafted", "Regatta returns"); !strings.Contains(a.body, "Untagged 1 article") ||
			!strings.Contains(a.body, "Regatta returns: It does not have the tag.") {
			t.Fatalf("%d %s", a.status, a.body)
		}
		if got := shows(l.list(news.RoleEditor, "tag=harbour-works").body, everyHeadline...); got != "Lifeboat crew rehearses" {
			t.Errorf("untagged: %q", got)
		}
	})
}

// TestBulkRefusesBadForms: each mistake is named, with 400, and nothing
// changes.
func TestBulkRefusesBadForms(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		l := newListDesk(t, st)
		for _, c := range []struct {
			form url.Values
			ids  []string
			want string
		}{
			{url.Values{"action": {"unpublish"}}, nil, "Choose at least one article (id)."},
			{url.Values{"action": {"shred"}}, []string{"Rowing final won"}, "Choose an action from the list (action)."},
			{url.Values{"action": {"move"}, "section": {"999999"}}, []string{"Rowing final won"}, "Choose the section to move them to (section)."},
			{url.Values{"action": {"tag"}, "tag": {" !! "}}, []string{"Rowing final won"}, "Type the tag (tag)."},
			{url.Values{"action": {"unpublish"}, "id": {"first"}}, nil, "are not articles of the list"},
		} {
			a := l.bulk(news.RoleEditor, c.form, c.ids...)
			if a.status != http.StatusBadRequest || !strings.Contains(a.body, c.want) {
				t.Errorf("%v: %d, want 400 saying %q", c.form, a.status, c.want)
			}
		}
		many := url.Values{"action": {"unpublish"}}
		for i := range 101 {
			many.Add("id", fmt.Sprint(i+1))
		}
		if a := l.bulk(news.RoleEditor, many); a.status != http.StatusBadRequest || !strings.Contains(a.body, "at most 100") {
			t.Errorf("101 articles: %d", a.status)
		}
		if l.editable("Rowing final won").Live.Status != news.Published {
			t.Error("a refused bulk action changed an article")
		}
	})
}
