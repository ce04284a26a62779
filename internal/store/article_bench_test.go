package store_test

import (
	"context"
	"testing"
	"time"

	"masthead/internal/store"
)

// BenchmarkArticleArchive reads the newest article of a filled site, alone
// and with its related articles as its page does: the store's share of an
// uncached article page.
func BenchmarkArticleArchive(b *testing.B) {
	st := archiveStore(b)
	ctx := context.Background()
	list, err := st.Teasers(ctx, store.TeaserQuery{Limit: 1})
	if err != nil || len(list) == 0 {
		b.Fatal("no article", err)
	}
	slug := list[0].Slug
	b.Run("alone", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if a, err := st.ArticleBySlug(ctx, slug); err != nil || a.ID == 0 {
				b.Fatal(a.ID, err)
			}
		}
	})
	// As the page read it before: the article, then its related
	// articles in a statement of their own.
	b.Run("then-related", func(b *testing.B) {
		b.ReportAllocs()
		var times []time.Duration
		for b.Loop() {
			start := time.Now()
			a, err := st.ArticleBySlug(ctx, slug)
			if err != nil || a.ID == 0 {
				b.Fatal(a.ID, err)
			}
			if related, err := st.Related(ctx, a.ID, 4); err != nil || len(related) == 0 {
				b.Fatal(len(related), err)
			}
			times = append(times, time.Since(start))
		}
		reportTimes(b, times)
	})
	b.Run("with-related", func(b *testing.B) {
		b.ReportAllocs()
		var times []time.Duration
		for b.Loop() {
			start := time.Now()
			a, related, err := st.ArticleWithRelated(ctx, slug, 4)
			if err != nil || a.ID == 0 || len(related) == 0 {
				b.Fatal(a.ID, len(related), err)
			}
			times = append(times, time.Since(start))
		}
		reportTimes(b, times)
	})
}
