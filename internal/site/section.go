package site

import (
	"net/http"

	"masthead/internal/news"
	"masthead/internal/store"
)

type indexPage struct {
	chrome
	Heading     string
	Kicker      string
	Description string
	Author      *news.Author
	Teasers     []news.Teaser
	Pager       pager
	Months      []monthLink
	FeedPath    string // the path whose feeds the page advertises, if any
	// pinned puts the stories editors pinned to the section's front at the
	// head of its first page.
	pinned bool
}

// handleSectionOrPage serves /{slug}: sections and static pages share the root
// of the site (the store keeps their slugs apart).
func (s *Site) handleSectionOrPage(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	sec, err := s.store.SectionBySlug(r.Context(), slug)
	if news.ErrorCode(err) == news.ENOTFOUND {
		s.handlePage(w, r, slug)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderIndex(w, r, indexPage{Heading: sec.Name, Description: sec.Description, FeedPath: sec.URL(), pinned: true},
		sec.URL(), store.TeaserQuery{SectionID: sec.ID})
}

// renderIndex fills an index page with one page of teasers and renders it.
// A page past the last one is a 404: it does not exist.
func (s *Site) renderIndex(w http.ResponseWriter, r *http.Request, p indexPage, path string, q store.TeaserQuery) {
	ctx := r.Context()
	page, err := parsePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.chrome(ctx, pageTitle(p.Heading, page), pagePath(path, page))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c.Current = path
	if p.FeedPath != "" {
		c.Feeds = s.feedLinks(c.SiteName, p.FeedPath, p.Heading)
	}
	c.Description = p.Description
	// Later pages of an archive add nothing a search engine should list.
	c.Noindex = page > 1
	q.Limit, q.Offset = perPage+1, (page-1)*perPage
	list, err := s.store.Teasers(ctx, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(list) == 0 && page > 1 {
		s.notFound(w, r)
		return
	}
	p.chrome = c
	p.Pager = newPager(path, page, len(list))
	if len(list) > perPage {
		list = list[:perPage]
	}
	if p.pinned && page == 1 {
		// The pins come on top of a full page, so the later pages, which
		// follow the automatic order, miss nothing the pins pushed down.
		pins, err := s.store.PinnedTeasers(ctx, q.SectionID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		list = append(pins[:len(pins):len(pins)], withoutTeasers(list, pins)...)
	}
	p.Teasers = list
	s.render(w, r, http.StatusOK, "index", p)
}
