package store_test

import (
	"context"
	"testing"
	"time"

	"masthead/internal/store"
)

// BenchmarkListPagesArchive reads pages of the index lists (a section, a tag,
// an author, a month of the archive) of an existing site, such as one filled
// by `masthead demo --articles 100000`, at several depths and past the end, as
// the site asks for them (21 teasers from (page-1)×20). MASTHEAD_BENCH_DB is
// the site's database. It reports each page's median and 95th-percentile
// time; the first read of a deep page after a change builds the list's marks
// and is left out of the figures by the warm-up read.
func BenchmarkListPagesArchive(b *testing.B) {
	ctx := context.Background()
	st := archiveStore(b)
	sections, err := st.Sections(ctx)
	if err != nil || len(sections) == 0 {
		b.Fatalf("the site has no sections (%v)", err)
	}
	newest, err := st.Teasers(ctx, store.TeaserQuery{Limit: 1})
	if err != nil || len(newest) == 0 || len(newest[0].Authors) == 0 {
		b.Fatalf("the site has no articles with bylines (%v)", err)
	}
	a, err := st.ArticleByID(ctx, newest[0].ID)
	if err != nil || len(a.Tags) == 0 {
		b.Fatalf("the newest article has no tags (%v)", err)
	}
	tag := a.Tags[0]
	month := time.Date(newest[0].PublishedAt.Year(), newest[0].PublishedAt.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(-1, 0, 0)
	lists := []struct {
		name string
		q    store.TeaserQuery
	}{
		{"section", store.TeaserQuery{SectionID: sections[0].ID}},
		{"tag", store.TeaserQuery{TagID: tag.ID}},
		{"author", store.TeaserQuery{AuthorID: newest[0].Authors[0].ID}},
		{"month", store.TeaserQuery{From: month, To: month.AddDate(0, 1, 0)}},
	}
	for _, l := range lists {
		for _, p := range []struct {
			name string
			page int
		}{{"page-1", 1}, {"page-50", 50}, {"page-500", 500}, {"page-5000", 5000}} {
			b.Run(l.name+"/"+p.name, func(b *testing.B) {
				q := l.q
				q.Limit, q.Offset = 21, (p.page-1)*20
				if _, err := st.Teasers(ctx, q); err != nil {
					b.Fatal(err)
				}
				times := make([]time.Duration, 0, b.N)
				for b.Loop() {
					start := time.Now()
					if _, err := st.Teasers(ctx, q); err != nil {
						b.Fatal(err)
					}
					times = append(times, time.Since(start))
				}
				reportTimes(b, times)
			})
		}
	}
}
