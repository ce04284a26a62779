package site

import (
	"context"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"masthead/internal/cachekey"

	"masthead/internal/news"
)

// chrome is what every page shows around its content, and its head metadata.
type chrome struct {
	SiteName    string
	Title       string // the whole <title>
	Description string
	Canonical   string // absolute URL; empty for pages that have none
	Noindex     bool
	// PreviewBar, on a newsroom preview, says across the top what is shown.
	PreviewBar string
	Sections   []news.Section
	Pages      []news.Page
	Current    string     // the path of the section being read, for aria-current
	Feeds      []feedLink // feeds the page advertises: its own first, then the site's
	Year       int
	Privacy    privacySettings
	// Lang is the site's language, a BCP 47 tag, for <html lang>.
	Lang string
	// Logo is the site's logo from the media library, or nil.
	Logo        *news.Image
	FooterText  string
	FooterLinks []news.Link

	site   *Site
	shared *sharedChrome
}

// SectionNav is the section menu, with the current section marked.
func (c chrome) SectionNav() (template.HTML, error) {
	return c.site.fragment("section-nav", c.Current, c)
}

// Footer is the site's footer, with the current page's link marked.
func (c chrome) Footer() (template.HTML, error) {
	return c.site.fragment("site-footer", c.Current, c)
}

// chrome loads what every page needs; title is the page's own part of the
// <title>, to which the site name is added.
func (s *Site) chrome(ctx context.Context, title, path string) (chrome, error) {
	shared, err := s.shared(ctx)
	if err != nil {
		return chrome{}, err
	}
	c := chrome{SiteName: shared.name, Sections: shared.sections, Pages: shared.pages, Year: s.store.Now().Year(),
		Privacy: shared.privacy, Lang: shared.settings.Language, Logo: shared.logo,
		FooterText: shared.settings.FooterText, FooterLinks: shared.settings.FooterLinks, site: s, shared: shared}
	c.Feeds = s.feedLinks(c.SiteName, "", "")
	c.Title = c.SiteName
	if title != "" {
		c.Title = title + " | " + c.SiteName
	}
	if path != "" {
		c.Canonical = s.absURL(path)
	}
	return c, nil
}

// pageTitle adds " (page N)" to a title past the first page of an index, so
// every page of a series has its own title.
func pageTitle(title string, page int) string {
	if page > 1 {
		return fmt.Sprintf("%s (page %d)", title, page)
	}
	return title
}

// sharedChrome is what every page shows whatever the page: the site's name,
// its sections, its pages and its privacy settings. It changes rarely and every page needs it, so
// the site keeps it in memory and drops it when a change names the key
// cachekey.Site, on this node or (through the store's notifications) on
// another.
type sharedChrome struct {
	name     string
	sections []news.Section
	pages    []news.Page
	privacy  privacySettings
	// notesOnTop puts corrections and updates above an article's text.
	notesOnTop bool
	// settings are the site's settings as the settings screen saved them.
	settings news.Settings
	// logo is the picture settings.Logo names, once it has renditions.
	logo *news.Image
	// fragments holds the section menu and footer rendered from this
	// chrome, by fragmentKey: html/template spent a fifth of an article
	// page's template time on them (a dozen links, each a method call and
	// two escapers),
	// and they change only with this chrome, the current page and the year.
	fragments  sync.Map
	nFragments atomic.Int32
}

type fragmentKey struct {
	name, current string
	year          int
}

// maxFragments bounds the rendered fragments kept per chrome: current pages
// are the site's sections and pages, but a bound costs nothing.
const maxFragments = 256

// fragment renders the named partial template with the chrome c, or returns
// it as rendered before for the same chrome, current page (as far as the
// fragment shows it) and year.
func (s *Site) fragment(name, current string, c chrome) (template.HTML, error) {
	k := fragmentKey{name: name, current: current, year: c.Year}
	if c.shared != nil && !s.tmpl.dev {
		if v, ok := c.shared.fragments.Load(k); ok {
			return v.(template.HTML), nil
		}
	}
	html, err := s.partial(name, c)
	if err != nil {
		return "", err
	}
	if c.shared != nil && !s.tmpl.dev && c.shared.nFragments.Add(1) <= maxFragments {
		c.shared.fragments.Store(k, html)
	}
	return html, nil
}

// chromeMemo holds the loaded sharedChrome. gen counts invalidations, so a
// load that raced with a change is used once but not kept.
type chromeMemo struct {
	cur  atomic.Pointer[sharedChrome]
	gen  atomic.Uint64
	load sync.Mutex
}

func (m *chromeMemo) invalidate(keys []string, _ bool) {
	if slices.Contains(keys, cachekey.Site) || slices.Contains(keys, cachekey.Everything) {
		m.gen.Add(1)
		m.cur.Store(nil)
	}
}

func (s *Site) shared(ctx context.Context) (*sharedChrome, error) {
	cachekey.Add(ctx, cachekey.Site)
	if c := s.chromeMemo.cur.Load(); c != nil {
		return c, nil
	}
	s.chromeMemo.load.Lock()
	defer s.chromeMemo.load.Unlock()
	if c := s.chromeMemo.cur.Load(); c != nil {
		return c, nil
	}
	gen := s.chromeMemo.gen.Load()
	c := &sharedChrome{}
	var err error
	if c.settings, err = s.store.SiteSettings(ctx); err != nil {
		return nil, err
	}
	c.name, c.notesOnTop = c.settings.Name, c.settings.NotesOnTop
	if c.settings.Logo != 0 {
		a, err := s.store.Asset(ctx, c.settings.Logo)
		if err != nil && news.ErrorCode(err) != news.ENOTFOUND {
			return nil, err
		}
		c.logo = a.Image() // nil for a deleted picture or one still being resized
	}
	if c.sections, err = s.store.Sections(ctx); err != nil {
		return nil, err
	}
	if c.pages, err = s.store.Pages(ctx); err != nil {
		return nil, err
	}
	if c.privacy, err = s.privacy(ctx); err != nil {
		return nil, err
	}
	loc, err := s.store.TimeZone(ctx)
	if err != nil {
		return nil, err
	}
	s.loc.Store(loc)
	if s.chromeMemo.gen.Load() == gen {
		s.chromeMemo.cur.Store(c)
	}
	return c, nil
}

// partial renders the named partial template with data on its own.
func (s *Site) partial(name string, data any) (template.HTML, error) {
	var buf strings.Builder
	if err := s.tmpl.partials().ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("site: render %s: %w", name, err)
	}
	return template.HTML(buf.String()), nil
}
