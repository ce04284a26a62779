package store_test

import (
	"context"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// headlines of a page of the list, in order.
func listed(t *testing.T, st *store.Store, f store.ArticleFilter) ([]string, store.ListCursor) {
	t.Helper()
	p, err := st.ArticleList(context.Background(), f)
	if err != nil {
		t.Fatalf("ArticleList(%+v): %v", f, err)
	}
	var out []string
	for _, a := range p.Articles {
		out = append(out, a.Headline)
	}
	return out, p.Next
}

// TestArticleListPagesByLastChange: the list is most recently changed
// first, and its pages follow one another by key with nothing lost or
// repeated, even where articles share a time of change.
func TestArticleListPagesByLastChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		var want []string
		for i, h := range []string{"One", "Two", "Three", "Four", "Five"} {
			if i != 3 { // Three and Four share their time of change, across a page
				clock.Advance(time.Minute)
			}
			a := article(h, f.world, f.ana)
			a.Status = news.Draft
			if _, err := st.SaveEdit(ctx, store.Edit{Article: a}); err != nil {
				t.Fatal(err)
			}
			want = append([]string{h}, want...)
		}
		var got []string
		var after store.ListCursor
		for page := 0; page < 5; page++ {
			list, next := listed(t, st, store.ArticleFilter{Limit: 2, After: after})
			got = append(got, list...)
			if next == (store.ListCursor{}) {
				break
			}
			after = next
		}
		if len(got) != len(want) {
			t.Fatalf("pages of 2 give %q, want %q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("pages of 2 give %q, want %q", got, want)
			}
		}
	})
}

// TestStaffSearchFindsDraftsReadersNever: the newsroom's search finds a
// draft by a word of its body; the readers' search does not, before or
// after it is published and unpublished, and the staff search follows it.
func TestStaffSearchFindsDraftsReadersNever(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		a := article("Lifeboat launch", f.world, f.ana)
		a.Body[0] = article("Volunteers rehearse at Porthgwidden", f.world).Body[0]
		a.Status = news.Draft
		if _, err := st.SaveEdit(ctx, store.Edit{Article: a}); err != nil {
			t.Fatal(err)
		}
		staff := func() []string {
			got, _ := listed(t, st, store.ArticleFilter{Text: "porthgwidden"})
			return got
		}
		readers := func() int {
			res, err := st.Search(ctx, store.SearchQuery{Text: "porthgwidden"})
			if err != nil {
				t.Fatal(err)
			}
			return len(res.Hits)
		}
		if got := staff(); len(got) != 1 || readers() != 0 {
			t.Fatalf("a draft: staff search finds %q, readers %d; want the draft for staff only", got, readers())
		}
		a.Status = news.Published
		if _, err := st.SaveEdit(ctx, store.Edit{Article: a, Base: 1}); err != nil {
			t.Fatal(err)
		}
		if got := staff(); len(got) != 1 || readers() != 1 {
			t.Fatalf("published: staff search finds %q, readers %d; want it once in each", got, readers())
		}
		a.Status = news.Unpublished
		if _, err := st.SaveEdit(ctx, store.Edit{Article: a, Base: 2}); err != nil {
			t.Fatal(err)
		}
		if got := staff(); len(got) != 1 || readers() != 0 {
			t.Fatalf("unpublished: staff search finds %q, readers %d; want it for staff only", got, readers())
		}
		// A rebuilt index agrees.
		if err := st.Reindex(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if got := staff(); len(got) != 1 || readers() != 0 {
			t.Fatalf("after reindex: staff search finds %q, readers %d", got, readers())
		}
	})
}
