package site

import "net/http"

// handleRobots serves /robots.txt: everything but the newsroom may be
// crawled, and crawlers learn where the sitemap index is.
func (s *Site) handleRobots(w http.ResponseWriter, r *http.Request) {
	body := "User-agent: *\nDisallow: /admin/\n\nSitemap: " + s.absURL("/sitemap.xml") + "\n"
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(body))
	}
}
