package server

import (
	"net"
	"time"

	"masthead/internal/fastpath"
)

// Listener returns a listener for http.Server.Serve that answers cache hits
// on ln's connections through the fast path (internal/fastpath) and gives
// Serve the connections it hands over. Without a page cache, or with
// Options.NoFastPath, it returns ln: net/http then answers everything.
func (s *Server) Listener(ln net.Listener) net.Listener {
	if !s.cache.Enabled() || s.opts.NoFastPath {
		return ln
	}
	return fastpath.Listen(ln, fastpath.Config{
		Cache:         s.cache,
		Ready:         s.ready.Load,
		SessionCookie: SessionCookie,
		Log:           s.log,
		Answered: func(pattern string, status int, elapsed time.Duration) {
			rm := metricsOf(pattern)
			rm.requests(status).Inc()
			rm.latency.Update(elapsed.Seconds())
		},
	})
}
