package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

func TestHealthReadyAndHeaders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir()}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := server.New(st, pub, log, server.Options{})
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()
		get := func(path string) *http.Response {
			resp, err := http.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp
		}
		if got := get("/readyz").StatusCode; got != 503 {
			t.Errorf("/readyz before SetReady: %d, want 503", got)
		}
		srv.SetReady(true)
		if st.Engine() == "postgres" {
			if got := get("/readyz").StatusCode; got != 503 {
				t.Errorf("/readyz on PostgreSQL before the change listener runs: %d, want 503", got)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go st.Listen(ctx, log)
			waitFor(t, "the change listener", func() bool { return st.Listening() })
		}
		if got := get("/readyz").StatusCode; got != 200 {
			t.Errorf("/readyz when ready: %d", got)
		}
		resp := get("/healthz")
		if resp.StatusCode != 200 {
			t.Errorf("/healthz: %d", resp.StatusCode)
		}
		home := get("/")
		for _, h := range []string{"X-Content-Type-Options", "Referrer-Policy", "Content-Security-Policy"} {
			if home.Header.Get(h) == "" {
				t.Errorf("the home page lacks the %s header", h)
			}
		}
		if home.Header.Get("Set-Cookie") != "" {
			t.Errorf("the home page sets a cookie: %s", home.Header.Get("Set-Cookie"))
		}
		st.Close()
		if got := get("/healthz").StatusCode; got != 503 {
			t.Errorf("/healthz with the database closed: %d, want 503", got)
		}
		if got := get("/readyz").StatusCode; got != 503 {
			t.Errorf("/readyz with the database closed: %d, want 503", got)
		}
	})
}

// waitFor polls cond for up to ten seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestMetrics: /metrics shows requests by route and status, latencies, the
// page cache and the database pools, to this machine or a scraper with the
// token, and to no one else.
func TestMetrics(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir()}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := server.New(st, pub, log, server.Options{CacheBytes: 1 << 20, MetricsToken: "s3cret"})
		srv.SetReady(true)
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()
		for range 3 {
			resp, err := http.Get(ts.URL + "/about-nothing")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp, err = http.Get(ts.URL + "/"); err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
		resp, err := http.Get(ts.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("/metrics from this machine: %d", resp.StatusCode)
		}
		for _, want := range []string{
			`masthead_http_requests_total{route="GET /{$}",status="200"}`,
			`masthead_http_requests_total{route="GET /{slug}",status="404"}`,
			`masthead_http_request_duration_seconds_bucket{route="GET /{$}",le="0.005"}`,
			`masthead_page_cache_requests_total{result="hit"}`,
			`masthead_page_cache_requests_total{result="miss"}`,
			`masthead_page_cache_purges_total`,
			`masthead_db_connections_open{pool="read"}`,
			`masthead_db_connections_in_use{pool="write"}`,
			`process_resident_memory_bytes`,
		} {
			if !strings.Contains(string(body), want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
		for _, c := range []struct {
			header, value string
			want          int
		}{
			{"X-Forwarded-For", "203.0.113.9", 404},
			{"Authorization", "Bearer wrong", 200}, // from this machine all the same
		} {
			req, _ := http.NewRequest("GET", ts.URL+"/metrics", nil)
			req.Header.Set(c.header, c.value)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("/metrics with %s: %d, want %d", c.header, resp.StatusCode, c.want)
			}
		}
		req, _ := http.NewRequest("GET", ts.URL+"/metrics", nil)
		req.Header.Set("X-Forwarded-For", "203.0.113.9")
		req.Header.Set("Authorization", "Bearer s3cret")
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
			t.Errorf("/metrics through a proxy with the token: %v %v", resp.StatusCode, err)
		}
	})
}
