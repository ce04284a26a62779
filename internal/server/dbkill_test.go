package server_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/server"
	"masthead/internal/store"
)

// TestReadsSurviveKilledConnections: when PostgreSQL drops the node's
// connections (pg_terminate_backend, as a restart or a fail-over does), the
// next page views do not fail: the read that meets a dead connection is
// tried again, and the pool checks its other connections before use.
func TestReadsSurviveKilledConnections(t *testing.T) {
	dsn := dbtest.PostgresDSN(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	app := "masthead-kill-" + u.Query().Get("search_path")
	q := u.Query()
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	ctx := context.Background()
	st, err := store.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// No page cache: every view reads the database.
	ts := demoServer(t, st, "http://news.example", server.Options{})
	pages := []string{"/", "/search?q=harbour", "/", "/sitemap.xml"}
	views := func(round string) (failed int) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		for i := range 8 {
			wg.Go(func() {
				resp, err := http.Get(ts.URL + pages[i%len(pages)])
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					mu.Lock()
					failed++
					mu.Unlock()
					t.Errorf("%s: %s answers %d", round, pages[i%len(pages)], resp.StatusCode)
				}
			})
		}
		wg.Wait()
		return failed
	}
	admin, err := sql.Open("pgx", dbtest.DefaultPostgres)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	for round := range 3 {
		views(fmt.Sprintf("warming the pool, round %d", round+1))
		var killed int
		if err := admin.QueryRow(`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE application_name = $1`, app).Scan(&killed); err != nil {
			t.Fatal(err)
		}
		if killed < 2 {
			t.Fatalf("round %d: terminated %d connections, want the pool's several", round+1, killed)
		}
		if n := views(fmt.Sprintf("after killing %d connections, round %d", killed, round+1)); n > 0 {
			t.Errorf("round %d: %d of 8 page views failed after the database dropped %d connections", round+1, n, killed)
		}
	}
}
