package site_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

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
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: data}, st, log)
	if err != nil {
		b.Fatal(err)
	}
	list, err := st.Teasers(ctx, store.TeaserQuery{Limit: 1})
	if err != nil || len(list) == 0 {
		b.Fatal("no article", err)
	}
	return pub, list[0].URL()
}

// BenchmarkPages renders the article and home pages uncached, in-process, on
// each engine: the server time a reader's request costs before any cache.
func BenchmarkPages(b *testing.B) {
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
				b.Run(name, func(b *testing.B) {
					req := httptest.NewRequest("GET", path, nil)
					b.ReportAllocs()
					for b.Loop() {
						w := httptest.NewRecorder()
						h.ServeHTTP(w, req)
						if w.Code != 200 {
							b.Fatalf("status %d", w.Code)
						}
					}
				})
			}
		})
	}
}
