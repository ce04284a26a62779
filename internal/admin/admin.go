// Package admin is the newsroom under /admin: signing in and out, the
// dashboard, people and invitations, second factors and the audit log. Every
// rule is checked here on the server; the pages only leave out what a role
// may not do.
package admin

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"masthead/internal/auth"
	"masthead/internal/forwarded"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/redirect"
	"masthead/internal/store"
	"masthead/internal/webhook"
)

// SessionCookie holds a signed-in member of staff's session token; the
// public site's cache lets requests carrying it pass.
const SessionCookie = "masthead_session"

// pendingCookie holds the session of someone who gave the right password
// and still owes the second factor.
const pendingCookie = "masthead_pending"

const (
	sessionTTL = 7 * 24 * time.Hour // idle time after which one signs in again
	pendingTTL = 5 * time.Minute
	inviteTTL  = 72 * time.Hour
	// Sign-in limits, over failureWindow: per account (a guesser after one
	// person) and per network address (a guesser trying many accounts).
	failureWindow     = 15 * time.Minute
	maxAccountFailure = 5
	maxAddressFailure = 20
	// maxFormBytes bounds any newsroom form body.
	maxFormBytes = 64 << 10
)

// Config is what the newsroom needs to know.
type Config struct {
	// BaseURL is the site's public origin; an https one makes cookies Secure.
	BaseURL string
	// SiteName names the issuer in authenticator apps.
	SiteName func(context.Context) string
	// Preview renders an article as its public page will look, under a
	// bar that says what is shown.
	Preview func(w http.ResponseWriter, r *http.Request, a news.Article, bar string)
	// Media is the media library uploads go to; without it there is none.
	Media *media.Library
	// DataDir keeps WordPress exports uploaded for import until a
	// background job runs them; without it there is no import screen.
	DataDir string
	// MailServer says mail is sent (--smtp-url is set); without one, mail
	// waits in the outbox and the mail log says why.
	MailServer bool
	// Webhooks decides which endpoint addresses may be saved.
	Webhooks webhook.Guard
}

//go:embed templates
var files embed.FS

// Admin serves /admin.
type Admin struct {
	cfg    Config
	store  *store.Store
	log    *slog.Logger
	secure bool
	pages  map[string]*template.Template
	mux    *http.ServeMux
	// patterns are the routes' patterns, for Routes.
	patterns []string
	// loc is the site's time zone as the last page rendered found it.
	loc atomic.Pointer[time.Location]
}

// New returns the newsroom over st.
func New(cfg Config, st *store.Store, log *slog.Logger) (*Admin, error) {
	a := &Admin{cfg: cfg, store: st, log: log, mux: http.NewServeMux(), pages: map[string]*template.Template{}}
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Scheme == "https" {
		a.secure = true
	}
	if a.cfg.SiteName == nil {
		a.cfg.SiteName = func(context.Context) string { return "Masthead" }
	}
	names, _ := templateNames()
	for _, name := range names {
		t, err := template.New("").Funcs(a.funcs()).ParseFS(files, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		a.pages[name] = t
	}
	a.routes()
	return a, nil
}

func templateNames() ([]string, error) {
	entries, err := files.ReadDir("templates")
	var out []string
	for _, e := range entries {
		if n := strings.TrimSuffix(e.Name(), ".html"); n != "layout" {
			out = append(out, n)
		}
	}
	return out, err
}

// funcs are the templates' helpers. Dates are shown in the site's time
// zone, as the page being rendered found it (see render).
func (a *Admin) funcs() template.FuncMap {
	return template.FuncMap{
		"date": func(t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			loc := a.loc.Load()
			if loc == nil {
				loc = time.UTC
			}
			return t.In(loc).Format("2 Jan 2006 15:04 MST")
		},
		"iso":                   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"inc":                   func(i int) int { return i + 1 },
		"thumb":                 thumb,
		"script":                func() string { return editorScript.path },
		"scriptIntegrity":       func() string { return editorScript.integrity },
		"stylesheet":            func() string { return stylesheet.path },
		"peopleScript":          func() string { return peopleScript.path },
		"peopleScriptIntegrity": func() string { return peopleScript.integrity },
		"frontsScript":          func() string { return frontsScript.path },
		"frontsIntegrity":       func() string { return frontsScript.integrity },
		"label":                 storyLabel,
		"dec":                   func(i int) int { return i - 1 },
		"subscribed":            subscribed,
		"stageName":             stageName,
		"count":                 count,
		"listFirst":             listFirst,
		"hasWord":               func(list, word string) bool { return slices.Contains(strings.Fields(list), word) },
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
	}
}

// Handler returns the newsroom's handler: cross-site form posts are refused
// (403) before any handler runs, and nothing it answers is cached.
func (a *Admin) Handler() http.Handler {
	protect := http.NewCrossOriginProtection()
	protect.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.render(w, r, http.StatusForbidden, "error", page{Title: "Refused", Message: "That form was sent from another site, so it was refused. Go back to the newsroom and try again."})
	}))
	return a.bearerOrProtected(protect, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "private, no-store")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", policy)
		if r.Method == http.MethodPost && !strings.HasPrefix(r.URL.Path, "/admin/api/") &&
			!strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
			if err := r.ParseForm(); err != nil {
				status := http.StatusBadRequest
				if _, ok := err.(*http.MaxBytesError); ok {
					status = http.StatusRequestEntityTooLarge
				}
				a.render(w, r, status, "error", page{Title: "Not sent",
					Message: "That form could not be read (it may be too large), so nothing was changed. Go back and try again."})
				return
			}
		}
		a.mux.ServeHTTP(w, r)
	}))
}

// bearerOrProtected sends calls with an API key straight to next and the
// rest through the cross-site check: a browser never attaches a bearer
// token by itself, so such a call cannot be forged from another site.
func (a *Admin) bearerOrProtected(protect *http.CrossOriginProtection, next http.Handler) http.Handler {
	protected := protect.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if bearerToken(r) != "" {
			next.ServeHTTP(w, r)
			return
		}
		protected.ServeHTTP(w, r)
	})
}

// page is what every newsroom template gets.
type page struct {
	Title   string
	User    *news.User
	Message string // a notice at the top
	Error   string // what went wrong, at the top
	Fields  map[string]string
	Errors  map[string]string // per field
	Data    any
}

func (a *Admin) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	if name == "error" && p.Error == "" {
		p.Error, p.Message = p.Message, "" // an error page's message is the problem itself
	}
	if loc, err := a.store.TimeZone(r.Context()); err == nil {
		a.loc.Store(loc)
	}
	t := a.pages[name]
	if t == nil {
		a.log.Error("admin: no template", "name", name)
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		a.log.Error("admin: render", "name", name, "err", err)
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (a *Admin) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if news.ErrorCode(err) == news.EUNAVAILABLE {
		a.unavailable(w, r, err)
		return
	}
	a.log.Error("admin", "path", r.URL.Path, "err", err)
	a.render(w, r, http.StatusInternalServerError, "error", page{Title: "Something went wrong",
		Message: "Something went wrong on our side. Nothing you saved before is lost; please try again."})
}

// address is the network address a request came from, for rate limits and
// the audit log: behind a trusted proxy, the client it names.
func address(r *http.Request) string { return forwarded.Address(r) }

// isSecure reports whether cookies must be Secure: on an https site, served
// over TLS, or behind a trusted proxy that says the client came over https.
func (a *Admin) isSecure(r *http.Request) bool {
	return a.secure || forwarded.HTTPS(r)
}

// unavailable answers 503 when the node cannot save for now (a full or
// read-only disk, the database away): the person is told to try again,
// and a client is told when.
func (a *Admin) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	a.log.Warn("admin: cannot save", "path", r.URL.Path, "err", err)
	w.Header().Set("Retry-After", strconv.Itoa(news.RetryAfter))
	u, _ := a.signedIn(r)
	a.render(w, r, news.HTTPStatus(err), "error", page{Title: "Not saved", User: u,
		Message: "The server cannot save right now, so nothing was changed. Nothing saved before is lost; try again in a minute."})
}

func (a *Admin) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: a.isSecure(r), MaxAge: int(maxAge / time.Second)}
	if value == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// signedIn returns the member of staff a request comes from, if any.
func (a *Admin) signedIn(r *http.Request) (*news.User, error) {
	if u, ok := r.Context().Value(keyUserKey{}).(*news.User); ok {
		return u, nil
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	u, err := a.store.SessionUser(r.Context(), auth.TokenHash(c.Value), sessionTTL, false)
	if news.ErrorCode(err) == news.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// staff wraps a handler for signed-in staff of at least role min: others are
// sent to sign in, or refused with 403.
func (a *Admin) staff(min news.Role, h func(http.ResponseWriter, *http.Request, *news.User)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if bearerToken(r) != "" {
			a.keyCall(w, r, min, h)
			return
		}
		u, err := a.signedIn(r)
		// The editor's JSON calls are answered in JSON whatever goes wrong,
		// so that the editor can say why a save was refused.
		json := strings.HasPrefix(r.URL.Path, "/admin/api/")
		switch {
		case err != nil && json:
			a.apiFail(w, r, err)
			return
		case err != nil:
			a.serverError(w, r, err)
			return
		case u == nil && json:
			writeJSON(w, http.StatusUnauthorized, apiError{Error: "You are signed out, so this was not done. Sign in and try again."})
			return
		case u != nil && json && !u.Role.AtLeast(min):
			writeJSON(w, http.StatusForbidden, apiError{Error: "Your role (" + string(u.Role) + ") does not allow this."})
			return
		}
		if u == nil {
			if r.Method == http.MethodGet {
				redirect.To(w, r, "/admin/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			a.render(w, r, http.StatusUnauthorized, "error", page{Title: "Signed out",
				Message: "You are signed out, so this was not done. Sign in and try again."})
			return
		}
		if !u.Role.AtLeast(min) {
			a.render(w, r, http.StatusForbidden, "error", page{Title: "Not allowed", User: u,
				Message: "Your role (" + string(u.Role) + ") does not allow this."})
			return
		}
		h(w, r, u)
	}
}

// allowed wraps a handler of a staff action for the roles the rule table
// allows it (news.AllowedStaff).
func (a *Admin) allowed(act news.StaffAction, h func(http.ResponseWriter, *http.Request, *news.User)) http.HandlerFunc {
	return a.staff(news.MinRole(act), h)
}

func (a *Admin) audit(r *http.Request, e news.AuditEntry) {
	if err := a.store.Audit(r.Context(), e); err != nil {
		a.log.Error("audit log", "action", e.Action, "err", err)
	}
}
