package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"masthead/internal/admin"
	"masthead/internal/api"
	"masthead/internal/auth"
	"masthead/internal/dbtest"
	"masthead/internal/forwarded"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

const password = "tidal lantern copper orchard"

// node is one Masthead node serving the site, the newsroom and the API,
// with an admin account, a section and an author.
type node struct {
	t       *testing.T
	st      *store.Store
	ts      *httptest.Server
	clock   *dbtest.Clock
	lib     *media.Library
	api     *api.API
	admin   *http.Client // signed in as the admin
	section news.Section
	author  news.Author
	spec    *spec
}

// newNode starts a node; cfg tunes the API (its limits, say).
func newNode(t *testing.T, st *store.Store, cfg api.Config) *node {
	t.Helper()
	return newNodeBehind(t, st, cfg, forwarded.Trusted{})
}

// newNodeBehind starts a node that believes the forwarding headers of the
// proxies in trusted.
func newNodeBehind(t *testing.T, st *store.Store, cfg api.Config, trusted forwarded.Trusted) *node {
	t.Helper()
	ctx := context.Background()
	n := &node{t: t, st: st, clock: dbtest.SetClock(st, time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)), spec: loadSpec(t)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	n.ts = httptest.NewServer(nil)
	t.Cleanup(n.ts.Close)
	pub, err := site.New(site.Config{BaseURL: n.ts.URL, DataDir: t.TempDir()}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	files, err := media.OpenStorage(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	n.lib = media.New(st, files, media.Options{Log: log, Widths: []int{320, 640}, Crops: []media.Crop{}})
	adm, err := admin.New(admin.Config{BaseURL: n.ts.URL, Preview: pub.Preview, Media: n.lib, DataDir: t.TempDir()}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	cfg.BaseURL, cfg.Newsroom, cfg.Log = n.ts.URL, adm.Handler(), log
	if cfg.CacheBytes == 0 {
		cfg.CacheBytes = 4 << 20
	}
	n.api = api.New(cfg, st)
	srv := server.New(st, pub, log, server.Options{Newsroom: adm.Handler(), API: n.api.Handler(), CacheBytes: 4 << 20, Media: files,
		TrustedProxies: trusted})
	srv.SetReady(true)
	n.ts.Config.Handler = srv.Handler()
	u := news.User{Email: "chief@courier.example", Name: "The Chief", Role: news.RoleAdmin}
	if err := st.CreateUser(ctx, &u, auth.HashPassword(password)); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	n.admin = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if resp, err := n.admin.PostForm(n.ts.URL+"/admin/signin", url.Values{"email": {u.Email}, "password": {password}}); err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("signing in: %v %v", resp, err)
	}
	n.section = news.Section{Name: "Harbour", Position: 1}
	if err := st.CreateSection(ctx, &n.section); err != nil {
		t.Fatal(err)
	}
	n.author = news.Author{Name: "Morwenna Quayle", Email: "morwenna@courier.example"}
	if err := st.CreateAuthor(ctx, &n.author); err != nil {
		t.Fatal(err)
	}
	return n
}

var tokenInPage = regexp.MustCompile(`id="new-key" type="text" readonly value="(mh_[A-Za-z0-9_-]+)"`)

// makeKey makes an API key on the admin's screen and returns its token.
func (n *node) makeKey(name, expires string, scopes ...string) string {
	n.t.Helper()
	resp, err := n.admin.PostForm(n.ts.URL+"/admin/api-keys", url.Values{"name": {name}, "scopes": scopes, "expires": {expires}})
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := tokenInPage.FindSubmatch(body)
	if resp.StatusCode != http.StatusCreated || m == nil {
		n.t.Fatalf("making the key %s: %d %s", name, resp.StatusCode, body)
	}
	return string(m[1])
}

// reply is an answer, its body read.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("answer %d is not JSON: %v: %s", r.status, err, r.body)
	}
}

// problem reads the answer as a problem document, checking its type.
func (r reply) problem(t *testing.T) problemDoc {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("an error of status %d came as %q, not a problem document: %s", r.status, ct, r.body)
	}
	var p problemDoc
	r.json(t, &p)
	if p.Status != r.status {
		t.Errorf("the problem's status is %d, the answer's %d", p.Status, r.status)
	}
	return p
}

type problemDoc struct {
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

// call makes a request with the key (if any), checking the request and the
// answer against the OpenAPI document.
func (n *node) call(key, method, path string, body io.Reader, header ...string) reply {
	n.t.Helper()
	var raw []byte
	if body != nil {
		raw, _ = io.ReadAll(body)
	}
	req, err := http.NewRequest(method, n.ts.URL+path, bytes.NewReader(raw))
	if err != nil {
		n.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, header: resp.Header, body: out}
	req.Body = io.NopCloser(bytes.NewReader(raw))
	n.spec.check(n.t, req, r)
	return r
}

// send calls with v as the JSON body.
func (n *node) send(key, method, path string, v any) reply {
	n.t.Helper()
	b, _ := json.Marshal(v)
	return n.call(key, method, path, bytes.NewReader(b))
}

// upload sends a picture as a multipart form with the key.
func (n *node) upload(key, name string, data []byte) reply {
	n.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("files", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	return n.call(key, "POST", "/api/v1/admin/media", &b, "Content-Type", mw.FormDataContentType())
}

func jpegBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// spec is the OpenAPI document, loaded and checked once per test.
type spec struct {
	doc    *openapi3.T
	router routers.Router
}

func loadSpec(t *testing.T) *spec {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPI)
	if err != nil {
		t.Fatalf("the OpenAPI document does not load: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &spec{doc: doc, router: router}
}

// check validates a request to the API and its answer against the
// document. Requests outside /api/v1 are not the API's.
func (s *spec) check(t *testing.T, req *http.Request, r reply) {
	t.Helper()
	if !strings.HasPrefix(req.URL.Path, api.Prefix+"/") {
		return
	}
	// The document's server is "/": match on the path alone.
	vreq := req.Clone(context.Background())
	vreq.URL = &url.URL{Path: req.URL.Path, RawQuery: req.URL.RawQuery}
	vreq.Host = ""
	route, params, err := s.router.FindRoute(vreq)
	if err != nil && (req.Method == http.MethodOptions || r.status == http.StatusNotFound) {
		return // a CORS preflight, or a route that does not exist
	}
	if err != nil {
		t.Errorf("%s %s is not in the OpenAPI document: %v", req.Method, req.URL.Path, err)
		return
	}
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	if r.status < 400 || r.status == http.StatusTooManyRequests || r.status == http.StatusUnauthorized || r.status == http.StatusForbidden {
		// A request the server refused as malformed is not expected to
		// match the document; every other one is.
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			t.Errorf("%s %s: the request does not match the OpenAPI document: %v", req.Method, req.URL.Path, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: r.status, Header: r.header,
		Body: io.NopCloser(bytes.NewReader(r.body)), Options: &openapi3filter.Options{IncludeResponseStatus: true}}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s: the answer (%d) does not match the OpenAPI document: %v", req.Method, req.URL.Path, r.status, err)
	}
}
