package site

import (
	"net/http"

	"masthead/internal/store"
)

// handleAuthor shows an author's bio and articles, newest first. Only the
// public profile is loaded: the e-mail address never reaches a template.
func (s *Site) handleAuthor(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.AuthorBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderIndex(w, r, indexPage{Heading: a.Name, Kicker: "Author", Description: a.Bio, Author: &a, FeedPath: a.URL()},
		a.URL(), store.TeaserQuery{AuthorID: a.ID})
}
