package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestDeepPagesFollowTheList reads deep pages of lists long enough to be read
// from their marks, and requires each page to be exactly the rows an OFFSET
// over the list would give, newest first with ties broken by ID, also right
// after a publish and an unpublish move every later row by one; and a page
// past the end to be empty.
func TestDeepPagesFollowTheList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		const n = 430
		list := make([]news.Article, n)
		for i := range list {
			a := article(fmt.Sprintf("Story %d", i), f.world, f.ana)
			if i%3 == 0 {
				a.Section, a.Authors = f.business, []news.Author{f.ben}
			}
			a.Slug = fmt.Sprintf("story-%d", i)
			a.Tags = []news.Tag{{Name: "Harbour"}}
			// Pairs share a publication time, so the ID decides their order.
			a.PublishedAt = t0.Add(-time.Duration(n-i/2) * time.Hour)
			list[i] = *a
		}
		if err := st.ImportArticles(ctx, list); err != nil {
			t.Fatal(err)
		}
		tag, err := st.TagBySlug(ctx, "harbour")
		if err != nil {
			t.Fatal(err)
		}
		// want is every published headline of the list, newest first.
		want := func(keep func(a news.Article) bool) []string {
			var sorted []news.Article
			for _, a := range list {
				if a.Status == news.Published && keep(a) {
					sorted = append(sorted, a)
				}
			}
			slices.SortFunc(sorted, func(x, y news.Article) int {
				if c := y.PublishedAt.Compare(x.PublishedAt); c != 0 {
					return c
				}
				return int(y.ID - x.ID)
			})
			out := make([]string, len(sorted))
			for i, a := range sorted {
				out[i] = a.Headline
			}
			return out
		}
		check := func(when string) {
			t.Helper()
			for _, c := range []struct {
				name string
				q    store.TeaserQuery
				keep func(a news.Article) bool
			}{
				{"all", store.TeaserQuery{}, func(news.Article) bool { return true }},
				{"world", store.TeaserQuery{SectionID: f.world.ID}, func(a news.Article) bool { return a.Section.ID == f.world.ID }},
				{"ana", store.TeaserQuery{AuthorID: f.ana.ID}, func(a news.Article) bool { return a.Authors[0].ID == f.ana.ID }},
				{"tag", store.TeaserQuery{TagID: tag.ID}, func(news.Article) bool { return true }},
				{"range", store.TeaserQuery{From: t0.Add(-400 * time.Hour), To: t0.Add(-100 * time.Hour)}, func(a news.Article) bool {
					return !a.PublishedAt.Before(t0.Add(-400*time.Hour)) && a.PublishedAt.Before(t0.Add(-100*time.Hour))
				}},
			} {
				all := want(c.keep)
				for _, offset := range []int{0, 99, 100, 101, 199, 200, 257, len(all) - 21, len(all) - 1, len(all), len(all) + 500} {
					if offset < 0 {
						continue
					}
					q := c.q
					q.Limit, q.Offset = 21, offset
					got, err := st.Teasers(ctx, q)
					if err != nil {
						t.Fatalf("%s: %s offset %d: %v", when, c.name, offset, err)
					}
					exp := all[min(offset, len(all)):min(offset+21, len(all))]
					if g := headlinesOf(got); !slices.Equal(g, exp) {
						t.Errorf("%s: %s offset %d of %d:\n got %q\nwant %q", when, c.name, offset, len(all), g, exp)
					}
				}
			}
		}
		check("after the import")

		// A new story at the top moves every row of its lists down by one.
		top := article("The newest story", f.world, f.ana)
		top.Tags = []news.Tag{{Name: "Harbour"}}
		top.PublishedAt = t0
		if err := st.SaveArticle(ctx, top); err != nil {
			t.Fatal(err)
		}
		list = append(list, *top)
		check("after a publish")

		// Taking an old story down moves every row older than it up by one.
		old := list[10]
		old.Status = news.Unpublished
		if err := st.SaveArticle(ctx, &old); err != nil {
			t.Fatal(err)
		}
		list[10] = old
		check("after an unpublish")
	})
}

func headlinesOf(list []news.Teaser) []string {
	out := make([]string, len(list))
	for i, t := range list {
		out[i] = t.Headline
	}
	return out
}
