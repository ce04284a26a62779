package site

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/feeds"
	"masthead/internal/store"
)

// feedSize is how many of the newest articles a feed carries.
const feedSize = 30

// feedFormat is one of the three formats every feed comes in.
type feedFormat struct {
	file   string // the last path segment: feed.xml, feed.atom, feed.json
	name   string
	ctype  string
	render func(feeds.Feed, string) ([]byte, error)
}

var feedFormats = []feedFormat{
	{"feed.xml", "RSS", "application/rss+xml; charset=utf-8", feeds.RSS},
	{"feed.atom", "Atom", "application/atom+xml; charset=utf-8", feeds.Atom},
	{"feed.json", "JSON Feed", "application/feed+json; charset=utf-8", feeds.JSONFeed},
}

func formatOf(file string) (feedFormat, bool) {
	for _, f := range feedFormats {
		if f.file == file {
			return f, true
		}
	}
	return feedFormat{}, false
}

// feedLink is a feed a page advertises with <link rel="alternate">.
type feedLink struct {
	Title string
	URL   string // absolute
	Type  string // media type without parameters
}

// feedLinks returns the feeds of the page at path (a section, author or tag
// page; "" for the site), titled after name, followed by the site's own.
func (s *Site) feedLinks(siteName, path, name string) []feedLink {
	var out []feedLink
	add := func(prefix, title string) {
		for _, f := range feedFormats {
			ctype, _, _ := strings.Cut(f.ctype, ";")
			out = append(out, feedLink{Title: title + " (" + f.name + ")", URL: s.absURL(prefix + "/" + f.file), Type: ctype})
		}
	}
	if path != "" {
		add(path, name+" | "+siteName)
	}
	add("", siteName)
	return out
}

// handleSiteFeed serves /feed.xml, /feed.atom and /feed.json.
func (s *Site) handleSiteFeed(w http.ResponseWriter, r *http.Request) {
	f, _ := formatOf(strings.TrimPrefix(r.URL.Path, "/"))
	ctx := r.Context()
	tagline, err := s.store.Setting(ctx, "site.tagline", "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := s.siteName(ctx)
	s.serveFeed(w, r, f, "", feeds.Feed{Title: name, Description: tagline}, store.TeaserQuery{})
}

// feedSource says what a section, author or tag feed URL names: the page it
// belongs to, the feed's title and description, and its articles.
type feedSource func(r *http.Request) (path string, feed feeds.Feed, q store.TeaserQuery, err error)

// feedHandler serves /…/{feed} for one kind of page: an unknown format or an
// unknown page is a 404.
func (s *Site) feedHandler(src feedSource) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, ok := formatOf(r.PathValue("feed"))
		if !ok {
			s.notFound(w, r)
			return
		}
		path, feed, q, err := src(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.serveFeed(w, r, f, path, feed, q)
	}
}

// sectionFeed is the source of /{section}/feed.xml and its kin.
func (s *Site) sectionFeed(r *http.Request) (string, feeds.Feed, store.TeaserQuery, error) {
	sec, err := s.store.SectionBySlug(r.Context(), r.PathValue("section"))
	return sec.URL(), feeds.Feed{Title: sec.Name, Description: sec.Description},
		store.TeaserQuery{SectionID: sec.ID}, err
}

// authorFeed is the source of /author/{slug}/feed.xml and its kin.
func (s *Site) authorFeed(r *http.Request) (string, feeds.Feed, store.TeaserQuery, error) {
	a, err := s.store.AuthorBySlug(r.Context(), r.PathValue("slug"))
	return a.URL(), feeds.Feed{Title: a.Name, Description: a.Bio}, store.TeaserQuery{AuthorID: a.ID}, err
}

// tagFeed is the source of /tag/{slug}/feed.xml and its kin.
func (s *Site) tagFeed(r *http.Request) (string, feeds.Feed, store.TeaserQuery, error) {
	t, err := s.store.TagBySlug(r.Context(), r.PathValue("slug"))
	return t.URL(), feeds.Feed{Title: t.Name, Description: "News and analysis about " + t.Name + "."},
		store.TeaserQuery{TagID: t.ID}, err
}

// serveFeed loads the newest articles matching q and writes the feed of the
// page at path ("" for the whole site) in format f.
func (s *Site) serveFeed(w http.ResponseWriter, r *http.Request, f feedFormat, path string, feed feeds.Feed, q store.TeaserQuery) {
	ctx := r.Context()
	if path != "" {
		feed.Title += " | " + s.siteName(ctx)
	}
	feed.HomeURL, feed.Language = s.absURL(cmp.Or(path, "/")), s.language(ctx)
	if feed.Description == "" {
		feed.Description = "The latest from " + feed.Title + "."
	}
	q.Limit = feedSize
	var err error
	if feed.Items, err = s.feedItems(ctx, q); err != nil {
		s.fail(w, r, err)
		return
	}
	feed.Updated = feeds.Newest(feed.Items)
	body, err := f.render(feed, s.absURL(path+"/"+f.file))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	serveConditional(w, r, f.ctype, body, feed.Updated)
}

// feedItems loads the articles of a feed in three queries whatever their
// number: teasers with bylines, then the tags and (for full text) the bodies
// of all of them at once.
func (s *Site) feedItems(ctx context.Context, q store.TeaserQuery) ([]feeds.Item, error) {
	list, err := s.store.Teasers(ctx, q)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(list))
	for i, t := range list {
		ids[i] = t.ID
	}
	tags, err := s.store.TagsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	mode, err := s.store.Setting(ctx, "feeds.content", "full")
	if err != nil {
		return nil, err
	}
	full := mode != "summary"
	var bodies map[int64]blocks.Document
	if full {
		if bodies, err = s.store.ArticleBodies(ctx, ids); err != nil {
			return nil, err
		}
	}
	items := make([]feeds.Item, len(list))
	for i, t := range list {
		var content string
		if full {
			content = string(bodies[t.ID].HTML())
		}
		items[i] = feeds.NewItem(t, tags[t.ID], content, s.absURL)
	}
	return items, nil
}

// serveConditional writes body with a strong ETag (a hash of the body) and a
// Last-Modified time, answering 304 to a request that already has it.
// http.ServeContent does the precondition checks, If-None-Match first.
func serveConditional(w http.ResponseWriter, r *http.Request, ctype string, body []byte, modified time.Time) {
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	// Feed readers poll; five minutes of caching spares the database without
	// delaying breaking news much.
	h.Set("Cache-Control", "public, max-age=300")
	http.ServeContent(w, r, "", modified.UTC(), bytes.NewReader(body))
}
