package site_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/site"
	"masthead/internal/store"
)

// benchSite serves the demo paper from a store for benchmarks.
func benchSite(b *testing.B, st *store.Store) (http.Handler, string) {
	b.Helper()
	ctx := context.Background()
	dbtest.SetClock(st, t0)
	data := b.TempDir()
	if _, err := demo.Load(ctx, st, demo.New(demo.Options{Seed: 1, Now: t0}), data); err != nil {
		b.Fatal(err)
	}
	return benchHandler(b, st, data), newestArticles(b, st, 1)[0]
}

func benchHandler(b *testing.B, st *store.Store, data string) http.Handler {
	b.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: data}, st, log)
	if err != nil {
		b.Fatal(err)
	}
	return pub
}

// newestArticles returns the paths of the n newest published articles.
func newestArticles(b *testing.B, st *store.Store, n int) []string {
	b.Helper()
	list, err := st.Teasers(context.Background(), store.TeaserQuery{Limit: n})
	if err != nil || len(list) == 0 {
		b.Fatal("no article", err)
	}
	paths := make([]string, len(list))
	for i, t := range list {
		paths[i] = t.URL()
	}
	return paths
}

// BenchmarkPages renders the article and home pages uncached, in-process, on
// each engine: the server time a reader's request costs before any cache.
// With MASTHEAD_BENCH_DB naming a filled site's database (a postgres:// DSN
// or an SQLite file, as `masthead demo --articles 100000` leaves it; see
// scripts/bench), it renders that site's pages instead of a fresh demo paper.
func BenchmarkPages(b *testing.B) {
	if dsn := os.Getenv("MASTHEAD_BENCH_DB"); dsn != "" {
		benchFilledSite(b, dsn)
		return
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			st := dbtest.SQLite(b)
			if engine == "postgres" {
				st = dbtest.Postgres(b)
			}
			h, article := benchSite(b, st)
			for _, path := range []string{article, "/"} {
				name := "article"
				if path == "/" {
					name = "home"
				}
				b.Run(name, func(b *testing.B) { benchPaths(b, h, path) })
			}
		})
	}
}

// benchFilledSite renders the pages of an existing site: the newest article
// again and again (the database's pages for it stay in memory, as for a
// story everyone is reading), the 20 newest articles in turn, and the home
// page, a section front, a search and a feed. Besides ns/op it reports
// the median and 99th percentile of a render.
func benchFilledSite(b *testing.B, dsn string) {
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	h := benchHandler(b, st, b.TempDir())
	articles := newestArticles(b, st, 20)
	sections, err := st.Sections(ctx)
	if err != nil || len(sections) == 0 {
		b.Fatalf("the site has no sections (%v)", err)
	}
	// Related articles not yet worked out (after a bulk import) are worked
	// out on a page's first render, once per article, which costs from tens
	// of milliseconds to seconds with 100,000 articles; that is done before
	// timing.
	for _, p := range articles {
		benchGet(b, h, p)
	}
	cases := []struct {
		name  string
		paths []string
	}{
		{"article", articles[:1]},
		{"article-20", articles},
		{"home", []string{"/"}},
		{"section", []string{sections[0].URL()}},
		{"search", []string{"/search?q=council+budget"}},
		{"feed", []string{"/feed.xml"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) { benchPaths(b, h, c.paths...) })
	}
}

// benchPaths renders the paths in turn and reports allocations, the
// median and 99th-percentile time of one render, and the process's CPU time
// per render (the collector's included).
func benchPaths(b *testing.B, h http.Handler, paths ...string) {
	b.ReportAllocs()
	times := make([]time.Duration, 0, b.N)
	i := 0
	cpu := processCPU()
	for b.Loop() {
		start := time.Now()
		benchGet(b, h, paths[i%len(paths)])
		times = append(times, time.Since(start))
		i++
	}
	b.ReportMetric(float64(processCPU()-cpu)/1e6/float64(i), "cpu-ms")
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2])/1e6, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100])/1e6, "p99-ms")
}

func benchGet(b *testing.B, h http.Handler, path string) {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	if w.Code != 200 {
		b.Fatalf("GET %s: status %d", path, w.Code)
	}
}
