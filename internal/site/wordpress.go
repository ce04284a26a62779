package site

import (
	"net/http"
	"net/url"
	"strconv"
)

// wordPressID answers WordPress's /?p=ID and /?page_id=ID, the addresses
// of an imported site's posts and pages that every permalink structure
// still accepts, with a 301 to the article or page it became, or 404.
func (s *Site) wordPressID(w http.ResponseWriter, r *http.Request, q url.Values) {
	var paths []string
	for _, k := range []string{"p", "page_id"} {
		if v := q.Get(k); v != "" {
			if _, err := strconv.ParseUint(v, 10, 63); err == nil {
				paths = append(paths, "/?"+k+"="+v)
			}
		}
	}
	if len(paths) == 0 || !s.redirect(w, r, paths...) {
		s.noPage(w, r)
	}
}
