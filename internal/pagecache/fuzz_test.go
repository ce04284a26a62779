package pagecache_test

import (
	"net/http"
	"strings"
	"testing"

	"masthead/internal/pagecache"
)

// FuzzConditionalAndEncoding sends any Accept-Encoding and If-None-Match to
// a cached page: the answer is the page, in an encoding the reader named, or
// a 304 without a body; never an error or another page.
func FuzzConditionalAndEncoding(f *testing.F) {
	f.Add("gzip, br", `"x"`)
	f.Add("br;q=0, gzip;q=0.5, *;q=0", `W/"abc", "def"`)
	f.Add("", "*")
	f.Add(",,;;q=,", `"`)
	p := newPaper()
	p.set("/a", "fuzzed page", "article:1")
	c := pagecache.New(pagecache.Config{MaxBytes: 1 << 20}, p)
	f.Fuzz(func(t *testing.T, accept, inm string) {
		resp := get(t, c, "/a", "Accept-Encoding", accept, "If-None-Match", inm)
		switch resp.StatusCode {
		case http.StatusNotModified:
			if resp.ContentLength > 0 {
				t.Errorf("304 with a body")
			}
		case http.StatusOK:
			enc := resp.Header.Get("Content-Encoding")
			if enc != "" && !strings.Contains(strings.ToLower(accept), enc) && !strings.Contains(accept, "*") {
				t.Errorf("Accept-Encoding %q got %q", accept, enc)
			}
			if body := text(t, resp); !strings.Contains(body, "fuzzed page") {
				t.Errorf("Accept-Encoding %q: the body is not the page", accept)
			}
		default:
			t.Errorf("status %d", resp.StatusCode)
		}
	})
}
