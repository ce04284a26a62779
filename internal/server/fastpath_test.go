package server_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/fastpath"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// overTheWire serves srv on a real connection through its fast path and
// returns a handler that fetches from it, so tests written against a handler
// see what a reader's browser sees.
func overTheWire(t *testing.T, srv *server.Server) http.Handler {
	t.Helper()
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.Listener = srv.Listener(ts.Listener)
	ts.Start()
	t.Cleanup(ts.Close)
	client := ts.Client()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := http.NewRequestWithContext(r.Context(), r.Method, ts.URL+r.URL.RequestURI(), r.Body)
		if err != nil {
			t.Fatal(err)
		}
		req.Header = r.Header.Clone()
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		for name, vals := range resp.Header {
			w.Header()[name] = vals
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	})
}

// exchange sends raw request bytes on a new connection, in pieces where the
// request holds "|", and reads the answers to the requests it holds.
func exchange(t *testing.T, addr, raw string, methods ...string) []*http.Response {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	for i, piece := range strings.Split(raw, "|") {
		if i > 0 {
			time.Sleep(20 * time.Millisecond)
		}
		if _, err := io.WriteString(c, piece); err != nil {
			t.Fatal(err)
		}
	}
	br := bufio.NewReader(c)
	var out []*http.Response
	for _, m := range methods {
		resp, err := http.ReadResponse(br, &http.Request{Method: m})
		if err != nil {
			t.Fatalf("reading the answer to %q: %v", raw, err)
		}
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("reading the body of the answer to %q: %v", raw, err)
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		out = append(out, resp)
	}
	return out
}

// TestFastPathAnswersAsNetHTTP sends the same raw requests to a node with the
// fast path and to the same node through net/http alone: every answer must be
// the same but for its Date, and only plain cache hits may be answered
// without net/http.
func TestFastPathAnswersAsNetHTTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		data := t.TempDir()
		if _, err := demo.Load(ctx, st, demo.New(demo.Options{Seed: 5, Now: t0, Articles: 12}), data); err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: data}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := server.New(st, pub, log, server.Options{CacheBytes: 16 << 20})
		srv.SetReady(true)
		// The three servers read heads as serve's does (cmd/masthead
		// serve.go), so a head past its limit is refused alike.
		const maxHeaderBytes = 64 << 10
		plain := httptest.NewUnstartedServer(srv.Handler())
		plain.Config.MaxHeaderBytes = maxHeaderBytes
		plain.Start()
		defer plain.Close()
		fast := httptest.NewUnstartedServer(srv.Handler())
		fast.Config.MaxHeaderBytes = maxHeaderBytes
		fast.Listener = srv.Listener(fast.Listener)
		fast.Start()
		defer fast.Close()
		// The same node with the fast path switched off (serve
		// --fast-path=false): its listener is net/http's own.
		offSrv := server.New(st, pub, log, server.Options{CacheBytes: 16 << 20, NoFastPath: true})
		offSrv.SetReady(true)
		off := httptest.NewUnstartedServer(offSrv.Handler())
		off.Config.MaxHeaderBytes = maxHeaderBytes
		if ln := offSrv.Listener(off.Listener); ln != off.Listener {
			t.Fatal("with NoFastPath the listener must be net/http's own")
		}
		off.Start()
		defer off.Close()

		teasers, err := st.Teasers(ctx, store.TeaserQuery{Limit: 1})
		if err != nil || len(teasers) == 0 {
			t.Fatal("no article", err)
		}
		article := teasers[0].URL()
		for _, p := range []string{"/", article, "/feed.xml", "/search?q=council"} {
			for i := range 4 {
				base := plain.URL
				if i >= 2 {
					base = off.URL
				}
				resp, err := http.Get(base + p)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Fatalf("%s: %d", p, resp.StatusCode)
				}
			}
		}
		first := exchange(t, plain.Listener.Addr().String(), "GET "+article+" HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n", "GET")[0]
		gzTag := first.Header.Get("Etag")
		lastModified := first.Header.Get("Last-Modified")
		if gzTag == "" || first.Header.Get("X-Cache") != "HIT" {
			t.Fatalf("the article is not cached: %v", first.Header)
		}

		get := func(target string, headers ...string) string {
			return "GET " + target + " HTTP/1.1\r\nHost: news.example\r\n" + strings.Join(headers, "") + "\r\n"
		}
		cases := []struct {
			name    string
			raw     string
			methods []string
			fast    bool // answered without net/http
		}{
			{"plain", get(article), []string{"GET"}, true},
			{"gzip", get(article, "Accept-Encoding: gzip, deflate\r\n"), []string{"GET"}, true},
			{"brotli", get(article, "Accept-Encoding: gzip, deflate, br, zstd\r\n"), []string{"GET"}, true},
			{"refused encodings", get(article, "Accept-Encoding: br;q=0, gzip;q=0\r\n"), []string{"GET"}, true},
			{"any encoding", get(article, "accept-encoding: *\r\n"), []string{"GET"}, true},
			{"head", "HEAD " + article + " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\n\r\n", []string{"HEAD"}, true},
			{"etag matches", get(article, "Accept-Encoding: gzip\r\n", "If-None-Match: "+gzTag+"\r\n"), []string{"GET"}, true},
			{"weak etag", get(article, "If-None-Match: W/"+gzTag+"\r\n"), []string{"GET"}, true},
			{"etag differs", get(article, "If-None-Match: \"other\"\r\n"), []string{"GET"}, true},
			{"modified since", get(article, "If-Modified-Since: "+lastModified+"\r\n"), []string{"GET"}, true},
			{"head not modified", "HEAD " + article + " HTTP/1.1\r\nHost: x\r\nIf-None-Match: *\r\n\r\n", []string{"HEAD"}, true},
			{"tracking parameters", get("/?utm_source=news&fbclid=1", "Accept-Encoding: gzip\r\n"), []string{"GET"}, true},
			{"search", get("/search?q=council"), []string{"GET"}, true},
			{"search, parameters reordered", get("/search?utm_medium=x&q=council"), []string{"GET"}, true},
			{"a reader's cookie", get(article, "Cookie: masthead_consent=embeds\r\n"), []string{"GET"}, true},
			{"keep-alive", get("/feed.xml", "Connection: keep-alive\r\n"), []string{"GET"}, true},
			{"head in pieces", "GET " + article + " HTTP/1.1\r\nHo|st: x\r\nAccept-Enc|oding: gzip\r\n|\r\n", []string{"GET"}, true},
			{"pipelined", get(article) + get("/") + "HEAD /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n", []string{"GET", "GET", "HEAD"}, true},

			{"staff", get(article, "Cookie: a=b; "+server.SessionCookie+"=abc\r\n"), []string{"GET"}, false},
			{"not cached", get("/no-such-page"), []string{"GET"}, false},
			{"unclean path", get("/a/../"), []string{"GET"}, false},
			{"escaped path", get("/%61"), []string{"GET"}, false},
			{"post", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc", []string{"POST"}, false},
			{"connection close", get(article, "Connection: close\r\n"), []string{"GET"}, false},
			{"http/1.0", "GET " + article + " HTTP/1.0\r\n\r\n", []string{"GET"}, false},
			{"no host", "GET " + article + " HTTP/1.1\r\n\r\n", []string{"GET"}, false},
			{"two hosts", get(article, "Host: y\r\n"), []string{"GET"}, false},
			{"bare newlines", "GET " + article + " HTTP/1.1\nHost: x\n\n", []string{"GET"}, false},
			{"folded header", get(article, "Accept-Encoding: gzip,\r\n br\r\n"), []string{"GET"}, false},
			{"range", get(article, "Range: bytes=0-10\r\n"), []string{"GET"}, false},
			{"long head", get(article, "Cookie: "+strings.Repeat("c", 9000)+"\r\n"), []string{"GET"}, false},
			{"absolute target", get("http://news.example" + article), []string{"GET"}, false},

			// Request smuggling: whatever the fast path cannot read exactly
			// as net/http does goes to net/http, so both paths answer alike.
			{"content-length with transfer-encoding", "GET " + article + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n" +
				"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", []string{"GET"}, false},
			{"duplicate content-length", get(article, "Content-Length: 0\r\nContent-Length: 7\r\n"), []string{"GET"}, false},
			{"obs-fold host", "GET " + article + " HTTP/1.1\r\nHost: x\r\n y\r\n\r\n", []string{"GET"}, false},
			{"bare LF in one line", "GET " + article + " HTTP/1.1\r\nHost: x\nAccept-Encoding: gzip\r\n\r\n", []string{"GET"}, false},
			{"very long request line", get(article + "?utm_source=" + strings.Repeat("a", 9000)), []string{"GET"}, false},
			{"a request hidden in a body", "GET " + article + " HTTP/1.1\r\nHost: x\r\nContent-Length: " +
				fmt.Sprint(len(get("/feed.xml"))) + "\r\n\r\n" + get("/feed.xml"), []string{"GET"}, false},
			{"pipelined, then a request hidden in a body", get(article) + "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: " +
				fmt.Sprint(len(get("/feed.xml"))) + "\r\n\r\n" + get("/feed.xml"), []string{"GET", "GET"}, false},
			{"transfer-encoding before content-length", "GET " + article + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" +
				"Content-Length: 5\r\n\r\n0\r\n\r\n", []string{"GET"}, false},
			{"chunked, then a request after the chunks", "GET " + article + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
				"0\r\n\r\n" + get("/feed.xml"), []string{"GET", "GET"}, false},
			{"duplicate content-length, equal", get(article, "Content-Length: 0\r\nContent-Length: 0\r\n"), []string{"GET"}, false},
			{"content-length as a list", get(article, "Content-Length: 0, 5\r\n"), []string{"GET"}, false},
			{"space before the colon", get(article, "Content-Length : 5\r\n"), []string{"GET"}, false},
			{"obs-fold transfer-encoding", get(article, "Transfer-Encoding: identity\r\n chunked\r\n"), []string{"GET"}, false},
			{"obs-fold in an unknown header", get(article, "X-Note: a\r\n\tb\r\n"), []string{"GET"}, false},
			{"bare CR in a header", get(article, "X-Note: a\rb\r\n"), []string{"GET"}, false},
			{"bare LF ending the head", "GET " + article + " HTTP/1.1\r\nHost: x\r\n\n", []string{"GET"}, false},
			// Past serve's MaxHeaderBytes (set alike on the three servers):
			// net/http answers 431 whichever path read the first bytes.
			{"request line past the header limit", get(article + "?utm_source=" + strings.Repeat("a", 70<<10)), []string{"GET"}, false},
			{"pipelined, a miss between hits", get(article) + get("/no-such-page") + get(article), []string{"GET", "GET", "GET"}, false},
			{"expect 100-continue", get(article, "Expect: 100-continue\r\n"), []string{"GET"}, false},
			{"expect 100-continue with a body", get(article, "Expect: 100-continue\r\nContent-Length: 3\r\n") + "abc", []string{"GET"}, false},
			{"an expectation net/http does not know", get(article, "Expect: 200-ok\r\n"), []string{"GET"}, false},
			{"hit then staff", get(article) + get(article, "Cookie: "+server.SessionCookie+"=abc\r\n") + get(article), []string{"GET", "GET", "GET"}, false},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				answered, handed := fastpath.Counts()
				got := exchange(t, fast.Listener.Addr().String(), c.raw, c.methods...)
				answered2, handed2 := fastpath.Counts()
				want := exchange(t, plain.Listener.Addr().String(), strings.ReplaceAll(c.raw, "|", ""), c.methods...)
				for i := range got {
					if diff := compareAnswers(got[i], want[i]); diff != "" {
						t.Errorf("answer %d: %s", i+1, diff)
					}
				}
				if c.fast && (handed2 != handed || answered2-answered != uint64(len(c.methods))) {
					t.Errorf("not answered by the fast path (answered %d, handed over %d)", answered2-answered, handed2-handed)
				}
				if !c.fast && handed2 == handed {
					t.Errorf("answered by the fast path; net/http must answer it")
				}
				offGot := exchange(t, off.Listener.Addr().String(), c.raw, c.methods...)
				if answered3, _ := fastpath.Counts(); answered3 != answered2 {
					t.Errorf("the fast path answered %d requests while switched off", answered3-answered2)
				}
				for i := range offGot {
					if diff := compareAnswers(offGot[i], want[i]); diff != "" {
						t.Errorf("fast path off, answer %d: %s", i+1, diff)
					}
				}
			})
		}

		// Closing the listener (as a shutdown does) closes the fast path's
		// idle connections.
		conn, err := net.Dial("tcp", fast.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := io.WriteString(conn, get(article)); err != nil {
			t.Fatal(err)
		}
		br := bufio.NewReader(conn)
		resp, err := http.ReadResponse(br, nil)
		if err != nil || resp.Header.Get("X-Cache") != "HIT" {
			t.Fatalf("keep-alive hit: %v %v", err, resp)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		fast.Listener.Close()
		_ = conn.SetReadDeadline(time.Now().Add(3 * time.Second))
		if n, err := br.Read(make([]byte, 1)); err != io.EOF {
			t.Errorf("an idle fast-path connection after the listener closed: read %d bytes, %v; want EOF", n, err)
		}
	})
}

// compareAnswers describes how two answers differ, but for their Date.
func compareAnswers(got, want *http.Response) string {
	if got.StatusCode != want.StatusCode {
		return fmt.Sprintf("status %d, net/http %d", got.StatusCode, want.StatusCode)
	}
	gotBody, _ := io.ReadAll(got.Body)
	wantBody, _ := io.ReadAll(want.Body)
	// Put the bodies back: an answer may be compared again.
	got.Body, want.Body = io.NopCloser(bytes.NewReader(gotBody)), io.NopCloser(bytes.NewReader(wantBody))
	if !bytes.Equal(gotBody, wantBody) {
		return fmt.Sprintf("body of %d bytes, net/http %d", len(gotBody), len(wantBody))
	}
	names := map[string]bool{}
	for name := range got.Header {
		names[name] = true
	}
	for name := range want.Header {
		names[name] = true
	}
	var diffs []string
	for name := range names {
		if name == "Date" {
			continue
		}
		if g, w := got.Header[name], want.Header[name]; !slices.Equal(g, w) {
			diffs = append(diffs, fmt.Sprintf("%s: %q, net/http %q", name, g, w))
		}
	}
	slices.Sort(diffs)
	if got.Header.Get("Date") == "" && want.Header.Get("Date") != "" {
		diffs = append(diffs, "no Date header")
	}
	return strings.Join(diffs, "; ")
}
