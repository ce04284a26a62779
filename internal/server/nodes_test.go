package server_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// node is one `masthead serve` process in miniature: its own store (pool),
// site, page cache and change listener, on a shared database.
type node struct {
	st  *store.Store
	srv *server.Server
	h   http.Handler
}

func startNode(t *testing.T, dsn, data string, opts server.Options) *node {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	dbtest.SetClock(st, t0)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: data}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(st, pub, log, opts)
	srv.SetReady(true)
	done := make(chan struct{})
	go func() { st.Listen(ctx, log); close(done) }()
	t.Cleanup(func() { cancel(); <-done; srv.Close(); st.Close() })
	waitFor(t, "the change listener", st.Listening)
	return &node{st: st, srv: srv, h: srv.Handler()}
}

// TestTwoNodesOnPostgres: a change saved through one node is served by the
// other at once, although the other had the old page cached.
func TestTwoNodesOnPostgres(t *testing.T) {
	dsn := dbtest.PostgresDSN(t)
	data := t.TempDir()
	a := startNode(t, dsn, data, server.Options{CacheBytes: 16 << 20})
	b := startNode(t, dsn, data, server.Options{CacheBytes: 16 << 20})
	ctx := context.Background()
	if _, err := demo.Load(ctx, a.st, demo.New(demo.Options{Seed: 3, Now: t0, Articles: 30}), data); err != nil {
		t.Fatal(err)
	}
	teasers, err := a.st.Teasers(ctx, store.TeaserQuery{Limit: 1})
	if err != nil || len(teasers) == 0 {
		t.Fatal("no article", err)
	}
	art, err := a.st.ArticleByID(ctx, teasers[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []*node{a, b} {
		fetch(n.h, art.URL())
		fetch(n.h, "/")
		if got := fetch(n.h, art.URL()).xcache; got != "HIT" {
			t.Fatalf("the article is not cached on a node (X-Cache %q)", got)
		}
	}

	art.Headline = "Lighthouse keeper retires after forty winters"
	saved := time.Now()
	if err := a.st.SaveArticle(ctx, &art); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{"article": art.URL(), "front page": "/"} {
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(fetch(b.h, path).body, art.Headline) {
			if time.Now().After(deadline) {
				t.Fatalf("node B still serves the old %s 5 s after node A saved the change", name)
			}
			time.Sleep(2 * time.Millisecond)
		}
		t.Logf("node B shows the new %s %v after node A saved it", name, time.Since(saved).Round(time.Millisecond))
	}
}

// TestListenerReconnectPurgesAll: a node whose listening connection drops
// may have missed changes, so when it reconnects it empties its cache.
func TestListenerReconnectPurgesAll(t *testing.T) {
	dsn := dbtest.PostgresDSN(t)
	data := t.TempDir()
	n := startNode(t, dsn, data, server.Options{CacheBytes: 16 << 20})
	ctx := context.Background()
	if _, err := demo.Load(ctx, n.st, demo.New(demo.Options{Seed: 3, Now: t0, Articles: 10}), data); err != nil {
		t.Fatal(err)
	}
	fetch(n.h, "/")
	if got := fetch(n.h, "/").xcache; got != "HIT" {
		t.Fatalf("front page not cached (X-Cache %q)", got)
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var killed int
	if err := admin.QueryRow(`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid() AND datname = current_database()
		AND query LIKE '%' || current_schema() || '%'`).Scan(&killed); err != nil {
		t.Fatal(err)
	}
	if killed != 1 {
		t.Fatalf("terminated %d listening connections, want 1", killed)
	}
	waitFor(t, "the cache to be emptied after the reconnect", func() bool {
		entries, _ := n.srv.Cache().Len()
		return entries == 0 && n.st.Listening()
	})
}

// TestCDNIsPurgedWithTheChangedKeys: with a purge URL, a change made on the
// node is sent to the CDN with the keys of the pages it touches.
func TestCDNIsPurgedWithTheChangedKeys(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		var mu sync.Mutex
		var calls []string
		cdn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var body struct {
				Keys []string `json:"surrogate_keys"`
			}
			_ = json.NewDecoder(r.Body).Decode(&body)
			mu.Lock()
			calls = append(calls, r.Method+" "+r.Header.Get("Surrogate-Key")+" | "+strings.Join(body.Keys, " "))
			mu.Unlock()
		}))
		defer cdn.Close()
		dbtest.SetClock(st, t0)
		data := t.TempDir()
		ctx := context.Background()
		if _, err := demo.Load(ctx, st, demo.New(demo.Options{Seed: 3, Now: t0, Articles: 10}), data); err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: data}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := server.New(st, pub, log, server.Options{CacheBytes: 16 << 20, CDNPurgeURL: cdn.URL})
		defer srv.Close()
		srv.SetReady(true)
		if cc := fetch2(srv.Handler(), "/").Header.Get("Cache-Control"); !strings.Contains(cc, "s-maxage=86400") {
			t.Errorf("with a CDN purge URL pages should let the CDN keep them a day: %q", cc)
		}
		if err := st.SetSetting(ctx, "site.name", "The Saltmere Evening Post"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the CDN purge call", func() bool {
			mu.Lock()
			defer mu.Unlock()
			return len(calls) > 0
		})
		mu.Lock()
		defer mu.Unlock()
		if calls[0] != "POST site | site" {
			t.Errorf("CDN purge call %q, want a POST naming the key site in the header and the body", calls[0])
		}
	})
}

func fetch2(h http.Handler, path string) *http.Response {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w.Result()
}
