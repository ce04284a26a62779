package site

import (
	"fmt"
	"net/http"
	"strconv"

	"masthead/internal/news"
)

// perPage is how many teasers an index page lists.
const perPage = 20

// pager is the "newer / older" navigation of a paged index.
type pager struct {
	Page     int
	Path     string // the index's path without ?page
	HasNext  bool
	Previous string // URL of the newer page, or empty
	Next     string // URL of the older page, or empty
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
		return 0, news.Errorf(news.EINVALID, "The page number %q is not a whole number from 1 to 100000.", v)
	}
	return n, nil
}

// newPager builds the navigation for page of an index at path, given that
// one teaser more than a page was asked for to learn whether an older page exists.
func newPager(path string, page int, fetched int) pager {
	p := pager{Page: page, Path: path, HasNext: fetched > perPage}
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
