// Command authproxy serves a signed-in view of a Masthead node for tools
// that cannot sign in, such as the accessibility checker in CI: it signs in
// once with the e-mail and password given, then forwards every request to
// the node with that session's cookie. Without -email it forwards as a
// reader. With -without-csp it drops the Content-Security-Policy header:
// the accessibility checker injects axe as an inline script, which the
// policy rightly refuses (the browser tests check that the pages run under
// the policy with no violation). It is for checks on a test machine only.
//
//	authproxy -listen 127.0.0.1:18081 -target http://127.0.0.1:18080 -email E -password-file F [-without-csp]
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:18081", "address to serve the signed-in view on")
	target := flag.String("target", "http://127.0.0.1:18080", "the Masthead node")
	email := flag.String("email", "", "account to sign in as")
	pwFile := flag.String("password-file", "", "file holding the account's password")
	withoutCSP := flag.Bool("without-csp", false, "drop the Content-Security-Policy header, for a checker that injects its own script")
	flag.Parse()
	u, err := url.Parse(*target)
	if err != nil {
		log.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	director := proxy.Director
	proxy.Director = func(r *http.Request) {
		director(r)
		r.Host = u.Host
		if r.Header.Get("Origin") != "" {
			r.Header.Set("Origin", *target)
		}
	}
	if *withoutCSP {
		proxy.ModifyResponse = func(resp *http.Response) error {
			resp.Header.Del("Content-Security-Policy")
			return nil
		}
	}
	if *email == "" {
		fmt.Printf("authproxy: %s is %s as a reader\n", *listen, *target)
		log.Fatal(http.ListenAndServe(*listen, proxy))
	}
	pw, err := os.ReadFile(*pwFile)
	if err != nil {
		log.Fatal(err)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(*target+"/admin/signin", url.Values{"email": {*email}, "password": {strings.TrimSpace(string(pw))}})
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "masthead_session" {
			session = c
		}
	}
	if session == nil {
		log.Fatalf("signing in as %s failed: %s", *email, resp.Status)
	}
	proxy.Director = func(r *http.Request) {
		director(r)
		r.Host = u.Host
		r.Header.Set("Cookie", session.Name+"="+session.Value)
		if r.Header.Get("Origin") != "" {
			r.Header.Set("Origin", *target)
		}
	}
	fmt.Printf("authproxy: %s is %s signed in as %s\n", *listen, *target, *email)
	log.Fatal(http.ListenAndServe(*listen, proxy))
}
