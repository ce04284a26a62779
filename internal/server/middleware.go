package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/VictoriaMetrics/metrics"

	"masthead/internal/forwarded"
	"masthead/internal/site"
)

// securityHeaderValues returns the security headers every response carries,
// made once per server. The Content-Security-Policy is the public site's
// (see site.Policy); the newsroom sets its own over it. It is static, so
// the page cache's fast path writes the same header the handler would.
func securityHeaderValues(pub *site.Site) http.Header {
	return http.Header{
		"X-Content-Type-Options":     {"nosniff"},
		"Referrer-Policy":            {"strict-origin-when-cross-origin"},
		"Content-Security-Policy":    {pub.Policy().String()},
		"Cross-Origin-Opener-Policy": {"same-origin"},
		"Permissions-Policy":         {"camera=(), microphone=(), geolocation=(), interest-cohort=()"},
	}
}

func securityHeaders(values http.Header, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for name, v := range values {
			h[name] = v
		}
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status a handler wrote, for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// latencyBuckets are the request-duration histogram's bounds in seconds: fine
// below a millisecond, where cached pages answer, coarse above.
var latencyBuckets = []float64{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

// routeMetrics are one route's request counters (by status) and latency
// histogram, looked up once per route and status rather than per request.
type routeMetrics struct {
	label    string
	latency  *metrics.PrometheusHistogram
	byStatus sync.Map // int → *metrics.Counter
}

var routes sync.Map // pattern → *routeMetrics

func metricsOf(pattern string) *routeMetrics {
	if rm, ok := routes.Load(pattern); ok {
		return rm.(*routeMetrics)
	}
	label := routeLabel(pattern)
	rm, _ := routes.LoadOrStore(pattern, &routeMetrics{label: label,
		latency: metrics.GetOrCreatePrometheusHistogramExt(`masthead_http_request_duration_seconds{route="`+label+`"}`, latencyBuckets)})
	return rm.(*routeMetrics)
}

func (rm *routeMetrics) requests(status int) *metrics.Counter {
	if c, ok := rm.byStatus.Load(status); ok {
		return c.(*metrics.Counter)
	}
	c := metrics.GetOrCreateCounter(`masthead_http_requests_total{route="` + rm.label + `",status="` + strconv.Itoa(status) + `"}`)
	rm.byStatus.Store(status, c)
	return c
}

// accessLog counts each request by route and status, times it, and logs it
// at debug level (a server error at error level); at info level a busy node
// writes no line per request.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		elapsed := time.Since(start)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		rm := metricsOf(r.Pattern)
		rm.requests(sw.status).Inc()
		rm.latency.Update(elapsed.Seconds())
		level := slog.LevelDebug
		// 503 means starting up or the database away, which the health
		// check logs once; a load balancer's probes would repeat it.
		if sw.status >= 500 && sw.status != http.StatusServiceUnavailable {
			level = slog.LevelError
		}
		if s.log.Enabled(r.Context(), level) {
			s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "client", forwarded.Address(r),
				"status", sw.status, "bytes", sw.bytes, "duration", elapsed)
		}
	})
}

// recoverPanics turns a panic in a handler into a logged 500, so one bad page
// does not take down the node.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
