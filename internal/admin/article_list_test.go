package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// listDesk is a desk with an article in every stage, one in a second
// section and one tagged, each changed a minute after the one before.
type listDesk struct {
	*desk
	sport news.Section
	ids   map[string]int64 // by headline
}

func newListDesk(t *testing.T, st *store.Store) *listDesk {
	t.Helper()
	ctx := context.Background()
	l := &listDesk{desk: newDesk(t, st), sport: news.Section{Name: "Sport", Position: 2}, ids: map[string]int64{}}
	if err := st.CreateSection(ctx, &l.sport); err != nil {
		t.Fatal(err)
	}
	save := func(e store.Edit) {
		t.Helper()
		if _, err := st.SaveEdit(ctx, e); err != nil {
			t.Fatalf("%s: %v", e.Article.Headline, err)
		}
		l.ids[e.Article.Headline] = e.Article.ID
		l.clock.Advance(time.Minute)
	}
	art := func(owner news.Role, status news.Status, headline string) *news.Article {
		a, _ := l.draft(owner, status, headline)
		l.ids[headline] = a.ID
		l.clock.Advance(time.Minute)
		return &a
	}
	art(news.RoleEditor, news.Draft, "Quay wall plans drafted")
	art(news.RoleContributor, news.Draft, "Lifeboat crew rehearses")
	yes := true
	sub := art(news.RoleAuthor, news.Draft, "Pier repairs approved")
	save(store.Edit{Article: sub, Base: 1, By: l.users[news.RoleAuthor].ID, Submitted: &yes})
	sched := art(news.RoleEditor, news.Draft, "Regatta returns")
	at := l.clock.Now().Add(48 * time.Hour)
	save(store.Edit{Article: sched, Base: 1, By: l.users[news.RoleEditor].ID, PublishAt: &at})
	ferry := art(news.RoleAuthor, news.Published, "Ferry timetable changes")
	ferry.Tags = []news.Tag{{Name: "Ferries"}}
	save(store.Edit{Article: ferry, Base: 1, By: l.users[news.RoleAuthor].ID})
	bridge := art(news.RoleEditor, news.Published, "Bridge closes for a week")
	changed := *bridge
	changed.Headline = "Bridge closes for ten days"
	if _, err := st.SaveEdit(ctx, store.Edit{Article: &changed, Base: 1, By: l.users[news.RoleEditor].ID, Pending: true}); err != nil {
		t.Fatal(err)
	}
	gone := art(news.RoleEditor, news.Published, "Withdrawn report")
	gone.Status = news.Unpublished
	save(store.Edit{Article: gone, Base: 1, By: l.users[news.RoleEditor].ID})
	row := art(news.RoleEditor, news.Published, "Rowing final won")
	row.Section = l.sport
	save(store.Edit{Article: row, Base: 1, By: l.users[news.RoleEditor].ID})
	return l
}

// list fetches the article list as role with the query q.
func (l *listDesk) list(role news.Role, q string) answer {
	l.t.Helper()
	return l.do(l.clients[role], "GET", "/admin/articles?"+q, nil)
}

// shows reports which of the headlines a page lists, in the order given.
func shows(body string, headlines ...string) string {
	var out []string
	for _, h := range headlines {
		if strings.Contains(body, ">"+h+"</a>") {
			out = append(out, h)
		}
	}
	return strings.Join(out, ", ")
}

var everyHeadline = []string{"Rowing final won", "Withdrawn report", "Bridge closes for a week", "Ferry timetable changes",
	"Regatta returns", "Pier repairs approved", "Lifeboat crew rehearses", "Quay wall plans drafted"}

// TestArticleListFilters: every filter of the list, on both databases, as
// an editor, who sees everyone's articles.
func TestArticleListFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		l := newListDesk(t, st)
		all := strings.Join(everyHeadline, ", ")
		for _, c := range []struct{ query, want string }{
			{"", all},
			{"q=lifeboat", "Lifeboat crew rehearses"},
			{"q=ferry", "Ferry timetable changes"},
			{"q=" + url.QueryEscape(`"harbour master" regatta`), "Regatta returns"},
			{"q=zeppelin", ""},
			{"stage=draft", "Lifeboat crew rehearses, Quay wall plans drafted"},
			{"stage=submitted", "Pier repairs approved"},
			{"stage=scheduled", "Regatta returns"},
			{"stage=published", "Rowing final won, Ferry timetable changes"},
			{"stage=pending", "Bridge closes for a week"},
			{"stage=unpublished", "Withdrawn report"},
			{fmt.Sprint("section=", l.sport.ID), "Rowing final won"},
			{fmt.Sprint("author=", l.profiles[news.RoleAuthor].ID), "Ferry timetable changes, Pier repairs approved"},
			{"tag=Ferries", "Ferry timetable changes"},
			{"tag=ferries&stage=draft", ""},
			{"from=2026-12-02&to=2026-12-02", all},
			{"from=2026-12-03", ""},
			{"to=2026-12-01", ""},
			{"mine=1", "Rowing final won, Withdrawn report, Bridge closes for a week, Regatta returns, Quay wall plans drafted"},
		} {
			a := l.list(news.RoleEditor, c.query)
			if a.status != http.StatusOK {
				t.Errorf("?%s: %d", c.query, a.status)
				continue
			}
			if got := shows(a.body, everyHeadline...); got != c.want {
				t.Errorf("?%s lists %q, want %q", c.query, got, c.want)
			}
		}
		// The list shows when a scheduled article goes out, and that a
		// live one has changes waiting.
		a := l.list(news.RoleEditor, "")
		for _, want := range []string{"goes out <time", "changes not yet live, saved <time", "Waiting for review"} {
			if !strings.Contains(a.body, want) {
				t.Errorf("the list lacks %q", want)
			}
		}
	})
}

// TestArticleListRefusesBadFilters: a filter it cannot use is named, with
// 400, never a 500 and never a list that ignores it.
func TestArticleListRefusesBadFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		l := newListDesk(t, st)
		for _, c := range []struct{ query, want string }{
			{"stage=lost", "Choose a status from the list."},
			{"section=harbour", "Choose a section from the list."},
			{"author=-3", "Choose a author from the list."},
			{"tag=no-such-tag", "No article has the tag “no-such-tag”."},
			{"from=2026-13-45", "Give a date as year-month-day"},
			{"from=2026-12-05&to=2026-12-01", "The end date is before the start date."},
			{"after=yesterday", "That page of the list does not exist"},
			{"q=" + strings.Repeat("x", 201), "Search for at most 200 characters."},
		} {
			a := l.list(news.RoleEditor, c.query)
			if a.status != http.StatusBadRequest || !strings.Contains(a.body, c.want) {
				t.Errorf("?%.40s: %d, want 400 saying %q", c.query, a.status, c.want)
			}
			if got := shows(a.body, everyHeadline...); got != "" {
				t.Errorf("?%.40s still lists %s", c.query, got)
			}
		}
	})
}

// TestArticleListFollowsTheRules: a contributor's list holds their own
// articles only, however they filter; an author sees everyone's.
func TestArticleListFollowsTheRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		l := newListDesk(t, st)
		for _, q := range []string{"", "stage=draft", "q=quay", "q=lifeboat"} {
			got := shows(l.list(news.RoleContributor, q).body, everyHeadline...)
			want := "Lifeboat crew rehearses"
			if q == "q=quay" {
				want = ""
			}
			if got != want {
				t.Errorf("a contributor's list ?%s shows %q, want %q", q, got, want)
			}
		}
		if got := shows(l.list(news.RoleAuthor, "").body, everyHeadline...); got != strings.Join(everyHeadline, ", ") {
			t.Errorf("an author's list shows %q, want every article", got)
		}
		if body := l.list(news.RoleContributor, "").body; strings.Contains(body, `value="unpublish"`) {
			t.Error("a contributor is offered to unpublish")
		}
	})
}

// TestDashboardLinksAndMostRead: each dashboard list links to the article
// list filtered the same way; recently published is by publication time,
// not by last change; the most read are there for those who may open them.
func TestDashboardLinksAndMostRead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		l := newListDesk(t, st)
		ctx := context.Background()
		// The ferry story was published before the rowing final and
		// changed after it.
		ed := l.editable("Ferry timetable changes")
		ferry := ed.Live
		ferry.Standfirst = "Corrected times."
		if _, err := st.SaveEdit(ctx, store.Edit{Article: &ferry, Base: ed.State.Version, By: l.users[news.RoleEditor].ID}); err != nil {
			t.Fatal(err)
		}
		if err := st.AddViews(ctx, l.ids["Rowing final won"], l.clock.Now().Add(-time.Hour), 4321); err != nil {
			t.Fatal(err)
		}
		page := l.do(l.clients[news.RoleEditor], "GET", "/admin", nil).body
		for _, want := range []string{`href="/admin/articles?stage=draft"`, `href="/admin/articles?stage=submitted"`,
			`href="/admin/articles?stage=scheduled"`, `href="/admin/articles?stage=pending"`, `href="/admin/articles?stage=published"`,
			`<h2 id="most-read">Most read, last 7 days</h2>`, "<td>4321</td>"} {
			if !strings.Contains(page, want) {
				t.Errorf("the editor's dashboard lacks %s", want)
			}
		}
		published := page[strings.Index(page, `id="published"`):]
		if r, f := strings.Index(published, "Rowing final won"), strings.Index(published, "Ferry timetable changes"); r < 0 || f < r {
			t.Errorf("recently published is not newest publication first (rowing at %d, ferry at %d)", r, f)
		}
		page = l.do(l.clients[news.RoleContributor], "GET", "/admin", nil).body
		if !strings.Contains(page, `href="/admin/articles?stage=draft&amp;mine=1"`) || strings.Contains(page, "Most read") {
			t.Error("the contributor's dashboard should link to their own drafts and leave out the most read")
		}
	})
}
