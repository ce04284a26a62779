package site

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"masthead/internal/feeds"
)

const sitemapType = "application/xml; charset=utf-8"

// articlesPerSitemap is how many article URLs one sitemap file lists: the
// protocol's maximum, since every file costs a crawler a request.
const articlesPerSitemap = feeds.MaxURLs

// newsWindow is how far back a Google News sitemap reaches.
const newsWindow = 48 * time.Hour

// handleSitemapIndex serves /sitemap.xml, the index of every sitemap.
func (s *Site) handleSitemapIndex(w http.ResponseWriter, r *http.Request) {
	n, err := s.store.CountPublished(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var maps []feeds.URL
	for i := 1; i <= feeds.SitemapPages(n, articlesPerSitemap); i++ {
		maps = append(maps, feeds.URL{Loc: s.absURL("/sitemaps/articles-" + strconv.Itoa(i) + ".xml")})
	}
	for _, name := range []string{"sections", "authors", "tags", "pages", "news"} {
		maps = append(maps, feeds.URL{Loc: s.absURL("/sitemaps/" + name + ".xml")})
	}
	s.serveXML(w, r, func() ([]byte, error) { return feeds.SitemapIndex(maps) })
}

// handleSitemap serves one sitemap under /sitemaps/.
func (s *Site) handleSitemap(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	file := r.PathValue("file")
	var urls []feeds.URL
	switch file {
	case "news.xml":
		s.handleNewsSitemap(w, r)
		return
	case "sections.xml":
		list, err := s.store.Sections(ctx)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, sec := range list {
			urls = append(urls, feeds.URL{Loc: s.absURL(sec.URL())})
		}
	case "authors.xml":
		list, err := s.store.Authors(ctx)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, a := range list {
			urls = append(urls, feeds.URL{Loc: s.absURL(a.URL())})
		}
	case "tags.xml":
		list, err := s.store.Tags(ctx)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, t := range list {
			urls = append(urls, feeds.URL{Loc: s.absURL(t.URL())})
		}
	case "pages.xml":
		list, err := s.store.Pages(ctx)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		urls = append(urls, feeds.URL{Loc: s.absURL("/")})
		for _, p := range list {
			urls = append(urls, feeds.URL{Loc: s.absURL(p.URL()), LastMod: p.UpdatedAt})
		}
	default:
		s.handleArticleSitemap(w, r, file)
		return
	}
	s.serveXML(w, r, func() ([]byte, error) { return feeds.Sitemap(urls) })
}

// handleArticleSitemap serves /sitemaps/articles-N.xml, N from 1; a page
// past the last is a 404, except the first, which an empty site has too.
func (s *Site) handleArticleSitemap(w http.ResponseWriter, r *http.Request, file string) {
	num, ok := strings.CutPrefix(file, "articles-")
	num, ok2 := strings.CutSuffix(num, ".xml")
	n, err := strconv.Atoi(num)
	if !ok || !ok2 || err != nil || n < 1 || strconv.Itoa(n) != num {
		s.notFound(w, r)
		return
	}
	list, err := s.store.ArticleURLs(r.Context(), (n-1)*articlesPerSitemap, articlesPerSitemap)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(list) == 0 && n > 1 {
		s.notFound(w, r)
		return
	}
	urls := make([]feeds.URL, len(list))
	for i, a := range list {
		urls[i] = feeds.URL{Loc: s.absURL(a.URL()), LastMod: a.UpdatedAt}
	}
	s.serveXML(w, r, func() ([]byte, error) { return feeds.Sitemap(urls) })
}

// handleNewsSitemap serves the Google News sitemap: articles first published
// in the last 48 hours.
func (s *Site) handleNewsSitemap(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := s.store.ArticleURLsSince(ctx, s.store.Now().Add(-newsWindow), feeds.MaxNewsURLs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	urls := make([]feeds.NewsURL, len(list))
	for i, a := range list {
		urls[i] = feeds.NewsURL{Loc: s.absURL(a.URL()), Title: a.Headline, Published: a.PublishedAt}
	}
	name := s.siteName(ctx)
	s.serveXML(w, r, func() ([]byte, error) { return feeds.NewsSitemap(urls, name, newsLanguage(s.language(r.Context()))) })
}

// serveXML renders a sitemap and serves it with an ETag, so a crawler that
// has it already gets a 304.
func (s *Site) serveXML(w http.ResponseWriter, r *http.Request, render func() ([]byte, error)) {
	body, err := render()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	serveConditional(w, r, sitemapType, body, time.Time{})
}
