package admin_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/auth"
	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// TestReadOnlyDatabase: a node whose database refuses writes (a standby
// after a fail-over, default_transaction_read_only) still shows the
// newsroom and the site, answers a save with 503 and the message, and is
// not ready.
func TestReadOnlyDatabase(t *testing.T) {
	dsn := dbtest.PostgresDSN(t)
	ctx := context.Background()
	rw, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if err := rw.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	u := news.User{Email: "editor@courier.example", Name: "The editor", Role: news.RoleEditor}
	if err := rw.CreateUser(ctx, &u, auth.HashPassword(goodPassword)); err != nil {
		t.Fatal(err)
	}
	token := auth.NewToken()
	if err := rw.CreateSession(ctx, u.ID, auth.TokenHash(token), "test", time.Hour, false); err != nil {
		t.Fatal(err)
	}
	sec := news.Section{Name: "Harbour", Position: 1}
	if err := rw.CreateSection(ctx, &sec); err != nil {
		t.Fatal(err)
	}

	parsed, _ := url.Parse(dsn)
	q := parsed.Query()
	q.Set("default_transaction_read_only", "on") // a startup parameter of every connection
	parsed.RawQuery = q.Encode()
	ro, err := store.Open(ctx, parsed.String())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ts := httptest.NewServer(nil)
	defer ts.Close()
	pub, err := site.New(site.Config{BaseURL: ts.URL, DataDir: t.TempDir()}, ro, log)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := media.OpenStorage(ctx, "", t.TempDir())
	adm, err := admin.New(admin.Config{BaseURL: ts.URL, Preview: pub.Preview, Media: media.New(ro, files, media.Options{Log: log})}, ro, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(ro, pub, log, server.Options{Newsroom: adm.Handler(), CacheBytes: 1 << 20, Media: files})
	srv.SetReady(true)
	ts.Config.Handler = srv.Handler()
	go ro.Listen(t.Context(), log)

	call := func(method, path, body string) (int, string, http.Header) {
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(&http.Cookie{Name: admin.SessionCookie, Value: token})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	status, body, header := call("POST", "/admin/api/articles", `{"article":{"Headline":"Ferry timetable changes","Section":{"ID":`+
		strconv.FormatInt(sec.ID, 10)+`},"Body":[{"type":"paragraph","content":[{"text":"From Monday."}]}]}}`)
	if status != http.StatusServiceUnavailable || !strings.Contains(body, "your text is kept in this browser") || header.Get("Retry-After") == "" {
		t.Errorf("a save on a read-only database: %d %s (Retry-After %q), want 503 with the message", status, body, header.Get("Retry-After"))
	}
	if status, _, _ := call("GET", "/admin", ""); status != 200 {
		t.Errorf("the dashboard on a read-only database: %d", status)
	}
	if status, _, _ := call("GET", "/", ""); status != 200 {
		t.Errorf("the home page on a read-only database: %d", status)
	}
	resp, err := http.Get(ts.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), "the database refuses writes") {
		t.Errorf("/readyz on a read-only database: %d %q", resp.StatusCode, b)
	}
}
