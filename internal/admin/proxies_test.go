package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/forwarded"
	"masthead/internal/server"
	"masthead/internal/store"
)

func trust(t *testing.T, list string) forwarded.Trusted {
	t.Helper()
	tr, err := forwarded.Parse(list)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestSignInLimitsBehindAProxy: behind a trusted proxy every reader seems to
// come from the proxy, so the limits must count the client it names, or one
// guesser locks the whole newsroom out.
func TestSignInLimitsBehindAProxy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroomWith(t, st, server.Options{TrustedProxies: trust(t, "127.0.0.0/8")})
		guesser := n.browser()
		for i := range 20 {
			email := "nobody" + string(rune('a'+i)) + "@courier.example"
			a := n.do(guesser, "POST", "/admin/signin", url.Values{"email": {email}, "password": {"a wrong guess"}},
				"X-Forwarded-For", "198.51.100.66")
			if a.status != http.StatusUnauthorized {
				t.Fatalf("guess %d: %d", i+1, a.status)
			}
		}
		if a := n.do(guesser, "POST", "/admin/signin", url.Values{"email": {"editor@courier.example"}, "password": {goodPassword}},
			"X-Forwarded-For", "198.51.100.66"); a.status != http.StatusTooManyRequests {
			t.Errorf("the guesser's twenty-first try: %d, want 429", a.status)
		}
		// Another client behind the same proxy signs in.
		a := n.do(n.browser(), "POST", "/admin/signin", url.Values{"email": {"editor@courier.example"}, "password": {goodPassword}},
			"X-Forwarded-For", "203.0.113.5", "X-Forwarded-Proto", "https")
		if a.status != http.StatusSeeOther {
			t.Fatalf("another client behind the proxy: %d, want 303", a.status)
		}
		if !strings.Contains(a.header.Get("Set-Cookie"), "Secure") {
			t.Errorf("the proxy says https, yet the cookie is not Secure: %s", a.header.Get("Set-Cookie"))
		}
		// The audit log shows where the failures came from.
		boss := n.browser()
		n.do(boss, "POST", "/admin/signin", url.Values{"email": {"admin@courier.example"}, "password": {goodPassword}}, "X-Forwarded-For", "203.0.113.6")
		if log := n.do(boss, "GET", "/admin/audit", nil); !strings.Contains(log.body, "198.51.100.66") {
			t.Errorf("the audit log does not name the guessing client (%d)", log.status)
		}
	})
}

// TestForwardedHeadersFromAnyoneAreIgnored: without trusted proxies a
// client cannot escape the limits by making up X-Forwarded-For, nor get a
// Secure cookie sent over plain http by claiming https.
func TestForwardedHeadersFromAnyoneAreIgnored(t *testing.T) {
	for name, trusted := range map[string]string{"no proxy trusted": "", "another proxy trusted": "10.0.0.0/8"} {
		t.Run(name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, st *store.Store) {
				n := newNewsroomWith(t, st, server.Options{TrustedProxies: trust(t, trusted)})
				for i := range 20 {
					email := "nobody" + string(rune('a'+i)) + "@courier.example"
					a := n.do(n.browser(), "POST", "/admin/signin", url.Values{"email": {email}, "password": {"a wrong guess"}},
						"X-Forwarded-For", "198.51.100."+string(rune('1'+i%9)))
					if a.status != http.StatusUnauthorized {
						t.Fatalf("guess %d: %d", i+1, a.status)
					}
				}
				a := n.do(n.browser(), "POST", "/admin/signin", url.Values{"email": {"editor@courier.example"}, "password": {goodPassword}},
					"X-Forwarded-For", "203.0.113.5")
				if a.status != http.StatusTooManyRequests {
					t.Errorf("a made-up X-Forwarded-For escaped the address limit: %d, want 429", a.status)
				}
				n.clock.Advance(16 * time.Minute)
				a = n.do(n.browser(), "POST", "/admin/signin", url.Values{"email": {"author@courier.example"}, "password": {goodPassword}},
					"X-Forwarded-Proto", "https")
				if a.status != http.StatusSeeOther || strings.Contains(a.header.Get("Set-Cookie"), "Secure") {
					t.Errorf("an untrusted X-Forwarded-Proto made the cookie Secure: %d %s", a.status, a.header.Get("Set-Cookie"))
				}
			})
		})
	}
}
