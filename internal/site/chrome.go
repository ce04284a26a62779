package site

import (
	"context"
	"fmt"
	"slices"
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
	Sections    []news.Section
	Pages       []news.Page
	Current     string     // the path of the section being read, for aria-current
	Feeds       []feedLink // feeds the page advertises: its own first, then the site's
	Year        int
	Privacy     privacySettings
}

// chrome loads what every page needs; title is the page's own part of the
// <title>, to which the site name is added.
func (s *Site) chrome(ctx context.Context, title, path string) (chrome, error) {
	shared, err := s.shared(ctx)
	if err != nil {
		return chrome{}, err
	}
	c := chrome{SiteName: shared.name, Sections: shared.sections, Pages: shared.pages, Year: s.store.Now().Year(),
		Privacy: shared.privacy}
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
	if c.name, err = s.store.Setting(ctx, "site.name", "Masthead"); err != nil {
		return nil, err
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
	notes, err := s.store.Setting(ctx, "site.notes_position", "bottom")
	if err != nil {
		return nil, err
	}
	c.notesOnTop = notes == "top"
	if s.chromeMemo.gen.Load() == gen {
		s.chromeMemo.cur.Store(c)
	}
	return c, nil
}
