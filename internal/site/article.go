package site

import (
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"masthead/internal/blocks"
	"masthead/internal/news"
	"masthead/internal/redirect"
	"masthead/internal/store"
)

// minRelated is how many related articles an article page always shows,
// and maxRelated the most it shows.
const (
	minRelated = 3
	maxRelated = 4
)

type articlePage struct {
	chrome
	Article    news.Article
	Related    []news.Teaser
	NotesOnTop bool
	Share      template.HTML // the share links' list items
	MostRead   mostRead
	JSONLD     template.JS
}

// shareLink is a plain link to a service's share form: no script, no request
// to the service until the reader clicks.
type shareLink struct {
	Name string
	URL  string
}

// handleArticle shows one published article. Any other path that names the
// article (an old slug, a changed section or date) redirects to the canonical
// one; an unpublished article answers 410 Gone, a draft does not exist.
func (s *Site) handleArticle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	slug := r.PathValue("slug")
	// The related articles come in the article's own statement.
	a, related, err := s.store.ArticleWithRelated(ctx, slug, maxRelated)
	if news.ErrorCode(err) == news.ENOTFOUND {
		current, err2 := s.store.ArticleSlugFor(ctx, slug)
		if err2 != nil {
			s.fail(w, r, err2)
			return
		}
		a, related, err = s.store.ArticleWithRelated(ctx, current, maxRelated)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch a.Status {
	case news.Unpublished:
		s.fail(w, r, news.Errorf(news.EGONE, "withdrawn"))
		return
	case news.Draft:
		s.notFound(w, r)
		return
	}
	if r.URL.Path != a.URL() {
		redirect.To(w, r, a.URL(), http.StatusMovedPermanently)
		return
	}
	s.renderArticle(w, r, a, related, "")
}

// Preview shows an article, a draft too, exactly as its public page will
// look, under a bar that says what it is, marked noindex; the newsroom
// serves it to signed-in staff only.
func (s *Site) Preview(w http.ResponseWriter, r *http.Request, a news.Article, bar string) {
	// The preview is the public page, under the public page's policy
	// rather than the newsroom's, so it runs the same scripts.
	w.Header().Set("Content-Security-Policy", s.Policy().String())
	related, err := s.store.Related(r.Context(), a.ID, maxRelated)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderArticle(w, r, a, related, bar)
}

// renderArticle shows an article page with its related articles (as
// Store.Related finds them); a preview has a bar (never empty).
func (s *Site) renderArticle(w http.ResponseWriter, r *http.Request, a news.Article, related []news.Teaser, bar string) {
	preview := bar != ""
	ctx := r.Context()
	if a.LeadImage != nil && a.LeadImage.Src == "" {
		// A library picture whose renditions are still being made: the
		// page shows none rather than a broken one.
		a.LeadImage = nil
	}
	c, err := s.chrome(ctx, a.TitleForSearch()+" | "+a.Section.Name, a.URL())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c.Current = a.Section.URL()
	c.Description = a.DescriptionForSearch()
	c.Noindex, c.PreviewBar = preview, bar
	related, err = s.topUpRelated(r, a, related)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	shared, err := s.shared(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ld, err := s.articleLD(a, shared)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	most, err := s.mostRead(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := articlePage{chrome: c, Article: a, Related: related,
		NotesOnTop: shared.notesOnTop, Share: shareList(c.Canonical, a.Headline), MostRead: most, JSONLD: ld}
	var b strings.Builder
	// Most article pages are 17 to 32 kB: from 16 kB the page grew, and was
	// copied, once on every render.
	b.Grow(32 << 10)
	if err := s.writeArticlePage(&b, &p); err != nil {
		s.serverError(w, r, fmt.Errorf("site: render article: %w", err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = io.WriteString(w, b.String())
	}
}

// topUpRelated returns the articles related by content; on a young site
// with too few, it tops them up with the section's latest so the reader
// still has somewhere to go next.
func (s *Site) topUpRelated(r *http.Request, a news.Article, list []news.Teaser) ([]news.Teaser, error) {
	if len(list) >= minRelated {
		return list, nil
	}
	// Enough to fill up even if the article itself and all it has are
	// among the section's latest, and no more: on a young site every
	// article page runs this.
	more, err := s.store.Teasers(r.Context(), store.TeaserQuery{SectionID: a.Section.ID, Limit: minRelated + len(list) + 1})
	if err != nil {
		return nil, err
	}
	have := map[int64]bool{a.ID: true}
	for _, t := range list {
		have[t.ID] = true
	}
	for _, t := range more {
		if len(list) >= minRelated {
			break
		}
		if !have[t.ID] {
			list = append(list, t)
			have[t.ID] = true
		}
	}
	return list, nil
}

// shareList is the share links as the page's list items. They are written
// here rather than by the template: html/template normalizes and escapes each
// URL byte by byte, which cost an eighth of an article's render for six
// links whose every byte this code chose (query-escaped words on fixed
// prefixes).
func shareList(pageURL, headline string) template.HTML {
	var b strings.Builder
	for _, l := range shareLinks(pageURL, headline) {
		b.WriteString("\n<li><a href=\"")
		blocks.WriteURL(&b, l.URL)
		b.WriteString("\" rel=\"noopener\">")
		blocks.WriteText(&b, l.Name)
		b.WriteString("</a></li>")
	}
	return template.HTML(b.String())
}

func shareLinks(pageURL, headline string) []shareLink {
	u, text := url.QueryEscape(pageURL), url.QueryEscape(headline)
	return []shareLink{
		{"Email", "mailto:?subject=" + url.PathEscape(headline) + "&body=" + url.PathEscape(pageURL)},
		{"Bluesky", "https://bsky.app/intent/compose?text=" + text + "%20" + u},
		{"X", "https://x.com/intent/post?text=" + text + "&url=" + u},
		{"Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u},
		{"LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + u},
		{"WhatsApp", "https://wa.me/?text=" + text + "%20" + u},
	}
}
