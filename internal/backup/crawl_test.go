package backup_test

import (
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"masthead/internal/media"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

var (
	linkPattern   = regexp.MustCompile(`(?:href|src)="(/[^"#]*)"`)
	srcsetPattern = regexp.MustCompile(`srcset="([^"]*)"`)
	locPattern    = regexp.MustCompile(`<loc>https?://[^/<]+(/[^<]*)</loc>`)
)

// crawl serves the site of st and files and fetches every public page,
// feed, sitemap and picture reachable from the front page, returning each
// URL's status and bytes.
func crawl(t *testing.T, st *store.Store, dataDir string, files media.Storage) map[string]string {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: dataDir, Media: files}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(st, pub, log, server.Options{})
	defer srv.Close()
	srv.SetReady(true)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	pages := map[string]string{}
	queue := []string{"/", "/robots.txt", "/sitemap.xml", "/feed.xml", "/search?q=harbour"}
	seen := map[string]bool{}
	for _, q := range queue {
		seen[q] = true
	}
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		pages[path] = resp.Status + "\n" + resp.Header.Get("Content-Type") + "\n" + string(body)
		ctype := resp.Header.Get("Content-Type")
		if resp.StatusCode != http.StatusOK || !(strings.Contains(ctype, "html") || strings.Contains(ctype, "xml")) {
			continue
		}
		var links []string
		for _, m := range linkPattern.FindAllStringSubmatch(string(body), -1) {
			links = append(links, m[1])
		}
		for _, m := range locPattern.FindAllStringSubmatch(string(body), -1) {
			links = append(links, m[1])
		}
		for _, m := range srcsetPattern.FindAllStringSubmatch(string(body), -1) {
			for _, part := range strings.Split(m[1], ",") {
				if f := strings.Fields(part); len(f) > 0 && strings.HasPrefix(f[0], "/") {
					links = append(links, f[0])
				}
			}
		}
		for _, l := range links {
			l = html.UnescapeString(l)
			if !seen[l] && !strings.HasPrefix(l, "/admin") {
				seen[l] = true
				queue = append(queue, l)
			}
		}
	}
	return pages
}

// samePages reports every URL whose answer differs between two crawls.
func samePages(t *testing.T, what string, want, got map[string]string) {
	t.Helper()
	bad := 0
	for path, w := range want {
		g, ok := got[path]
		switch {
		case !ok:
			t.Errorf("%s: %s was not reached", what, path)
		case g != w:
			t.Errorf("%s: %s differs:\n%s", what, path, firstDifference(w, g))
		default:
			continue
		}
		if bad++; bad > 10 {
			t.Fatalf("%s: more pages differ", what)
		}
	}
	for path := range got {
		if _, ok := want[path]; !ok {
			t.Errorf("%s: %s is new", what, path)
		}
	}
}

func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "want …" + a[from:min(len(a), i+80)] + "…\n got …" + b[from:min(len(b), i+80)] + "…"
}
