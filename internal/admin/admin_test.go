package admin_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
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

const goodPassword = "tidal lantern copper orchard"

// newsroom is a node serving the newsroom, with one account of each role.
type newsroom struct {
	t     *testing.T
	st    *store.Store
	ts    *httptest.Server
	clock *dbtest.Clock
	users map[news.Role]news.User
	lib   *media.Library
	adm   *admin.Admin
}

func newNewsroom(t *testing.T, st *store.Store) *newsroom {
	t.Helper()
	return newNewsroomWith(t, st, server.Options{})
}

// newNewsroomWith is newNewsroom with the server's options (the newsroom and
// the cache are set here).
func newNewsroomWith(t *testing.T, st *store.Store, opts server.Options) *newsroom {
	t.Helper()
	return newNewsroomIn(t, st, opts, t.TempDir())
}

// newNewsroomIn is newNewsroomWith keeping pictures in the data directory data.
func newNewsroomIn(t *testing.T, st *store.Store, opts server.Options, data string) *newsroom {
	t.Helper()
	clock := dbtest.SetClock(st, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	n := &newsroom{t: t, st: st, clock: clock, users: map[news.Role]news.User{}}
	n.ts = httptest.NewServer(nil)
	t.Cleanup(n.ts.Close)
	pub, err := site.New(site.Config{BaseURL: n.ts.URL, DataDir: t.TempDir()}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	files, err := media.OpenStorage(context.Background(), "", data)
	if err != nil {
		t.Fatal(err)
	}
	n.lib = media.New(st, files, media.Options{Log: log, Widths: []int{320}, Crops: []media.Crop{}})
	adm, err := admin.New(admin.Config{BaseURL: n.ts.URL, Preview: pub.Preview, Media: n.lib, DataDir: t.TempDir()}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	n.adm = adm
	opts.Newsroom, opts.CacheBytes, opts.Media = adm.Handler(), 1<<20, files
	srv := server.New(st, pub, log, opts)
	srv.SetReady(true)
	n.ts.Config.Handler = srv.Handler()
	for _, role := range news.Roles {
		u := news.User{Email: string(role) + "@courier.example", Name: "The " + string(role), Role: role}
		if err := st.CreateUser(context.Background(), &u, auth.HashPassword(goodPassword)); err != nil {
			t.Fatal(err)
		}
		n.users[role] = u
	}
	return n
}

// browser is one person's client, with its own cookies; it does not follow
// redirects, so tests see them.
func (n *newsroom) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type answer struct {
	status int
	body   string
	header http.Header
}

func (n *newsroom) do(c *http.Client, method, path string, form url.Values, header ...string) answer {
	n.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, n.ts.URL+path, body)
	if err != nil {
		n.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, body: string(b), header: resp.Header}
}

func (n *newsroom) signIn(c *http.Client, role news.Role) answer {
	n.t.Helper()
	a := n.do(c, "POST", "/admin/signin", url.Values{"email": {n.users[role].Email}, "password": {goodPassword}})
	if a.status != http.StatusSeeOther {
		n.t.Fatalf("sign-in as %s: %d %s", role, a.status, a.body)
	}
	return a
}

func TestSignInAndOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		// The test's clients reach the server as a proxy on this machine
		// would, so X-Forwarded-Proto is believed.
		n := newNewsroomWith(t, st, server.Options{TrustedProxies: trust(t, "127.0.0.1")})
		c := n.browser()
		if a := n.do(c, "GET", "/admin", nil); a.status != http.StatusSeeOther || !strings.HasPrefix(a.header.Get("Location"), "/admin/signin") {
			t.Errorf("the dashboard signed out: %d to %q, want a redirect to sign in", a.status, a.header.Get("Location"))
		}
		a := n.do(c, "POST", "/admin/signin", url.Values{"email": {"EDITOR@courier.example "}, "password": {goodPassword},
			"next": {"//evil.example/"}}, "X-Forwarded-Proto", "https")
		if a.status != http.StatusSeeOther || a.header.Get("Location") != "/admin" {
			t.Fatalf("sign-in: %d to %q, want 303 to /admin", a.status, a.header.Get("Location"))
		}
		cookie := a.header.Get("Set-Cookie")
		for _, want := range []string{admin.SessionCookie + "=", "HttpOnly", "SameSite=Lax", "Secure", "Path=/"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("session cookie %q lacks %s", cookie, want)
			}
		}
		// Without https the cookie is not marked Secure, or the browser would drop it.
		plain := n.browser()
		if a := n.signIn(plain, news.RoleEditor); strings.Contains(a.header.Get("Set-Cookie"), "Secure") {
			t.Errorf("over plain http the cookie is Secure: %s", a.header.Get("Set-Cookie"))
		}
		dash := n.do(plain, "GET", "/admin", nil)
		if dash.status != 200 || !strings.Contains(dash.body, "Recently published") || !strings.Contains(dash.body, "The editor") {
			t.Errorf("dashboard: %d", dash.status)
		}
		if cc := dash.header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("dashboard Cache-Control %q, want no-store", cc)
		}
		// Signing out ends the session in the database: a copy of the cookie
		// (another tab, another node) is signed out too.
		stolen := n.browser()
		u, _ := url.Parse(n.ts.URL)
		stolen.Jar.SetCookies(u, plain.Jar.Cookies(u))
		if a := n.do(plain, "POST", "/admin/signout", url.Values{}); a.status != 200 || !strings.Contains(a.body, "signed out") {
			t.Errorf("sign-out: %d", a.status)
		}
		if a := n.do(stolen, "GET", "/admin", nil); a.status != http.StatusSeeOther {
			t.Errorf("a copy of the signed-out cookie still opens the dashboard (%d)", a.status)
		}
	})
}

func TestSignInFailuresAreLimitedAndAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		c := n.browser()
		for i := range 5 {
			a := n.do(c, "POST", "/admin/signin", url.Values{"email": {"author@courier.example"}, "password": {"wrong guess " + string(rune('a'+i))}})
			if a.status != http.StatusUnauthorized || !strings.Contains(a.body, "do not match") {
				t.Fatalf("wrong password %d: %d", i, a.status)
			}
		}
		a := n.do(c, "POST", "/admin/signin", url.Values{"email": {"author@courier.example"}, "password": {goodPassword}})
		if a.status != http.StatusTooManyRequests || !strings.Contains(a.body, "Too many failed sign-ins") || a.header.Get("Retry-After") == "" {
			t.Errorf("after five failures the right password got %d, want 429 with a message and Retry-After", a.status)
		}
		// Other accounts from elsewhere are not locked out.
		n.signIn(n.browser(), news.RoleEditor)
		// After the window the account opens again.
		n.clock.Advance(16 * time.Minute)
		n.signIn(n.browser(), news.RoleAuthor)
		// An unknown address fails the same way as a wrong password.
		if a := n.do(c, "POST", "/admin/signin", url.Values{"email": {"nobody@courier.example"}, "password": {goodPassword}}); a.status != http.StatusUnauthorized {
			t.Errorf("unknown account: %d, want 401", a.status)
		}
		admin := n.browser()
		n.signIn(admin, news.RoleAdmin)
		log := n.do(admin, "GET", "/admin/audit", nil)
		if log.status != 200 || strings.Count(log.body, "signin.failed") < 6 || !strings.Contains(log.body, "signin.limited") ||
			!strings.Contains(log.body, "nobody@courier.example") {
			t.Errorf("audit log (%d) does not list the failures and the lock-out", log.status)
		}
	})
}

// TestRoles: every newsroom action, by every role, directly over HTTP: what
// a role may not do answers 403 whatever the pages show.
func TestRoles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		clients := map[news.Role]*http.Client{}
		for _, role := range news.Roles {
			clients[role] = n.browser()
			n.signIn(clients[role], role)
		}
		cases := []struct {
			method, path string
			form         url.Values
			min          news.Role
		}{
			{"GET", "/admin", nil, news.RoleContributor},
			{"GET", "/admin/account", nil, news.RoleContributor},
			{"GET", "/admin/people", nil, news.RoleAdmin},
			{"GET", "/admin/audit", nil, news.RoleAdmin},
			{"POST", "/admin/people/invite", url.Values{"email": {"new@courier.example"}, "role": {"editor"}}, news.RoleAdmin},
			{"GET", "/admin/sections", nil, news.RoleEditor},
			{"GET", "/admin/authors", nil, news.RoleEditor},
			{"GET", "/admin/authors/new", nil, news.RoleEditor},
			{"GET", "/admin/tags", nil, news.RoleEditor},
			{"GET", "/admin/articles/new", nil, news.RoleContributor},
		}
		for _, c := range cases {
			for _, role := range news.Roles {
				form := c.form
				if form != nil {
					form = url.Values{"email": {string(role) + "-" + form.Get("email")}, "role": form["role"]}
				}
				a := n.do(clients[role], c.method, c.path, form)
				want := http.StatusOK
				if !role.AtLeast(c.min) {
					want = http.StatusForbidden
				}
				if a.status != want {
					t.Errorf("%s %s as %s: %d, want %d", c.method, c.path, role, a.status, want)
				}
			}
			if a := n.do(n.browser(), c.method, c.path, c.form); a.status != http.StatusSeeOther && a.status != http.StatusUnauthorized {
				t.Errorf("%s %s signed out: %d, want a redirect to sign in or 401", c.method, c.path, a.status)
			}
		}
	})
}

func TestCrossSiteAndOversizedPostsAreRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		c := n.browser()
		n.signIn(c, news.RoleAdmin)
		a := n.do(c, "POST", "/admin/people/invite", url.Values{"email": {"x@courier.example"}, "role": {"admin"}},
			"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
		if a.status != http.StatusForbidden {
			t.Errorf("a cross-site invite post: %d, want 403", a.status)
		}
		big := url.Values{"email": {"x@courier.example"}, "role": {"admin"}, "pad": {strings.Repeat("x", 50<<20)}}
		if a := n.do(c, "POST", "/admin/people/invite", big); a.status != http.StatusRequestEntityTooLarge {
			t.Errorf("a 50 MB form: %d, want 413", a.status)
		}
		users, _ := st.Users(context.Background())
		if len(users) != 4 {
			t.Errorf("refused posts changed the accounts: %d, want 4", len(users))
		}
	})
}

var linkPattern = regexp.MustCompile(`/admin/invite/[A-Za-z0-9_-]+`)

func TestInvitations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		boss := n.browser()
		n.signIn(boss, news.RoleAdmin)
		for _, bad := range []struct {
			form   url.Values
			status int
		}{
			{url.Values{"email": {"not an address"}, "role": {"editor"}}, http.StatusUnprocessableEntity},
			{url.Values{"email": {"ok@courier.example"}, "role": {"emperor"}}, http.StatusUnprocessableEntity},
			{url.Values{"email": {"editor@courier.example"}, "role": {"editor"}}, http.StatusConflict}, // an account has it
		} {
			if a := n.do(boss, "POST", "/admin/people/invite", bad.form); a.status != bad.status || !strings.Contains(a.body, `aria-invalid="true"`) {
				t.Errorf("invite %v: %d, want %d with the field marked", bad.form, a.status, bad.status)
			}
		}
		a := n.do(boss, "POST", "/admin/people/invite", url.Values{"email": {"Reporter@Courier.example"}, "role": {"author"}})
		link := linkPattern.FindString(a.body)
		if a.status != 200 || link == "" {
			t.Fatalf("invite: %d, no link", a.status)
		}
		guest := n.browser()
		if a := n.do(guest, "GET", link, nil); a.status != 200 || !strings.Contains(a.body, "reporter@courier.example") {
			t.Errorf("invitation page: %d", a.status)
		}
		if a := n.do(guest, "POST", link, url.Values{"name": {"Rhiannon Pask"}, "password": {"password123"}}); a.status != http.StatusUnprocessableEntity ||
			!strings.Contains(a.body, "too common") {
			t.Errorf("a common password: %d, want 422 saying why", a.status)
		}
		if a := n.do(guest, "POST", link, url.Values{"name": {"Rhiannon Pask"}, "password": {goodPassword}}); a.status != http.StatusSeeOther {
			t.Fatalf("accepting: %d %s", a.status, a.body)
		}
		if a := n.do(guest, "GET", "/admin", nil); a.status != 200 || !strings.Contains(a.body, "Rhiannon Pask") {
			t.Errorf("the new author is not signed in (%d)", a.status)
		}
		if a := n.do(n.browser(), "POST", link, url.Values{"name": {"Someone Else"}, "password": {goodPassword}}); a.status != http.StatusNotFound {
			t.Errorf("a used invitation: %d, want 404", a.status)
		}
		// Links expire.
		a = n.do(boss, "POST", "/admin/people/invite", url.Values{"email": {"late@courier.example"}, "role": {"contributor"}})
		late := linkPattern.FindString(a.body)
		n.clock.Advance(73 * time.Hour)
		if a := n.do(n.browser(), "GET", late, nil); a.status != http.StatusNotFound || !strings.Contains(a.body, "expired") {
			t.Errorf("an expired invitation: %d, want 404 saying so", a.status)
		}
	})
}

var secretPattern = regexp.MustCompile(`id="secret" type="text" readonly value="([A-Z2-7]+)"`)
var recoveryPattern = regexp.MustCompile(`<code>([a-z2-9]{5}-[a-z2-9]{5})</code>`)

func TestTwoStepSignIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		c := n.browser()
		n.signIn(c, news.RoleEditor)
		a := n.do(c, "POST", "/admin/account/totp", url.Values{})
		m := secretPattern.FindStringSubmatch(a.body)
		if m == nil {
			t.Fatalf("no key to enrol (%d)", a.status)
		}
		secret := m[1]
		if a := n.do(c, "POST", "/admin/account/totp/confirm", url.Values{"code": {"000000"}}); a.status != http.StatusUnprocessableEntity {
			t.Errorf("a wrong enrolment code: %d, want 422", a.status)
		}
		a = n.do(c, "POST", "/admin/account/totp/confirm", url.Values{"code": {auth.TOTPCode(secret, n.clock.T)}})
		codes := recoveryPattern.FindAllStringSubmatch(a.body, -1)
		if a.status != 200 || len(codes) != 10 {
			t.Fatalf("enrolment: %d with %d recovery codes", a.status, len(codes))
		}
		// The owner is told by mail, queued with the change.
		if m, _ := outboxLink(t, st, "editor@courier.example"); m.Kind != "notice" || !strings.Contains(m.Subject, "two-step sign-in was turned on") {
			t.Errorf("no notice of two-step sign-in turned on: %+v", m)
		}

		n.clock.Advance(time.Minute)
		fresh := n.browser()
		a = n.do(fresh, "POST", "/admin/signin", url.Values{"email": {"editor@courier.example"}, "password": {goodPassword}})
		if a.status != 200 || !strings.Contains(a.body, "authenticator") {
			t.Fatalf("password right with two-step on: %d, want the code form", a.status)
		}
		if a := n.do(fresh, "GET", "/admin", nil); a.status != http.StatusSeeOther {
			t.Errorf("the password alone opened the dashboard (%d)", a.status)
		}
		if a := n.do(fresh, "POST", "/admin/signin/code", url.Values{"code": {"123456"}}); a.status != http.StatusUnauthorized {
			t.Errorf("a wrong code: %d, want 401", a.status)
		}
		code := auth.TOTPCode(secret, n.clock.T)
		if a := n.do(fresh, "POST", "/admin/signin/code", url.Values{"code": {code}}); a.status != http.StatusSeeOther {
			t.Fatalf("the right code: %d", a.status)
		}
		if a := n.do(fresh, "GET", "/admin", nil); a.status != 200 {
			t.Errorf("after the code the dashboard answers %d", a.status)
		}
		// The same code cannot be used twice.
		again := n.browser()
		n.do(again, "POST", "/admin/signin", url.Values{"email": {"editor@courier.example"}, "password": {goodPassword}})
		if a := n.do(again, "POST", "/admin/signin/code", url.Values{"code": {code}}); a.status != http.StatusUnauthorized {
			t.Errorf("a code used already: %d, want 401", a.status)
		}
		// A recovery code works once.
		if a := n.do(again, "POST", "/admin/signin/code", url.Values{"code": {strings.ToUpper(codes[0][1])}}); a.status != http.StatusSeeOther {
			t.Errorf("a recovery code: %d, want 303", a.status)
		}
		third := n.browser()
		n.do(third, "POST", "/admin/signin", url.Values{"email": {"editor@courier.example"}, "password": {goodPassword}})
		if a := n.do(third, "POST", "/admin/signin/code", url.Values{"code": {codes[0][1]}}); a.status != http.StatusUnauthorized {
			t.Errorf("a spent recovery code: %d, want 401", a.status)
		}
	})
}
