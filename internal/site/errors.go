package site

import (
	"net/http"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/redirect"
)

// errorPage is what the error template shows.
type errorPage struct {
	chrome
	Status  int
	Heading string
	Message string
}

// fail shows the reader the error page for err, with the status
// news.HTTPStatus gives its code (the same the API and the newsroom answer)
// and its safe message; internal detail goes to the log, never to the reader.
func (s *Site) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := news.HTTPStatus(err)
	switch news.ErrorCode(err) {
	case news.ENOTFOUND:
		s.notFound(w, r)
	case news.EGONE:
		s.errorPage(w, r, status, "This article has been withdrawn",
			"The newsroom has taken this article down. Our corrections policy explains when and why we do that.")
	case news.EINVALID, news.EMALFORMED, news.ECONFLICT:
		s.errorPage(w, r, status, "That address is not quite right", news.ErrorMessage(err))
	case news.EUNAVAILABLE:
		// The database is away or cannot save: a page cached before is
		// served as it was (the page cache's stale-if-error); this one
		// asks the reader to come back.
		s.log.Warn("public page unavailable", "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", strconv.Itoa(news.RetryAfter))
		s.errorPage(w, r, status, "This page cannot be shown right now",
			"Please try again in a minute.")
	default:
		s.serverError(w, r, err)
	}
}

// errNoPage is the failure of an address that leads nowhere.
var errNoPage = news.Errorf(news.ENOTFOUND,
	"It may have moved, or the address may be mistyped. The latest news is on the front page.")

// notFound answers 301 for an old address in the redirect table (an
// imported WordPress permalink, say), 404 otherwise, or sends a path with a
// trailing slash to the same path without it, where our pages live. The
// table is only read here, on the way to a 404, so pages that exist pay
// nothing for it.
func (s *Site) notFound(w http.ResponseWriter, r *http.Request) {
	if s.redirect(w, r, oldPath(r.URL.Path)) {
		return
	}
	// The target is built from the path as the reader sent it, escaped:
	// decoded, "/%5Cevil.example/" would become "/\evil.example", which
	// browsers read as another site.
	if p := r.URL.EscapedPath(); len(p) > 1 && strings.HasSuffix(p, "/") && !strings.HasSuffix(p, "//") {
		if target, err := redirect.Local(strings.TrimRight(p, "/"), r.URL.RawQuery); err == nil {
			redirect.To(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	s.noPage(w, r)
}

// noPage answers 404 with the page that says so.
func (s *Site) noPage(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, news.HTTPStatus(errNoPage), "We can’t find that page", news.ErrorMessage(errNoPage))
}

// redirect answers 301 to the target of the first of paths that has a
// redirect, and reports whether it did.
func (s *Site) redirect(w http.ResponseWriter, r *http.Request, paths ...string) bool {
	target, err := s.store.RedirectFor(r.Context(), paths...)
	if err != nil {
		s.log.Error("redirect lookup", "path", r.URL.Path, "err", err)
		return false
	}
	if target == "" {
		return false
	}
	redirect.To(w, r, target, http.StatusMovedPermanently)
	return true
}

// oldPath is how the redirect table spells a request path: without a
// trailing slash, since WordPress permalinks end with one and ours do not.
func oldPath(p string) string {
	if t := strings.TrimRight(p, "/"); t != "" {
		return t
	}
	return "/"
}

func (s *Site) serverError(w http.ResponseWriter, r *http.Request, err error) {
	// A reader who left mid-request cancels its queries; that is no fault.
	if r.Context().Err() != nil {
		s.log.Debug("request abandoned", "path", r.URL.Path, "err", err)
		return
	}
	s.log.Error("public page failed", "path", r.URL.Path, "err", err)
	s.errorPage(w, r, http.StatusInternalServerError, "Something went wrong on our side",
		"We have been told about it. Please try again in a moment.")
}

// errorPage renders the error template; if even that fails (the database is
// down, say), it falls back to plain text so the status still reaches the reader.
func (s *Site) errorPage(w http.ResponseWriter, r *http.Request, status int, heading, message string) {
	c, err := s.chrome(r.Context(), heading, "")
	if err != nil || status >= http.StatusInternalServerError {
		if err != nil {
			s.log.Error("error page chrome", "err", err)
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(heading + "\n\n" + message + "\n"))
		return
	}
	c.Noindex = true
	s.render(w, r, status, "error", errorPage{chrome: c, Status: status, Heading: heading, Message: message})
}
