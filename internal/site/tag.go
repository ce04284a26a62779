package site

import (
	"net/http"

	"masthead/internal/store"
)

// handleTag lists the articles on one topic, newest first.
func (s *Site) handleTag(w http.ResponseWriter, r *http.Request) {
	t, err := s.store.TagBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderIndex(w, r, indexPage{Heading: t.Name, Kicker: "Topic",
		Description: "News and analysis about " + t.Name + ".", FeedPath: t.URL()}, t.URL(), store.TeaserQuery{TagID: t.ID})
}
