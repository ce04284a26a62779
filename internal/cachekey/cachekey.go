// Package cachekey names what a cached page shows, so a change can purge
// exactly the pages that show it. The store adds a key for each thing it reads
// while a page renders; the same store names the keys a write touches. One
// vocabulary serves both sides, the page cache and a CDN's Surrogate-Key.
//
//	article:ID       an article: its page and every teaser or link showing it
//	author:ID        an author's name and profile, wherever shown
//	tag:ID           a tag's name, wherever shown
//	list:all         any list of the newest articles of the whole site
//	list:section:ID  the list of a section's articles
//	list:author:ID   the list of an author's articles
//	list:tag:ID      the list of a tag's articles
//	search           search results
//	sitemaps         the article sitemaps, which show each article's last change
//	site             what every page shows: site name, sections, pages
//	authors, tags    the directories of all authors or tags (sitemaps)
//	asset:ID         a media library picture's renditions, wherever shown
//	mostread         the "most read" lists, which change with every view
//	redirects        the table of old addresses that answer 301
//	front:home       the stories editors pinned to the home page
//	front:section:ID the stories editors pinned to a section's front
package cachekey

import (
	"context"
	"slices"
	"strconv"
	"sync"
)

// Keys of everything shared by all pages.
const (
	All    = "list:all"
	Search = "search"
	// Sitemaps is the key of the article sitemaps.
	Sitemaps = "sitemaps"
	Site     = "site"
	Authors  = "authors"
	Tags     = "tags"
	// Redirects is the key of the redirect table: every answer that looked
	// there (a redirect, or a miss that became a 404) depends on it.
	Redirects = "redirects"
	// MostRead is the key of the "most read" lists. Page views change them
	// all the time, so no write names it: a timer purges it.
	MostRead = "mostread"
	// Everything stands for every key: a node that may have missed changes
	// purges all it holds.
	Everything = "*"
)

// Article is the key of an article wherever it is shown.
func Article(id int64) string { return "article:" + strconv.FormatInt(id, 10) }

// Author is the key of an author's name and profile.
func Author(id int64) string { return "author:" + strconv.FormatInt(id, 10) }

// Tag is the key of a tag's name.
func Tag(id int64) string { return "tag:" + strconv.FormatInt(id, 10) }

// Asset is the key of a media library picture's renditions: made, or made
// again for a moved focal point, they change every page that shows it.
func Asset(id int64) string { return "asset:" + strconv.FormatInt(id, 10) }

// SectionList is the key of the list of a section's articles.
func SectionList(id int64) string { return "list:section:" + strconv.FormatInt(id, 10) }

// AuthorList is the key of the list of an author's articles.
func AuthorList(id int64) string { return "list:author:" + strconv.FormatInt(id, 10) }

// TagList is the key of the list of a tag's articles.
func TagList(id int64) string { return "list:tag:" + strconv.FormatInt(id, 10) }

// Front is the key of the stories pinned to a front: the home page's for
// section 0, else the section's.
func Front(sectionID int64) string {
	if sectionID == 0 {
		return "front:home"
	}
	return "front:section:" + strconv.FormatInt(sectionID, 10)
}

// Set collects the keys of one page while it renders. It is safe for
// concurrent use, since a page may load its parts in parallel.
type Set struct {
	mu   sync.Mutex
	keys map[string]struct{}
}

type ctxKey struct{}

// With returns a context that collects keys into a new Set.
func With(ctx context.Context) (context.Context, *Set) {
	set := &Set{keys: map[string]struct{}{}}
	return context.WithValue(ctx, ctxKey{}, set), set
}

// Add records keys on the Set of ctx, if it has one; outside a cached render
// it does nothing.
func Add(ctx context.Context, keys ...string) {
	set, _ := ctx.Value(ctxKey{}).(*Set)
	if set == nil {
		return
	}
	set.mu.Lock()
	for _, k := range keys {
		set.keys[k] = struct{}{}
	}
	set.mu.Unlock()
}

// Collecting reports whether ctx collects keys, so a caller can skip building
// keys no one will read.
func Collecting(ctx context.Context) bool {
	_, ok := ctx.Value(ctxKey{}).(*Set)
	return ok
}

// Keys returns the collected keys, sorted.
func (s *Set) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.keys))
	for k := range s.keys {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
