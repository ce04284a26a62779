package api

import (
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"masthead/internal/auth"
	"masthead/internal/forwarded"
	"masthead/internal/problem"
)

// limiter keeps a token bucket per client (an API key, or else a network
// address) in this node's memory. With several nodes each keeps its own,
// so a client may get up to the limit from each: enough to stop a runaway
// script, which is what it is for.
type limiter struct {
	rate  rate.Limit
	burst int
	mu    sync.Mutex
	seen  map[string]*bucket
	swept time.Time
}

type bucket struct {
	lim  *rate.Limiter
	used time.Time
}

// idleBucket is how long an unused bucket is kept; it is full again by then.
const idleBucket = 10 * time.Minute

func newLimiter(perSecond float64, burst int) *limiter {
	return &limiter{rate: rate.Limit(perSecond), burst: burst, seen: map[string]*bucket{}, swept: time.Now()}
}

// wait takes a token for client, or says how long to wait for one.
func (l *limiter) wait(client string) time.Duration {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > idleBucket {
		for k, b := range l.seen {
			if now.Sub(b.used) > idleBucket {
				delete(l.seen, k)
			}
		}
		l.swept = now
	}
	b := l.seen[client]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(l.rate, l.burst)}
		l.seen[client] = b
	}
	b.used = now
	res := b.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return d
	}
	return 0
}

// client names who a request counts against: its key when it sends one
// (hashed, so no token sits in memory), else its address.
func client(r *http.Request) string {
	if tok := bearer(r); tok != "" {
		return "key:" + auth.TokenHash(tok)
	}
	return "addr:" + forwarded.Address(r)
}

// limited answers 429 with Retry-After to a client over its limit.
func (a *API) limited(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d := a.limits.wait(client(r)); d > 0 {
			w.Header().Set("Retry-After", retryAfter(d))
			w.Header().Set("Cache-Control", "no-store")
			problem.Write(w, problem.New(http.StatusTooManyRequests, "Too many requests from this client; wait as Retry-After says and try again."))
			return
		}
		next.ServeHTTP(w, r)
	})
}
