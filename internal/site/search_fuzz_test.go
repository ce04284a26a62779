package site_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"masthead/internal/dbtest"
)

// FuzzQueryStrings sends any query string a reader or a crawler might to the
// pages that read one: the search form (q, section, author, from, to, page)
// and the paged indexes (?page=). Each must answer 200, or 400 for input it
// cannot read (422 for a section or author that does not exist), never a
// server error; and nothing the query holds may come back
// in the page unescaped, so a value with markup in it appears, if at all,
// only escaped (markup the page holds anyway, such as a lone "<", is no echo).
func FuzzQueryStrings(f *testing.F) {
	for _, s := range []string{"q=harbour+cranes", "q=%22harbour+cranes%22&section=world&page=2",
		"q=x&author=ana-ortiz&from=2026-11-01&to=2026-11-30", "q=x&from=2026-13-45", "page=0", "page=-1",
		"page=99999999999999999999", "page=1e3", "q=%3Cscript%3Ealert(1)%3C/script%3E", "section=%3Cb%3E",
		"q=%FF%FE", "q=a&q=b&page=1&page=2", "%zz", "q=" + strings.Repeat("news+", 300), "to=0000-01-01", "from=9999-12-31"} {
		f.Add(uint8(0), s)
		f.Add(uint8(1), s)
	}
	f.Add(uint8(2), "page=3")
	f.Add(uint8(3), "page=x")
	ts, _ := newsroom(f, dbtest.SQLite(f))
	client := ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	paths := []string{"/search", "/world", "/tag/harbour", "/author/ana-ortiz"}
	// What each page holds with no query: markup of its own ("<", "<a") is
	// no echo of the reader's input.
	plain := map[string]string{}
	for _, p := range paths {
		resp, err := client.Get(ts.URL + p)
		if err != nil {
			f.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		plain[p] = string(b)
	}
	f.Fuzz(func(t *testing.T, which uint8, rawQuery string) {
		path := paths[int(which)%len(paths)]
		u, err := url.Parse(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		u.RawQuery = rawQuery
		if strings.ContainsAny(rawQuery, "# \x7f") || strings.ContainsFunc(rawQuery, func(r rune) bool { return r < 0x20 }) {
			return // no client sends these raw in a request line
		}
		resp, err := client.Get(u.String())
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		ok := resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusBadRequest ||
			resp.StatusCode == http.StatusUnprocessableEntity && path == "/search" ||
			resp.StatusCode == http.StatusNotFound && path != "/search" // a page past an index's last
		if !ok {
			t.Fatalf("GET %s: %d\n%s", u, resp.StatusCode, body)
		}
		values, _ := url.ParseQuery(rawQuery)
		for _, vs := range values {
			for _, v := range vs {
				if strings.ContainsAny(v, "<>") && strings.Contains(string(body), v) && !strings.Contains(plain[path], v) {
					t.Fatalf("GET %s: the page holds %q unescaped", u, v)
				}
			}
		}
	})
}
