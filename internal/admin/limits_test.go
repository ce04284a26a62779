package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"masthead/internal/auth"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestPasswordChecksShareTheSignInLimits: guessing the password where two-step
// sign-in is turned off is throttled like signing in, counts towards the
// same limit, and a right password is refused while the limit holds.
func TestPasswordChecksShareTheSignInLimits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		c := n.browser()
		n.signIn(c, news.RoleEditor)
		secret := secretPattern.FindStringSubmatch(n.do(c, "POST", "/admin/account/totp", url.Values{}).body)[1]
		if a := n.do(c, "POST", "/admin/account/totp/confirm", url.Values{"code": {auth.TOTPCode(secret, n.clock.T)}}); a.status != 200 {
			t.Fatalf("enrolment: %d", a.status)
		}
		limited := 0
		for i := range 30 {
			a := n.do(c, "POST", "/admin/account/totp/off", url.Values{"password": {"guess number " + string(rune('a'+i))}})
			switch a.status {
			case http.StatusUnprocessableEntity:
				if limited > 0 {
					t.Fatalf("try %d was checked again after being refused", i+1)
				}
			case http.StatusTooManyRequests:
				limited++
				if !strings.Contains(a.body, "Too many failed attempts") || a.header.Get("Retry-After") == "" {
					t.Errorf("429 without the message or Retry-After: %q", a.header.Get("Retry-After"))
				}
			default:
				t.Fatalf("wrong password %d: %d", i+1, a.status)
			}
		}
		if limited != 30-5 {
			t.Errorf("%d of 30 wrong passwords were refused with 429, want all after the first 5", limited)
		}
		if a := n.do(c, "POST", "/admin/account/totp/off", url.Values{"password": {goodPassword}}); a.status != http.StatusTooManyRequests {
			t.Errorf("the right password while locked: %d, want 429", a.status)
		}
		// The same limit holds at sign-in: guessing here locks the account there.
		if a := n.do(n.browser(), "POST", "/admin/signin", url.Values{"email": {"editor@courier.example"}, "password": {goodPassword}}); a.status != http.StatusTooManyRequests {
			t.Errorf("sign-in after the guesses: %d, want 429", a.status)
		}
		n.clock.Advance(16 * time.Minute)
		if a := n.do(c, "POST", "/admin/account/totp/off", url.Values{"password": {goodPassword}}); a.status != 200 || !strings.Contains(a.body, "is off") {
			t.Errorf("the right password after the window: %d", a.status)
		}
	})
}

// TestCodeChecksShareTheSignInLimits: the enrolment code and a link that
// matches no invitation count as failures too, and are refused once over.
func TestCodeChecksShareTheSignInLimits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		c := n.browser()
		n.signIn(c, news.RoleAuthor)
		secret := secretPattern.FindStringSubmatch(n.do(c, "POST", "/admin/account/totp", url.Values{}).body)[1]
		for i := range 5 {
			if a := n.do(c, "POST", "/admin/account/totp/confirm", url.Values{"code": {"00000" + string(rune('0'+i))}}); a.status != http.StatusUnprocessableEntity {
				t.Fatalf("wrong code %d: %d", i+1, a.status)
			}
		}
		if a := n.do(c, "POST", "/admin/account/totp/confirm", url.Values{"code": {auth.TOTPCode(secret, n.clock.T)}}); a.status != http.StatusTooManyRequests {
			t.Errorf("the right code after five wrong ones: %d, want 429", a.status)
		}
		// Links that match no invitation count for the address: with the five
		// wrong codes, fifteen reach its limit of twenty and lock it out of
		// sign-in too (all test clients share 127.0.0.1).
		for i := range 15 {
			if a := n.do(n.browser(), "POST", "/admin/invite/not-a-token-"+string(rune('a'+i)), url.Values{"name": {"X"}, "password": {goodPassword}}); a.status != http.StatusNotFound {
				t.Fatalf("made-up invitation %d: %d, want 404", i+1, a.status)
			}
		}
		if a := n.do(n.browser(), "POST", "/admin/invite/not-a-token", url.Values{"name": {"X"}, "password": {goodPassword}}); a.status != http.StatusTooManyRequests {
			t.Errorf("made-up invitation over the limit: %d, want 429", a.status)
		}
		if a := n.do(n.browser(), "POST", "/admin/signin", url.Values{"email": {"admin@courier.example"}, "password": {goodPassword}}); a.status != http.StatusTooManyRequests {
			t.Errorf("sign-in from the guessing address: %d, want 429", a.status)
		}
	})
}
