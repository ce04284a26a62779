package store_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"masthead/internal/news"
	"masthead/internal/store"
)

// BenchmarkSaveArchive times the newsroom's saves (store.SaveEdit, as the
// editor's save and its Update action call it) on an existing site, such as
// one filled by `masthead demo --articles 100000`, with the related-articles
// worker running as `masthead serve` runs it, so what is timed is what an
// editor waits for. MASTHEAD_BENCH_DB is the site's database; the benchmark
// changes one published article's headline and one draft's, and puts them
// back. It reports each save's median and 95th-percentile time.
func BenchmarkSaveArchive(b *testing.B) {
	ctx := context.Background()
	st := archiveStore(b)
	workCtx, stopWork := context.WithCancel(ctx)
	defer stopWork()
	go st.RunRelatedWorker(workCtx, slog.New(slog.NewTextHandler(io.Discard, nil)))
	newest, err := st.Teasers(ctx, store.TeaserQuery{Limit: 1})
	if err != nil || len(newest) == 0 {
		b.Fatalf("the site has no published articles (%v)", err)
	}
	draft, err := benchDraft(ctx, st, newest[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name    string
		id      int64
		pending bool
	}{
		// A live article's text saved as its pending version (the
		// editor's save), then made live (Update).
		{"published-pending", newest[0].ID, true},
		{"published-live", newest[0].ID, false},
		{"draft", draft, false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			ed, err := st.EditableArticle(ctx, c.id)
			if err != nil {
				b.Fatal(err)
			}
			original := ed.Article.Headline
			defer func() {
				ed, err := st.EditableArticle(ctx, c.id)
				if err != nil {
					b.Fatal(err)
				}
				a := ed.Article
				a.Headline = original
				if _, err := st.SaveEdit(ctx, store.Edit{Article: &a, Base: ed.State.Version, ClearPending: true, Note: "benchmark"}); err != nil {
					b.Fatal(err)
				}
			}()
			times := make([]time.Duration, 0, b.N)
			i := 0
			for b.Loop() {
				b.StopTimer()
				ed, err := st.EditableArticle(ctx, c.id)
				if err != nil {
					b.Fatal(err)
				}
				a := ed.Article
				i++
				a.Headline = fmt.Sprintf("%s (%d)", original, i)
				e := store.Edit{Article: &a, Base: ed.State.Version, Pending: c.pending, ClearPending: !c.pending, Note: "benchmark"}
				b.StartTimer()
				start := time.Now()
				if _, err := st.SaveEdit(ctx, e); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
			}
			reportTimes(b, times)
		})
	}
}

// benchDraft returns a draft to save: the newest in the archive, or a copy
// of the article as a new draft when the archive has none.
func benchDraft(ctx context.Context, st *store.Store, from int64) (int64, error) {
	list, err := st.ArticleList(ctx, store.ArticleFilter{Stage: news.StageDraft, Limit: 1})
	if err != nil {
		return 0, err
	}
	if len(list.Articles) > 0 {
		return list.Articles[0].ID, nil
	}
	ed, err := st.EditableArticle(ctx, from)
	if err != nil {
		return 0, err
	}
	a := ed.Article
	a.ID, a.Status, a.PublishedAt, a.Notes = 0, news.Draft, time.Time{}, nil
	a.Slug += "-benchmark-draft"
	if _, err := st.SaveEdit(ctx, store.Edit{Article: &a, Note: "benchmark draft"}); err != nil {
		return 0, err
	}
	return a.ID, nil
}
