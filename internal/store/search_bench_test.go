package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"masthead/internal/store"
)

// BenchmarkSearchArchive measures reader searches over an existing site, such
// as one filled by `masthead demo --articles 100000` (scripts/bench-search
// does that on both engines). MASTHEAD_BENCH_DB is the site's database: a
// postgres:// DSN or an SQLite file. Besides ns/op it reports the median and
// the 95th percentile of each query's time, which are what a reader feels.
func BenchmarkSearchArchive(b *testing.B) {
	ctx := context.Background()
	st := archiveStore(b)
	size, err := st.SearchIndexBytes(ctx)
	if err != nil {
		b.Fatal(err)
	}
	found, err := st.Search(ctx, store.SearchQuery{Text: "the council", Limit: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("engine %s: index %.1f MB, kept text %.1f MB; %d articles mention the council",
		st.Engine(), float64(size.Index)/1e6, float64(size.Text)/1e6, found.Total)
	sections, err := st.Sections(ctx)
	if err != nil || len(sections) == 0 {
		b.Fatalf("the site has no sections (%v)", err)
	}
	now := time.Now()
	queries := []struct {
		name string
		q    store.SearchQuery
	}{
		{"one-common-word", store.SearchQuery{Text: "council"}},
		{"two-words", store.SearchQuery{Text: "harbour homes"}},
		{"phrase", store.SearchQuery{Text: `"council tax"`}},
		{"stemmed", store.SearchQuery{Text: "storms damaged"}},
		{"rare-word", store.SearchQuery{Text: "marathon"}},
		{"section-filter", store.SearchQuery{Text: "storm", SectionID: sections[0].ID}},
		{"date-range", store.SearchQuery{Text: "council", From: now.AddDate(0, -1, 0), To: now}},
		{"page-5", store.SearchQuery{Text: "council", Offset: 80}},
		{"no-results", store.SearchQuery{Text: "zeppelin"}},
		{"hostile-10k", store.SearchQuery{Text: strings.Repeat(`"OR NEAR(* ' 💥 `, 600)}},
	}
	for _, c := range queries {
		b.Run(c.name, func(b *testing.B) {
			times := make([]time.Duration, 0, b.N)
			for b.Loop() {
				start := time.Now()
				if _, err := st.Search(ctx, c.q); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
			}
			reportTimes(b, times)
		})
	}
}
