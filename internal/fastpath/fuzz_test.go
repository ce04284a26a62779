package fastpath

import (
	"bufio"
	"bytes"
	"net/http"
	"testing"

	"masthead/internal/pagecache"
)

// sessionCookie stands for the staff cookie's name, as the server passes it.
const sessionCookie = "masthead_session"

// FuzzParseHead: whatever head the fast path takes, net/http reads as the
// same request, so the fast path never answers a request net/http would
// refuse or understand differently.
func FuzzParseHead(f *testing.F) {
	for _, s := range []string{
		"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
		"HEAD /a/b?q=1&utm_source=z HTTP/1.1\r\nHost: news.example:8080\r\nAccept-Encoding: gzip, br\r\n\r\n",
		"GET /search?q=%C3%A9t%C3%A9 HTTP/1.1\r\nHost: [::1]:80\r\nIf-None-Match: \"abc-gz\"\r\nCookie: a=b\r\n\r\n",
		"GET /x HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: Wed, 02 Dec 2026 12:00:00 GMT\r\nConnection: keep-alive\r\n\r\n",
		"GET /x HTTP/1.1\r\nHost: x\r\nX-Odd:\tvalue \r\n\r\n",
		"GET /a/../b HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET /x HTTP/1.1\nHost: x\n\n",
	} {
		f.Add([]byte(s))
	}
	// The connection's previous request, whose strings parseHead takes
	// again where the next request repeats them.
	var prev pagecache.Lookup
	if !parseHead([]byte("GET /a/b?q=1 HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nIf-None-Match: \"abc-gz\"\r\n\r\n"), &prev, []byte(sessionCookie)) {
		f.Fatal("the fast path refused a plain request")
	}
	f.Fuzz(func(t *testing.T, head []byte) {
		var l pagecache.Lookup
		took := parseHead(head, &l, []byte(sessionCookie))
		next := prev
		if parseHead(head, &next, []byte(sessionCookie)) != took || took && next != l {
			t.Fatalf("%q after another request: %+v, alone: %v %+v", head, next, took, l)
		}
		if !took {
			return
		}
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(head)))
		if err != nil {
			t.Fatalf("the fast path took %q, which net/http refuses: %v", head, err)
		}
		method := "GET"
		if l.Head {
			method = "HEAD"
		}
		if req.Method != method || req.URL.Path != l.Path || req.URL.RawQuery != l.RawQuery || req.Proto != "HTTP/1.1" {
			t.Fatalf("%q: fast path %s %q ? %q, net/http %s %q ? %q %s", head, method, l.Path, l.RawQuery,
				req.Method, req.URL.Path, req.URL.RawQuery, req.Proto)
		}
		for name, got := range map[string]string{"Accept-Encoding": l.AcceptEncoding, "If-None-Match": l.IfNoneMatch, "If-Modified-Since": l.IfModifiedSince} {
			if want := req.Header.Get(name); got != want {
				t.Fatalf("%q: fast path %s %q, net/http %q", head, name, got, want)
			}
		}
		if _, err := req.Cookie(sessionCookie); err == nil {
			t.Fatalf("%q: the fast path took a staff request", head)
		}
		if req.ContentLength != 0 || req.Close || len(req.TransferEncoding) > 0 {
			t.Fatalf("%q: the fast path took a request with a body or Connection: close", head)
		}
	})
}
