package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestStaleSaveIsRefused: two editors open version 1; the first save wins,
// the second is refused with the newer text, and nothing is overwritten.
func TestStaleSaveIsRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		a := article("Harbour dredging starts", f.world, f.ana)
		a.Status = news.Draft
		v1, err := st.SaveEdit(ctx, store.Edit{Article: a})
		if err != nil || v1 != 1 {
			t.Fatalf("first save: version %d, %v", v1, err)
		}
		mine, theirs := *a, *a
		mine.Headline = "Harbour dredging starts on Monday"
		theirs.Headline = "Harbour dredging delayed"
		v2, err := st.SaveEdit(ctx, store.Edit{Article: &theirs, Base: v1})
		if err != nil || v2 != 2 {
			t.Fatalf("their save: version %d, %v", v2, err)
		}
		_, err = st.SaveEdit(ctx, store.Edit{Article: &mine, Base: v1})
		var stale *store.StaleError
		if !errors.As(err, &stale) || news.ErrorCode(err) != news.ECONFLICT {
			t.Fatalf("a save based on version 1 after version 2: %v, want a stale-save conflict", err)
		}
		if stale.Version != 2 || stale.Current.Headline != "Harbour dredging delayed" {
			t.Errorf("the conflict shows version %d %q, want version 2 with their headline", stale.Version, stale.Current.Headline)
		}
		got, _ := st.ArticleByID(ctx, a.ID)
		if got.Headline != "Harbour dredging delayed" {
			t.Errorf("the refused save overwrote the article: %q", got.Headline)
		}
		revs, err := st.Revisions(ctx, a.ID)
		if err != nil || len(revs) != 2 || revs[0].Version != 2 {
			t.Fatalf("revisions: %+v %v", revs, err)
		}
		old, err := st.RevisionContent(ctx, a.ID, 1)
		if err != nil || old.Headline != "Harbour dredging starts" {
			t.Errorf("version 1 reads back as %q, %v", old.Headline, err)
		}
	})
}

// TestSaveIsAuditedWithIt: the audit entry an edit carries is written with
// the save, and a save refused as stale leaves none behind.
func TestSaveIsAuditedWithIt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newFixture(t, st)
		a := article("Harbour dredging starts", f.world, f.ana)
		a.Status = news.Draft
		entry := func(detail string) *news.AuditEntry {
			return &news.AuditEntry{Email: "ana@courier.example", Action: "article.save", Subject: "article", Detail: detail}
		}
		v1, err := st.SaveEdit(ctx, store.Edit{Article: a, Audit: entry("first")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SaveEdit(ctx, store.Edit{Article: a, Base: v1, Audit: entry("second")}); err != nil {
			t.Fatal(err)
		}
		stale := *a
		stale.Headline = "Harbour dredging stops"
		if _, err := st.SaveEdit(ctx, store.Edit{Article: &stale, Base: v1, Audit: entry("refused")}); news.ErrorCode(err) != news.ECONFLICT {
			t.Fatalf("a stale save: %v, want a conflict", err)
		}
		log, err := st.AuditLog(ctx, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		var details []string
		for _, e := range log {
			details = append(details, e.Detail)
		}
		if len(details) != 2 || details[0] != "second" || details[1] != "first" {
			t.Errorf("the audit log holds %q, want the two saves and not the refused one", details)
		}
	})
}

// TestScheduledArticleIsPublishedOnceOnTime: a scheduled article goes out
// when its time comes, not before, and once, even with several nodes running
// the jobs at the same moment.
func TestScheduledArticleIsPublishedOnceOnTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		a := article("Budget embargoed until noon", f.business, f.ben)
		a.Status = news.Draft
		at := t0.Add(2 * time.Hour)
		if _, err := st.SaveEdit(ctx, store.Edit{Article: a, PublishAt: &at}); err != nil {
			t.Fatal(err)
		}
		state, _ := st.ArticleState(ctx, a.ID)
		if state.Stage(news.Draft) != "scheduled" || !state.PublishAt.Equal(at) {
			t.Errorf("state after scheduling: %+v", state)
		}
		if n, err := st.RunDueJobs(ctx); err != nil || n != 0 {
			t.Errorf("before its time: %d jobs ran, %v", n, err)
		}
		clock.Advance(2*time.Hour + time.Second)
		nodes := []*store.Store{st}
		if st.Engine() == "postgres" {
			// Other nodes on the same database, racing for the job.
			for range 3 {
				other, err := store.Open(ctx, st.DSN())
				if err != nil {
					t.Fatal(err)
				}
				defer other.Close()
				other.Now = clock.Now
				nodes = append(nodes, other)
			}
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		total := 0
		for _, n := range nodes {
			for range 3 {
				wg.Go(func() {
					ran, err := n.RunDueJobs(ctx)
					if err != nil {
						t.Error(err)
					}
					mu.Lock()
					total += ran
					mu.Unlock()
				})
			}
		}
		wg.Wait()
		if total != 1 {
			t.Errorf("the job ran %d times, want once", total)
		}
		got, err := st.ArticleByID(ctx, a.ID)
		if err != nil || got.Status != news.Published || !got.PublishedAt.Equal(at) {
			t.Errorf("after its time: status %s published %v, want published at %v (%v)", got.Status, got.PublishedAt, at, err)
		}
		revs, _ := st.Revisions(ctx, a.ID)
		scheduled := 0
		for _, r := range revs {
			if r.Note == "published as scheduled" {
				scheduled++
			}
		}
		if scheduled != 1 {
			t.Errorf("%d 'published as scheduled' revisions, want 1", scheduled)
		}
		if state, _ := st.ArticleState(ctx, a.ID); !state.PublishAt.IsZero() {
			t.Errorf("a published article is still scheduled: %+v", state)
		}
	})
}
