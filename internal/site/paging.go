package site

import (
	"fmt"
	"net/http"
	"strconv"

	"masthead/internal/news"
)

// perPage is how many teasers an index page lists.
const perPage = 20

// pager is the navigation of a paged list: "newer / older" on an index in
// time order, "previous / more results" on search results in order of
// relevance, where newer and older would be untrue.
type pager struct {
	Page      int
	Pages     int    // how many pages in all, when known; 0 when not
	Path      string // the index's path without ?page
	HasNext   bool
	Previous  string // URL of the page before, or empty
	Next      string // URL of the page after, or empty
	PrevLabel string
	NextLabel string
}

// parsePage reads ?page=N; a missing value is page 1 and anything but a
// positive whole number is refused with a message.
func parsePage(r *http.Request) (int, error) {
	v := r.URL.Query().Get("page")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 100000 {
		return 0, news.Errorf(news.EMALFORMED, "The page number %q is not a whole number from 1 to 100000.", v)
	}
	return n, nil
}

// newPager builds the navigation for page of an index at path, given that
// one teaser more than a page was asked for to learn whether an older page exists.
func newPager(path string, page int, fetched int) pager {
	p := pager{Page: page, Path: path, HasNext: fetched > perPage, PrevLabel: "Newer", NextLabel: "Older"}
	if page > 1 {
		p.Previous = path
		if page > 2 {
			p.Previous = fmt.Sprintf("%s?page=%d", path, page-1)
		}
	}
	if p.HasNext {
		p.Next = fmt.Sprintf("%s?page=%d", path, page+1)
	}
	return p
}

// pagePath is the canonical URL path of page n of an index.
func pagePath(path string, n int) string {
	if n > 1 {
		return fmt.Sprintf("%s?page=%d", path, n)
	}
	return path
}
