// Package server puts Masthead's surfaces (the public site; later the
// newsroom and the API) behind one handler with the middleware they share:
// panic recovery, security headers, access logs and health checks.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"masthead/internal/site"
	"masthead/internal/store"
)

// Server is the whole HTTP face of one Masthead node.
type Server struct {
	store *store.Store
	log   *slog.Logger
	site  *site.Site
	ready atomic.Bool
	mux   *http.ServeMux
}

// New builds the server over a store. It is not ready (see /readyz) until
// SetReady is called, after migrations have run.
func New(st *store.Store, pub *site.Site, log *slog.Logger) *Server {
	s := &Server{store: st, log: log, site: pub, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /healthz", s.handleHealth)
	s.mux.HandleFunc("GET /readyz", s.handleReady)
	s.mux.Handle("/", pub)
	return s
}

// SetReady marks the node ready to take traffic.
func (s *Server) SetReady(ready bool) { s.ready.Store(ready) }

// Handler returns the server's handler with its middleware.
func (s *Server) Handler() http.Handler {
	return s.recoverPanics(securityHeaders(s.accessLog(s.mux)))
}

// handleHealth answers 200 when the database answers a query.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unreachable\n"))
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}

// handleReady answers 200 once migrations have run and while the database
// answers, so a load balancer sends no reader to a node that cannot serve.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	if !s.ready.Load() {
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "starting", http.StatusServiceUnavailable)
		return
	}
	s.handleHealth(w, r)
}
