package site

import (
	"context"
	"fmt"

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
	c := chrome{SiteName: s.siteName(ctx), Year: s.store.Now().Year()}
	var err error
	if c.Sections, err = s.store.Sections(ctx); err != nil {
		return c, err
	}
	if c.Pages, err = s.store.Pages(ctx); err != nil {
		return c, err
	}
	if c.Privacy, err = s.privacy(ctx); err != nil {
		return c, err
	}
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
