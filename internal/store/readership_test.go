package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// Many readers reading at once are each counted once per article and day,
// however often they reload, and the counts add up exactly.
func TestRecordViewConcurrent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		a, b := article("Harbour cranes", f.world, f.ana), article("Port strike", f.business, f.ben)
		for _, x := range []*news.Article{a, b} {
			if err := st.SaveArticle(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		const readers = 40
		var wg sync.WaitGroup
		errs := make(chan error, readers)
		for r := range readers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ip := fmt.Sprintf("203.0.113.%d", r)
				ua := "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
				// Every reader reads a three times; even readers also read b.
				for range 3 {
					if _, err := st.RecordView(ctx, a.ID, ip, ua); err != nil {
						errs <- err
						return
					}
				}
				if r%2 == 0 {
					if _, err := st.RecordView(ctx, b.ID, ip, ua); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		views, err := st.ArticleViews(ctx, []int64{a.ID, b.ID}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if views[a.ID] != readers || views[b.ID] != readers/2 {
			t.Errorf("views = %v, want %d for a and %d for b", views, readers, readers/2)
		}
		most, err := st.MostRead(ctx, t0.Add(-24*time.Hour), 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := headlines(most); got != "Harbour cranes|Port strike" {
			t.Errorf("most read = %s", got)
		}
	})
}

// A reader is counted again on a new day, the old day's salt and hashes are
// gone once the day rolls over, and counters fall out of "most read" when
// they are older than its window. Drafts are never counted.
func TestRecordViewDays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		a := article("Harbour cranes", f.world, f.ana)
		draft := article("Not yet", f.world, f.ana)
		draft.Status = news.Draft
		for _, x := range []*news.Article{a, draft} {
			if err := st.SaveArticle(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		view := func(id int64) bool {
			t.Helper()
			ok, err := st.RecordView(ctx, id, "198.51.100.7", "Mozilla/5.0 Safari/605.1.15")
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !view(a.ID) || view(a.ID) {
			t.Error("the first view should count and the repeat should not")
		}
		if view(draft.ID) || view(999999) {
			t.Error("a draft or a missing article was counted")
		}
		clock.Advance(24 * time.Hour)
		if !view(a.ID) {
			t.Error("the same reader on the next day was not counted")
		}
		salts := rows(t, st, "view_salts")
		today := fmt.Sprint(st.Now().Truncate(24 * time.Hour).Unix())
		if len(salts) != 2 || salts[1][0] != today {
			t.Errorf("after the day rolled over, view_salts holds %d rows (want 1, today's only)", len(salts)-1)
		}
		if seen := rows(t, st, "view_seen"); len(seen) != 2 {
			t.Errorf("view_seen holds %d rows after the day rolled over, want today's 1", len(seen)-1)
		}
		views, _ := st.ArticleViews(ctx, []int64{a.ID}, time.Time{})
		if views[a.ID] != 2 {
			t.Errorf("all-time views = %d, want 2", views[a.ID])
		}
		clock.Advance(7*24*time.Hour + time.Hour)
		if err := st.ForgetOldViewSalts(ctx); err != nil {
			t.Fatal(err)
		}
		if n := len(rows(t, st, "view_salts")) + len(rows(t, st, "view_seen")); n != 2 {
			t.Errorf("ForgetOldViewSalts left %d rows", n-2)
		}
		most, _ := st.MostRead(ctx, st.Now().Add(-7*24*time.Hour), 5)
		if len(most) != 0 {
			t.Errorf("most read of the last 7 days = %s, want none", headlines(most))
		}
	})
}

// Nothing stored about readership or consent can identify a reader: no IP
// address, no user agent, not even a hash that outlives its day's salt.
func TestReadershipStoresNothingIdentifying(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		a := article("Harbour cranes", f.world, f.ana)
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		const ip, ua = "192.0.2.55", "Mozilla/5.0 (Reader-Identifying-Browser 9.9)"
		if _, err := st.RecordView(ctx, a.ID, ip, ua); err != nil {
			t.Fatal(err)
		}
		if err := st.RecordConsent(ctx, &store.Consent{Purposes: []string{"embeds"}, PolicyVersion: "3"}); err != nil {
			t.Fatal(err)
		}
		tables := []string{"article_views", "view_salts", "view_seen", "consents"}
		for _, table := range tables {
			text := tableText(t, st, table)
			for _, secret := range []string{ip, ua, "192.0.2", "Reader-Identifying"} {
				if strings.Contains(text, secret) {
					t.Errorf("%s holds %q", table, secret)
				}
			}
		}
		if got := rows(t, st, "article_views")[0]; strings.Join(got, ",") != "article_id,hour,views" {
			t.Errorf("article_views columns = %v", got)
		}
		if got := rows(t, st, "consents")[0]; strings.Join(got, ",") != "id,purposes,policy_version,gpc,created_at" {
			t.Errorf("consents columns = %v", got)
		}
		// Next day: the hash of yesterday's view and its salt are gone, so
		// nothing links the counter to the reader any more.
		clock.Advance(24 * time.Hour)
		if err := st.ForgetOldViewSalts(ctx); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"view_salts", "view_seen"} {
			if n := len(rows(t, st, table)) - 1; n != 0 {
				t.Errorf("%s keeps %d rows of yesterday", table, n)
			}
		}
	})
}

func TestRecordConsent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		yes := store.Consent{Purposes: []string{"embeds", "analytics"}, PolicyVersion: "2026-12"}
		if err := st.RecordConsent(ctx, &yes); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
		no := store.Consent{PolicyVersion: "2026-12", GPC: true}
		if err := st.RecordConsent(ctx, &no); err != nil {
			t.Fatal(err)
		}
		if len(yes.ID) != 32 || yes.ID == no.ID {
			t.Errorf("ids %q and %q: want two different 32-digit random ids", yes.ID, no.ID)
		}
		got, err := st.Consents(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != no.ID || len(got[0].Purposes) != 0 || !got[0].GPC ||
			got[1].ID != yes.ID || strings.Join(got[1].Purposes, ",") != "embeds,analytics" ||
			got[1].PolicyVersion != "2026-12" || !got[1].At.Equal(t0) {
			t.Errorf("consents = %+v", got)
		}
	})
}

func rows(t *testing.T, st *store.Store, table string) [][]string {
	t.Helper()
	out, err := st.TableRows(context.Background(), table)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func tableText(t *testing.T, st *store.Store, table string) string {
	t.Helper()
	var b strings.Builder
	for _, r := range rows(t, st, table) {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.String()
}
