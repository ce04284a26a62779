package api_test

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"masthead/internal/api"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestOneStatusPerFailure: the same kind of failure answers the same
// status, the one news.HTTPStatus maps its code to, on each of the four
// surfaces: the newsroom's pages, the newsroom's JSON calls, the public site
// and /api/v1. Something missing is 404, input that breaks a rule 422 (with
// the field named where the surface names fields), a clash 409, and a
// database that cannot save or read 503.
func TestOneStatusPerFailure(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { oneStatusPerFailure(t, filepath.Join(t.TempDir(), "masthead.db")) })
	t.Run("postgres", func(t *testing.T) { oneStatusPerFailure(t, dbtest.PostgresDSN(t)) })
}

func oneStatusPerFailure(t *testing.T, dsn string) {
	st, disk := openFailing(t, dsn)
	n := newNode(t, st, api.Config{})
	key := n.makeKey("Desk script", "", "articles:write", "articles:publish")
	draftOf := func(headline string) map[string]any {
		return map[string]any{"article": map[string]any{"Headline": headline, "Section": map[string]any{"ID": n.section.ID}}}
	}
	var viaSession, viaKey editorDoc
	for _, made := range []struct {
		r   reply
		doc *editorDoc
	}{
		{n.sendAs(n.admin, "POST", "/admin/api/articles", draftOf("Ferry timetable changes")), &viaSession},
		{n.send(key, "POST", "/api/v1/admin/articles", draftOf("Harbour dredging starts")), &viaKey},
	} {
		if made.r.status != http.StatusCreated {
			t.Fatalf("making a draft to submit: %d %s", made.r.status, made.r.body)
		}
		made.r.json(t, made.doc)
	}
	if r := n.sendAs(n.admin, "POST", fmt.Sprintf("/admin/api/articles/%d/submit", viaSession.Article.ID), map[string]any{"base": viaSession.Version}); r.status != http.StatusOK {
		t.Fatalf("submitting: %d %s", r.status, r.body)
	}
	if r := n.send(key, "POST", fmt.Sprintf("/api/v1/admin/articles/%d/submit", viaKey.Article.ID), map[string]any{"base": viaKey.Version}); r.status != http.StatusOK {
		t.Fatalf("submitting with the key: %d %s", r.status, r.body)
	}

	type probe struct {
		surface string
		do      func() reply
		want    string // in the answer: the message, or the field marked
	}
	page := func(c *http.Client, method, path string, form url.Values) func() reply {
		return func() reply { return n.form(c, method, path, form) }
	}
	public := func(method, path string, body string) func() reply {
		return func() reply { return n.form(http.DefaultClient, method, path, nil, body) }
	}
	failures := []struct {
		what   string
		code   string
		probes []probe
	}{
		{"something missing", news.ENOTFOUND, []probe{
			{"newsroom page", page(n.admin, "GET", "/admin/articles/999999", nil), "Not found"},
			{"newsroom JSON", func() reply { return n.sendAs(n.admin, "GET", "/admin/api/articles/999999", nil) }, `"status":404`},
			{"public site", public("GET", "/no-such-page", ""), "We can’t find that page"},
			{"/api/v1", func() reply { return n.call("", "GET", "/api/v1/articles/999999", nil) }, "There is no such article."},
		}},
		{"input that breaks a rule", news.EINVALID, []probe{
			{"newsroom page", page(n.admin, "POST", "/admin/sections", url.Values{"name": {""}, "position": {"2"}}), `class="field-error"`},
			{"newsroom JSON", func() reply {
				return n.sendAs(n.admin, "POST", "/admin/api/articles", map[string]any{"article": map[string]any{"Section": map[string]any{"ID": n.section.ID}}})
			}, `"field":"headline"`},
			{"public site", public("GET", "/search?q=ferry&section=nowhere", ""), "There is no section"},
			{"/api/v1", func() reply { return n.call("", "GET", "/api/v1/articles?section=nowhere", nil) }, `"field":"section"`},
		}},
		{"a clash", news.ECONFLICT, []probe{
			{"newsroom page", page(n.admin, "POST", "/admin/sections", url.Values{"name": {n.section.Name}, "position": {"2"}}), `class="field-error"`},
			{"newsroom JSON", func() reply {
				return n.sendAs(n.admin, "POST", fmt.Sprintf("/admin/api/articles/%d/submit", viaSession.Article.ID), map[string]any{"base": viaSession.Version + 1})
			}, `"status":409`},
			{"public site", public("POST", "/api/consent", `{"purposes": [], "version": "1999-01"}`), `"error"`},
			{"/api/v1", func() reply {
				return n.send(key, "POST", fmt.Sprintf("/api/v1/admin/articles/%d/submit", viaKey.Article.ID), map[string]any{"base": viaKey.Version + 1})
			}, `"status":409`},
		}},
		{"a disk that cannot save", news.EUNAVAILABLE, []probe{
			{"newsroom page", func() reply {
				disk.Store(failWrites)
				defer disk.Store(healthy)
				return n.form(n.admin, "POST", "/admin/sections", url.Values{"name": {"Weather"}, "position": {"3"}})
			}, "The server cannot save right now"},
			{"newsroom JSON", func() reply {
				disk.Store(failWrites)
				defer disk.Store(healthy)
				return n.sendAs(n.admin, "POST", "/admin/api/articles", draftOf("Lighthouse keeper retires"))
			}, "The server cannot save right now"},
			{"public site", func() reply {
				disk.Store(failAll)
				defer disk.Store(healthy)
				return n.form(http.DefaultClient, "GET", "/search?q=lighthouse", nil)
			}, "This page cannot be shown right now"},
			{"/api/v1", func() reply {
				disk.Store(failWrites)
				defer disk.Store(healthy)
				return n.send(key, "POST", "/api/v1/admin/articles", draftOf("Lifeboat launch"))
			}, "The server cannot save right now"},
		}},
	}
	for _, f := range failures {
		want := news.HTTPStatus(&news.Error{Code: f.code})
		for _, p := range f.probes {
			r := p.do()
			if r.status != want {
				t.Errorf("%s on the %s: %d, want %d (%s) as on every surface\n%s", f.what, p.surface, r.status, want, f.code, r.body)
				continue
			}
			if !bytes.Contains(r.body, []byte(p.want)) {
				t.Errorf("%s on the %s: %d without %q\n%s", f.what, p.surface, r.status, p.want, r.body)
			}
			if strings.Contains(p.surface, "JSON") || p.surface == "/api/v1" {
				r.problem(t)
			}
			if want == http.StatusServiceUnavailable && r.header.Get("Retry-After") == "" {
				t.Errorf("%s on the %s: 503 without Retry-After", f.what, p.surface)
			}
		}
	}
	if r := n.call("", "GET", "/api/v1/articles?limit=lots", nil); r.status != news.HTTPStatus(&news.Error{Code: news.EMALFORMED}) {
		t.Errorf("a query parameter that cannot be read on /api/v1: %d, want 400", r.status)
	}
	if r := n.form(http.DefaultClient, "GET", "/search?q=ferry&page=lots", nil); r.status != news.HTTPStatus(&news.Error{Code: news.EMALFORMED}) {
		t.Errorf("a query parameter that cannot be read on the public site: %d, want 400", r.status)
	}
}

// sendAs sends v as JSON with c (the signed-in newsroom's client).
func (n *node) sendAs(c *http.Client, method, path string, v any) reply {
	n.t.Helper()
	var body io.Reader
	if v != nil {
		b, _ := json.Marshal(v)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, n.ts.URL+path, body)
	if err != nil {
		n.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	return n.do(c, req)
}

// form sends a form (or, given, a JSON body) with c, as a browser would.
func (n *node) form(c *http.Client, method, path string, form url.Values, jsonBody ...string) reply {
	n.t.Helper()
	var body io.Reader
	req, err := http.NewRequest(method, n.ts.URL+path, nil)
	if err != nil {
		n.t.Fatal(err)
	}
	switch {
	case len(jsonBody) > 0:
		body = strings.NewReader(jsonBody[0])
		req.Header.Set("Content-Type", "application/json")
	case form != nil:
		body = strings.NewReader(form.Encode())
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if body != nil {
		req.Body = io.NopCloser(body)
	}
	return n.do(c, req)
}

func (n *node) do(c *http.Client, req *http.Request) reply {
	n.t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, header: resp.Header, body: out}
}

// The states of the failing disk under a store opened by openFailing.
const (
	healthy    int32 = iota
	failWrites       // full: reads work, every write fails
	failAll          // gone: every statement fails
)

var failingDrivers atomic.Int64

// openFailing opens a migrated store on dsn through a driver that fails
// statements with ENOSPC (as a full disk does) while the returned switch
// says so.
func openFailing(t *testing.T, dsn string) (*store.Store, *atomic.Int32) {
	t.Helper()
	engine := "sqlite"
	if store.IsPostgres(dsn) {
		engine = "pgx"
	}
	db, err := sql.Open(engine, "")
	if err != nil {
		t.Fatal(err)
	}
	real := db.Driver()
	db.Close()
	state := new(atomic.Int32)
	name := fmt.Sprintf("failing-%s-%d", engine, failingDrivers.Add(1))
	sql.Register(name, failingDriver{real, state})
	ctx := context.Background()
	st, err := store.OpenDriver(ctx, dsn, name)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return st, state
}

type failingDriver struct {
	real  driver.Driver
	state *atomic.Int32
}

func (d failingDriver) Open(name string) (driver.Conn, error) {
	conn, err := d.real.Open(name)
	if err != nil {
		return nil, err
	}
	return &failingConn{conn, d.state}, nil
}

// fails reports whether the statement q fails in the present state: every
// one when the disk is gone; when it is full, those that write.
func fails(state *atomic.Int32, q string) bool {
	switch state.Load() {
	case failAll:
		return true
	case failWrites:
		q = strings.ToUpper(strings.TrimSpace(q))
		for _, w := range []string{"INSERT", "UPDATE", "DELETE", "REPLACE"} {
			if strings.HasPrefix(q, w) {
				return true
			}
		}
	}
	return false
}

type failingConn struct {
	driver.Conn
	state *atomic.Int32
}

func (c *failingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	if fails(c.state, query) {
		return nil, syscall.ENOSPC
	}
	return q.QueryContext(ctx, query, args)
}

func (c *failingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	if fails(c.state, query) {
		return nil, syscall.ENOSPC
	}
	return e.ExecContext(ctx, query, args)
}

func (c *failingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	var s driver.Stmt
	var err error
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		s, err = p.PrepareContext(ctx, query)
	} else {
		s, err = c.Conn.Prepare(query)
	}
	if err != nil {
		return nil, err
	}
	return &failingStmt{s, query, c.state}, nil
}

func (c *failingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if c.state.Load() == failAll {
		return nil, syscall.ENOSPC
	}
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	return c.Conn.Begin()
}

func (c *failingConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *failingConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *failingConn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (c *failingConn) CheckNamedValue(nv *driver.NamedValue) error {
	if ch, ok := c.Conn.(driver.NamedValueChecker); ok {
		return ch.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

type failingStmt struct {
	driver.Stmt
	query string
	state *atomic.Int32
}

func (s *failingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if fails(s.state, s.query) {
		return nil, syscall.ENOSPC
	}
	if e, ok := s.Stmt.(driver.StmtExecContext); ok {
		return e.ExecContext(ctx, args)
	}
	return nil, driver.ErrSkip
}

func (s *failingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	if fails(s.state, s.query) {
		return nil, syscall.ENOSPC
	}
	if q, ok := s.Stmt.(driver.StmtQueryContext); ok {
		return q.QueryContext(ctx, args)
	}
	return nil, driver.ErrSkip
}

func (s *failingStmt) CheckNamedValue(nv *driver.NamedValue) error {
	if ch, ok := s.Stmt.(driver.NamedValueChecker); ok {
		return ch.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}
