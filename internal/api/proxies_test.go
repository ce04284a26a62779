package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"masthead/internal/api"
	"masthead/internal/dbtest"
	"masthead/internal/forwarded"
	"masthead/internal/store"
)

// TestRateLimitsCountEachClientBehindAProxy (issue 13 item 10): behind a
// trusted proxy, the API's limits count each client the proxy names, so one
// client that uses up its allowance does not shut out the next, and naming
// someone else further left in X-Forwarded-For does not escape the limit.
// From an untrusted peer the header is ignored: every request is the peer's.
func TestRateLimitsCountEachClientBehindAProxy(t *testing.T) {
	for _, c := range []struct {
		trusted    string
		otherGetIn bool
	}{{"127.0.0.0/8", true}, {"", false}, {"10.0.0.0/8", false}} {
		t.Run("trusting "+c.trusted, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, st *store.Store) {
				trusted, err := forwarded.Parse(c.trusted)
				if err != nil {
					t.Fatal(err)
				}
				n := newNodeBehind(t, st, api.Config{Rate: 0.01, Burst: 3}, trusted)
				n.story("Story", n.clock.T)
				// Each read asks for a page not yet cached, so each counts.
				read := func(limit int, xff string) int {
					return n.call("", "GET", fmt.Sprintf("/api/v1/articles?limit=%d", limit), nil, "X-Forwarded-For", xff).status
				}
				limited := false
				for i := 1; i <= 6 && !limited; i++ {
					limited = read(i, "198.51.100.1") == http.StatusTooManyRequests
				}
				if !limited {
					t.Fatal("six uncached reads with a burst of 3 were never limited")
				}
				if got := read(20, "203.0.113.77, 198.51.100.1"); got != http.StatusTooManyRequests {
					t.Errorf("the limited client naming another address before its own: %d, want 429", got)
				}
				want := http.StatusTooManyRequests
				if c.otherGetIn {
					want = http.StatusOK
				}
				if got := read(21, "198.51.100.2"); got != want {
					t.Errorf("another client after the first was limited: %d, want %d", got, want)
				}
			})
		})
	}
}
