package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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
