package site

import (
	"net/http"

	"masthead/internal/news"
)

type staticPage struct {
	chrome
	Page news.Page
}

// handlePage shows a static page such as About or the corrections policy.
func (s *Site) handlePage(w http.ResponseWriter, r *http.Request, slug string) {
	p, err := s.store.PageBySlug(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.chrome(r.Context(), p.Title, p.URL())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c.Current = p.URL()
	s.render(w, r, http.StatusOK, "page", staticPage{chrome: c, Page: p})
}
