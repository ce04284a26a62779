package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// discard is a ResponseWriter that keeps nothing, so a benchmark measures the
// server and not a recorder.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkCachedArticle is the server time of an article page served from
// the page cache, middleware included, without the network.
func BenchmarkCachedArticle(b *testing.B) {
	st := dbtest.SQLite(b)
	dbtest.SetClock(st, t0)
	data := b.TempDir()
	ctx := context.Background()
	if _, err := demo.Load(ctx, st, demo.New(demo.Options{Seed: 1, Now: t0, Articles: 40}), data); err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: data}, st, log)
	if err != nil {
		b.Fatal(err)
	}
	srv := server.New(st, pub, log, server.Options{CacheBytes: 16 << 20})
	srv.SetReady(true)
	h := srv.Handler()
	list, err := st.Teasers(ctx, store.TeaserQuery{Limit: 1})
	if err != nil || len(list) == 0 {
		b.Fatal("no article", err)
	}
	req := httptest.NewRequest("GET", list[0].URL(), nil)
	req.Header.Set("Accept-Encoding", "gzip, br")
	h.ServeHTTP(httptest.NewRecorder(), req)
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(&discard{h: http.Header{}}, req)
	}
}
