package pagecache

import (
	"container/list"
	"net/http"

	"github.com/VictoriaMetrics/metrics"
)

// A purged page is not thrown away at once: it is kept aside, out of the
// cache, in case rendering it again fails (the database away, a disk full).
// The reader then gets the page as it was before the change rather than an
// error, as stale-if-error lets a CDN do. Pages kept aside take at most a
// quarter of MaxBytes beside the cache, the oldest going first; a page
// rendered again successfully replaces its copy.

var staleOnError = metrics.NewCounter(`masthead_page_cache_requests_total{result="stale_if_error"}`)

var xStaleIfError = []string{"STALE-IF-ERROR"}

// asideEntry is a purged page kept in case its next render fails.
type asideEntry struct {
	path string
	resp *response
	size int64
	elem *list.Element
}

// keepAside keeps the response of a purged page; c.mu is held.
func (c *Cache) keepAside(path string, resp *response, size int64) {
	limit := c.cfg.MaxBytes / 4
	if size > limit {
		return
	}
	if c.aside == nil {
		c.aside, c.asideList = map[string]*asideEntry{}, list.New()
	}
	c.dropAside(path)
	a := &asideEntry{path: path, resp: resp, size: size}
	a.elem = c.asideList.PushFront(a)
	c.aside[path] = a
	c.asideSize += size
	for c.asideSize > limit {
		c.dropAside(c.asideList.Back().Value.(*asideEntry).path)
	}
}

// dropAside forgets the page kept aside for path, if any; c.mu is held.
func (c *Cache) dropAside(path string) {
	if a := c.aside[path]; a != nil {
		c.asideList.Remove(a.elem)
		delete(c.aside, path)
		c.asideSize -= a.size
	}
}

// staleIfError returns the page kept aside for path when resp, its new
// render, is a server error (5xx); otherwise resp.
func (c *Cache) staleIfError(path string, resp *response) (*response, bool) {
	if resp.status < http.StatusInternalServerError {
		return resp, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entries[path]; e != nil {
		return e.resp, true // another render stored it meanwhile
	}
	if a := c.aside[path]; a != nil {
		return a.resp, true
	}
	return resp, false
}
