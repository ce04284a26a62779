package backup_test

import (
	"context"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/auth"
	"masthead/internal/backup"
	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/media"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// site is one Masthead site under test: its database, data directory and
// media.
type testSite struct {
	st    *store.Store
	data  string
	files media.Storage
}

func newSite(t *testing.T, dsn string) testSite {
	t.Helper()
	data := t.TempDir()
	if dsn == "" {
		dsn = filepath.Join(data, "masthead.db")
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	dbtest.SetClock(st, t0)
	files, err := media.NewDisk(filepath.Join(data, "media"))
	if err != nil {
		t.Fatal(err)
	}
	return testSite{st: st, data: data, files: files}
}

func writeBackup(t *testing.T, s testSite, path string, opts backup.Options) *backup.Manifest {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := backup.Write(context.Background(), s.st, s.files, f, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestRoundTrip backs a site full of every kind of content up from SQLite,
// restores it into PostgreSQL, backs that up and restores it into SQLite:
// every public page, feed, sitemap and picture of the three sites is the
// same to the byte, every table holds the same rows, and the people sign in
// with the same passwords, second-factor codes and sessions.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := newSite(t, "")
	if err := a.st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	people := fillSite(t, a.st, a.data)
	countsA, err := a.st.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range slices.Sorted(maps.Keys(countsA)) {
		if countsA[table] == 0 {
			t.Errorf("table %s is empty in the round-trip site: give fillSite some of its content, so that the backup's round trip covers it", table)
		}
	}
	pagesA := crawl(t, a.st, a.data, a.files)
	if len(searchPages(pagesA)) == 0 {
		t.Fatal("the crawl reached no search page")
	}
	t.Logf("site A: %d tables, %d URLs", len(countsA), len(pagesA))
	restoreOpts := backup.RestoreOptions{Media: demo.MediaOptions()}

	one := filepath.Join(dir, "one.tar.gz")
	m1 := writeBackup(t, a, one, backup.Options{})
	b := newSite(t, dbtest.PostgresDSN(t))
	if _, err := backup.Restore(ctx, one, b.st, b.files, restoreOpts); err != nil {
		t.Fatalf("restore into PostgreSQL: %v", err)
	}
	// Search ranks by the engine's own relevance (FTS5's BM25, PostgreSQL's
	// ts_rank), so its pages match only between sites on the same engine.
	checkSite(t, "SQLite → PostgreSQL", b, countsA, withoutSearch(pagesA), people)

	two := filepath.Join(dir, "two.tar.gz")
	m2 := writeBackup(t, b, two, backup.Options{})
	c := newSite(t, "")
	if _, err := backup.Restore(ctx, two, c.st, c.files, restoreOpts); err != nil {
		t.Fatalf("restore into SQLite: %v", err)
	}
	checkSite(t, "PostgreSQL → SQLite", c, countsA, pagesA, people)

	// Signing in writes sessions and the audit log, so it comes after the
	// last backup: the people of each site, including the original (which
	// shows the check itself works), sign in through the newsroom.
	for _, s := range []struct {
		what string
		site testSite
	}{{"the original", a}, {"SQLite → PostgreSQL", b}, {"PostgreSQL → SQLite", c}} {
		signInAll(t, s.what, s.site, people)
	}

	if m1.Engine != "sqlite" || m2.Engine != "postgres" || m1.Schema != m2.Schema || len(m1.Files) == 0 || len(m1.Files) != len(m2.Files) {
		t.Errorf("manifests: %s %s %d files, then %s %s %d files", m1.Engine, m1.Schema, len(m1.Files), m2.Engine, m2.Schema, len(m2.Files))
	}
}

// checkSite compares a restored site with the original.
func checkSite(t *testing.T, what string, s testSite, counts map[string]int64, pages map[string]string, people []person) {
	t.Helper()
	ctx := context.Background()
	got, err := s.st.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range counts {
		if got[table] != n {
			t.Errorf("%s: table %s has %d rows, the original %d", what, table, got[table], n)
		}
	}
	got2 := crawl(t, s.st, s.data, s.files)
	if len(searchPages(pages)) == 0 {
		got2 = withoutSearch(got2)
	}
	samePages(t, what, pages, got2)
	for _, p := range people {
		u, hash, err := s.st.UserByEmail(ctx, p.email)
		if err != nil {
			t.Fatalf("%s: %s: %v", what, p.email, err)
		}
		if !auth.VerifyPassword(hash, p.password) {
			t.Errorf("%s: %s cannot sign in with the password", what, p.email)
		}
		if p.totpSecret != "" {
			secret, _, err := s.st.TOTPSecret(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			code := auth.TOTPCode(p.totpSecret, t0)
			if _, ok := auth.TOTPStep(secret, code, t0); !ok || !u.TOTP {
				t.Errorf("%s: %s's code %s from the authenticator is refused (second factor on: %v)", what, p.email, code, u.TOTP)
			}
		}
		if su, err := s.st.SessionUser(ctx, auth.TokenHash("session-of-"+p.email), 24*time.Hour, false); err != nil || su.ID != u.ID {
			t.Errorf("%s: %s's session does not carry over: %v", what, p.email, err)
		}
	}
}

// signInAll signs every person in to s's newsroom as a browser would: the
// password, then for two-step sign-in the authenticator's code, and again
// with a recovery code; and the session each had before the backup still
// opens the dashboard.
func signInAll(t *testing.T, what string, s testSite, people []person) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: s.data, Media: s.files}, s.st, log)
	if err != nil {
		t.Fatal(err)
	}
	adm, err := admin.New(admin.Config{BaseURL: "http://news.example"}, s.st, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(s.st, pub, log, server.Options{Newsroom: adm.Handler()})
	defer srv.Close()
	srv.SetReady(true)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	browser := func() *http.Client {
		jar, _ := cookiejar.New(nil)
		return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	post := func(c *http.Client, path string, form url.Values) (int, string) {
		t.Helper()
		resp, err := c.PostForm(ts.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	dashboard := func(c *http.Client) int {
		t.Helper()
		resp, err := c.Get(ts.URL + "/admin")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, p := range people {
		codes := []string{""}
		if p.totpSecret != "" {
			codes = []string{auth.TOTPCode(p.totpSecret, t0), p.recoveryCode}
		}
		for _, code := range codes {
			c := browser()
			status, body := post(c, "/admin/signin", url.Values{"email": {p.email}, "password": {p.password}})
			if code != "" {
				if status != http.StatusOK || !strings.Contains(body, "authenticator") {
					t.Errorf("%s: %s's password: %d, want the form for the second factor", what, p.email, status)
					continue
				}
				status, _ = post(c, "/admin/signin/code", url.Values{"code": {code}})
			}
			if status != http.StatusSeeOther {
				t.Errorf("%s: %s cannot sign in with the password and code %q: %d", what, p.email, code, status)
				continue
			}
			if got := dashboard(c); got != http.StatusOK {
				t.Errorf("%s: %s signed in, but the dashboard answers %d", what, p.email, got)
			}
		}
		c := browser()
		u, _ := url.Parse(ts.URL)
		c.Jar.SetCookies(u, []*http.Cookie{{Name: admin.SessionCookie, Value: "session-of-" + p.email}})
		if got := dashboard(c); got != http.StatusOK {
			t.Errorf("%s: %s's session from before the backup opens the dashboard with %d", what, p.email, got)
		}
	}
}

func searchPages(pages map[string]string) []string {
	var out []string
	for p := range pages {
		if strings.HasPrefix(p, "/search") {
			out = append(out, p)
		}
	}
	return out
}

func withoutSearch(pages map[string]string) map[string]string {
	out := maps.Clone(pages)
	for _, p := range searchPages(pages) {
		delete(out, p)
	}
	return out
}
