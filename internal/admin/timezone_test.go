package admin_test

import (
	"context"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestSiteTimeZone: with the site's time zone set, the reader's article
// page and the newsroom's dashboard show times in it, while <time
// datetime> keeps the UTC instant; a zone that does not exist is refused.
func TestSiteTimeZone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		a, _ := d.draft(news.RoleAuthor, news.Published, "Night ferry delayed") // at 10:00 UTC
		if err := st.SetTimeZone(ctx, "Nowhere/Atlantis"); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("an unknown zone: %v", err)
		}
		if err := st.SetTimeZone(ctx, "America/New_York"); err != nil {
			t.Fatal(err)
		}
		page := d.do(d.browser(), "GET", a.URL(), nil)
		if !strings.Contains(page.body, `<time datetime="2026-12-02T10:00:00Z">2 December 2026, 05:00 EST</time>`) {
			t.Error("the article page does not show its time in the site's time zone")
		}
		dash := d.do(d.clients[news.RoleEditor], "GET", "/admin", nil)
		if !strings.Contains(dash.body, "2 Dec 2026 05:00 EST") {
			t.Error("the dashboard does not show times in the site's time zone")
		}
	})
}
