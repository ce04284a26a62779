// Package site is the public news website: every page a reader sees, rendered
// on the server from html/template with no JavaScript needed.
package site

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/csp"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/store"
)

// Config is what the site needs to know about where it runs.
type Config struct {
	// BaseURL is the public origin of the site, such as https://news.example,
	// used for canonical links; it never comes from a request's Host header.
	BaseURL string
	// Dev reads templates and static files from disk on every request, so a
	// designer sees a change on reload without rebuilding.
	Dev bool
	// DataDir holds the site's files, among them media under DataDir/media.
	DataDir string
	// Media is where pictures are served from; nil means DataDir/media.
	Media media.Storage
}

// Site serves the public pages of one news site.
type Site struct {
	cfg   Config
	store *store.Store
	media media.Storage
	log   *slog.Logger
	base  *url.URL // the site's origin, which absURL resolves against
	// origin is base's scheme, user and host, to which absURL appends a
	// plain site path (plainPath) without resolving it.
	origin string
	assets *assets
	tmpl   *templates
	// rendered records which templates have been executed, so a test can fail
	// when some template is never rendered by any test.
	rendered   sync.Map
	mux        http.Handler
	patterns   []string
	chromeMemo chromeMemo
	// mostReadMemo keeps the most-read lists for a minute.
	mostReadMemo mostReadMemo
	// loc is the site's time zone, loaded with the shared chrome.
	loc atomic.Pointer[time.Location]
}

// New returns the public site over st.
func New(cfg Config, st *store.Store, log *slog.Logger) (*Site, error) {
	base, err := url.Parse(strings.TrimSuffix(cfg.BaseURL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, news.Errorf(news.EINVALID, "the base URL %q is not an http or https origin", cfg.BaseURL)
	}
	var files fs.FS = embedded
	if cfg.Dev {
		files = os.DirFS("internal/site")
	}
	s := &Site{cfg: cfg, store: st, log: log, base: base, media: cfg.Media,
		origin: (&url.URL{Scheme: base.Scheme, User: base.User, Host: base.Host}).String()}
	if s.media == nil {
		s.media = &media.Disk{Root: filepath.Join(cfg.DataDir, "media")}
	}
	if s.assets, err = loadAssets(files); err != nil {
		return nil, err
	}
	if s.tmpl, err = loadTemplates(files, s.funcs(), cfg.Dev); err != nil {
		return nil, err
	}
	s.mux = s.routes()
	st.Subscribe(s.chromeMemo.invalidate)
	st.Subscribe(s.mostReadMemo.invalidate)
	return s, nil
}

// absURL returns the absolute URL of ref resolved against the site's base
// URL: a site path gets the site's origin, and an absolute URL (an outside
// https picture) stays itself. Resolving, never gluing strings, is what keeps
// "https://pictures.example/x.jpg" from becoming
// "https://news.examplehttps://pictures.example/x.jpg".
func (s *Site) absURL(ref string) string {
	if s.origin != "" && plainPath(ref) {
		// What resolving gives for such a path, without parsing and
		// printing two URLs: an article page asks for a dozen.
		return s.origin + ref
	}
	u, err := url.Parse(ref)
	if err != nil {
		return s.base.String()
	}
	return s.base.ResolveReference(u).String()
}

// plainPath reports whether ref is a path on this site that resolving
// leaves as it is: it starts with one slash, has no empty, "." or ".."
// segment, and holds only letters, digits and - . _ ~ /, none of which a
// URL escapes.
func plainPath(ref string) bool {
	if len(ref) == 0 || ref[0] != '/' || strings.Contains(ref, "//") || strings.Contains(ref, "/.") {
		return false
	}
	for i := 0; i < len(ref); i++ {
		if c := ref[i]; !isAlnum(c) && c != '-' && c != '.' && c != '_' && c != '~' && c != '/' {
			return false
		}
	}
	return true
}

// absImage returns the absolute URL of a picture's address, or "" for an
// address no picture may have (see blocks.SafeImageSrc): one saved before
// addresses were checked never reaches a page, feed or link preview.
func (s *Site) absImage(src string) string {
	if !blocks.SafeImageSrc(src) {
		return ""
	}
	return s.absURL(src)
}

// language returns the site's language from the settings, a BCP 47 tag.
func (s *Site) language(ctx context.Context) string {
	c, err := s.shared(ctx)
	if err != nil || c.settings.Language == "" {
		return "en"
	}
	return c.settings.Language
}

// newsLanguage is a BCP 47 tag as the Google News sitemap wants it: the
// language alone, lower case (Chinese, which it splits by script, is not
// among news.Languages).
func newsLanguage(tag string) string {
	lang, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(lang)
}

// siteName returns the newspaper's name from the settings.
func (s *Site) siteName(ctx context.Context) string {
	c, err := s.shared(ctx)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Warn("reading site name", "err", err)
		}
		return "Masthead"
	}
	return c.name
}

// RenderedTemplates returns the names of the templates rendered so far.
func (s *Site) RenderedTemplates() []string {
	var out []string
	s.rendered.Range(func(k, _ any) bool {
		out = append(out, k.(string))
		return true
	})
	return out
}

// TemplateNames returns the names of all page templates.
func (s *Site) TemplateNames() []string { return s.tmpl.names() }

// Policy is the Content-Security-Policy of the public pages: the site's own
// scripts by their hashes, and frames from the embed providers only (the
// consent script creates them once the reader allows embeds).
func (s *Site) Policy() csp.Policy {
	return csp.Policy{Scripts: s.assets.scripts(), Frames: blocks.FrameOrigins}
}

// ServeHTTP makes Site an http.Handler.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }
