package admin_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestDashboardShowsLastBackup: once a scheduled backup has succeeded, the
// dashboard says when.
func TestDashboardShowsLastBackup(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		if page := d.do(d.clients[news.RoleEditor], "GET", "/admin", nil); strings.Contains(page.body, "Last backup") {
			t.Errorf("the dashboard tells of a backup before any was made")
		}
		ctx := context.Background()
		id, ok, err := st.ClaimBackup(ctx, 24*time.Hour, time.Hour)
		if err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		if err := st.FinishBackup(ctx, id, false, 0); err != nil {
			t.Fatal(err)
		}
		want := "Last backup: " + d.clock.T.UTC().Format("2 Jan 2006 15:04 UTC")
		if page := d.do(d.clients[news.RoleEditor], "GET", "/admin", nil); !strings.Contains(page.body, want) {
			t.Errorf("the dashboard does not say %q", want)
		}
	})
}
