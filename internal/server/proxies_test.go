package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/forwarded"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// demoServer serves a small demo paper with opts over a real listener.
func demoServer(t *testing.T, st *store.Store, baseURL string, opts server.Options) *httptest.Server {
	t.Helper()
	ts, _ := demoNode(t, st, baseURL, opts)
	return ts
}

// demoNode is demoServer answering the node's server too.
func demoNode(t *testing.T, st *store.Store, baseURL string, opts server.Options) (*httptest.Server, *server.Server) {
	t.Helper()
	dbtest.SetClock(st, t0)
	data := t.TempDir()
	if _, err := demo.Load(context.Background(), st, demo.New(demo.Options{Seed: 7, Now: t0, Articles: 3}), data); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pub, err := site.New(site.Config{BaseURL: baseURL, DataDir: data}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(st, pub, log, opts)
	srv.SetReady(true)
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.Listener = srv.Listener(ts.Listener)
	ts.Start()
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return ts, srv
}

// TestHSTSOnHTTPSSites: an https site tells browsers to keep to https, on
// pages rendered, served from the cache and answered by the fast path alike;
// a plain http site does not.
func TestHSTSOnHTTPSSites(t *testing.T) {
	t.Run("https", func(t *testing.T) { dbtest.Each(t, hstsSent) })
	t.Run("http", func(t *testing.T) { dbtest.Each(t, hstsNotSent) })
}

func hstsSent(t *testing.T, st *store.Store) {
	ts := demoServer(t, st, "https://news.example", server.Options{HTTPS: true, CacheBytes: 1 << 20})
	for i, path := range []string{"/", "/", "/", "/no-such-page", "/healthz"} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Strict-Transport-Security"); got != "max-age=31536000" {
			t.Errorf("request %d, %s (%s): Strict-Transport-Security %q", i+1, path, resp.Header.Get("X-Cache"), got)
		}
	}
}

func hstsNotSent(t *testing.T, st *store.Store) {
	ts := demoServer(t, st, "http://news.example", server.Options{CacheBytes: 1 << 20})
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Strict-Transport-Security"); got != "" {
		t.Errorf("an http site sends Strict-Transport-Security %q", got)
	}
}

// TestReadershipCountsForwardedClients: behind a trusted proxy, two readers
// are two views, not one reader (the proxy) seen twice; from an untrusted
// peer a made-up X-Forwarded-For cannot count a view twice.
func TestReadershipCountsForwardedClients(t *testing.T) {
	for _, tt := range []struct {
		trusted string
		want    int64
	}{{"127.0.0.0/8", 2}, {"", 1}, {"10.0.0.0/8", 1}} {
		t.Run("trusting "+tt.trusted, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, st *store.Store) {
				tr, err := forwarded.Parse(tt.trusted)
				if err != nil {
					t.Fatal(err)
				}
				ts := demoServer(t, st, "http://news.example", server.Options{TrustedProxies: tr})
				teasers, err := st.Teasers(context.Background(), store.TeaserQuery{Limit: 1})
				if err != nil || len(teasers) == 0 {
					t.Fatalf("no article: %v", err)
				}
				id := teasers[0].ID
				for _, client := range []string{"198.51.100.1", "198.51.100.2"} {
					req, _ := http.NewRequest("POST", ts.URL+"/api/view", strings.NewReader(strconv.FormatInt(id, 10)))
					req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
					req.Header.Set("X-Forwarded-For", client)
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					resp.Body.Close()
					if resp.StatusCode != http.StatusNoContent {
						t.Fatalf("view: %d", resp.StatusCode)
					}
				}
				views, err := st.ArticleViews(context.Background(), []int64{id}, t0.Add(-24*time.Hour))
				if err != nil {
					t.Fatal(err)
				}
				if views[id] != tt.want {
					t.Errorf("two forwarded clients counted %d views, want %d", views[id], tt.want)
				}
			})
		})
	}
}
