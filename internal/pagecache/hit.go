package pagecache

import (
	"bytes"
	"net/http"
	"strconv"
	"time"
)

// Lookup is what the fast path read of a request: everything of it that
// chooses which bytes of a cached page answer it.
type Lookup struct {
	Path     string // as sent: the fast path takes only paths that need no unescaping
	RawQuery string
	Head     bool
	// The request's headers of these names, or "" when absent.
	AcceptEncoding, IfNoneMatch, IfModifiedSince string
}

// Raw is a cached answer ready to write on an HTTP/1.1 connection.
type Raw struct {
	// Head is the status line and every header but Date, each line ending
	// in CRLF; Body follows the blank line (nil for HEAD and 304).
	Head, Body []byte
	Status     int
	// Pattern is the route that rendered the page, for the request metrics.
	Pattern string
}

// Hit answers a request from the cache without net/http.
//
// ok is false when the page is not cached, or is older than MaxAge (the
// caller then serves the request through ServeHTTP, which serves it stale
// and renders it again). The caller has already checked what ServeHTTP's
// callers check: the method is GET or HEAD and Bypass does not apply.
func (c *Cache) Hit(l *Lookup) (raw Raw, ok bool) {
	if !c.Enabled() {
		return Raw{}, false
	}
	var e *entry
	c.mu.RLock()
	if l.RawQuery == "" {
		e = c.entries[l.Path]
	} else if q := c.keptQuery(l.RawQuery); q == "" {
		e = c.entries[l.Path]
	} else {
		e = c.entries[l.Path+"?"+q]
	}
	now := time.Now()
	if e == nil || e.resp.raw == nil || now.Sub(e.stored) > c.cfg.MaxAge {
		c.mu.RUnlock()
		return Raw{}, false
	}
	resp := e.resp
	c.mu.RUnlock()
	if t := now.UnixNano(); t-e.moved.Load() > int64(time.Second) {
		e.moved.Store(t)
		c.mu.Lock()
		c.lru.MoveToFront(e.elem) // no change if the entry left the cache meanwhile
		c.mu.Unlock()
	}
	requests.hit.Inc()

	enc, body := 0, resp.body
	switch {
	case resp.br != nil && acceptsIn(l.AcceptEncoding, "br"):
		enc, body = 2, resp.br
	case resp.gzip != nil && acceptsIn(l.AcceptEncoding, "gzip"):
		enc, body = 1, resp.gzip
	}
	if (l.IfNoneMatch != "" || l.IfModifiedSince != "") && notModifiedBy(l.IfNoneMatch, l.IfModifiedSince, resp) {
		return Raw{Head: resp.raw[enc][1], Status: http.StatusNotModified, Pattern: resp.pattern}, true
	}
	if l.Head {
		body = nil
	}
	return Raw{Head: resp.raw[enc][0], Body: body, Status: resp.status, Pattern: resp.pattern}, true
}

// prepareRaw makes the heads Hit writes: the same headers write sends
// through net/http for each encoding, as a 200 and as a 304.
func (c *Cache) prepareRaw(resp *response) {
	var raw [3][2][]byte
	for i, eh := range []*encodingHeaders{&resp.plainH, &resp.gzipH, &resp.brH} {
		if eh.etag == nil {
			eh = &resp.plainH // no such encoding: Hit never picks it
		}
		raw[i][0] = c.rawHead(resp, eh, false)
		raw[i][1] = c.rawHead(resp, eh, true)
	}
	resp.raw = &raw
}

func (c *Cache) rawHead(resp *response, eh *encodingHeaders, notModified bool) []byte {
	h := make(http.Header, len(c.cfg.Header)+len(resp.header)+8)
	for name, vals := range c.cfg.Header {
		h[name] = vals
	}
	for name, vals := range resp.header {
		h[name] = vals
	}
	if _, ok := h["Cache-Control"]; !ok {
		h["Cache-Control"] = c.cacheControlValue
	}
	h["Surrogate-Key"] = resp.surrogate
	h["Vary"] = varyEncoding
	h["Etag"] = eh.etag
	h["X-Cache"] = xHit
	status := resp.status
	if notModified {
		status = http.StatusNotModified
		delete(h, "Content-Type")
	} else {
		if eh.encoding != nil {
			h["Content-Encoding"] = eh.encoding
		}
		h["Content-Length"] = eh.length
	}
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 " + strconv.Itoa(status) + " " + http.StatusText(status) + "\r\n")
	_ = h.Write(&b) // sorted; a newline inside a value becomes a space, as net/http does
	return b.Bytes()
}
