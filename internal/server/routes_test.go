package server_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"masthead/internal/admin"
	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// TestEveryRouteIsASitePath walks every route the node serves, the public
// site's and the node's own: the first segment of each is in news.SitePaths,
// and no section or page may take it as its slug. A route added without its
// entry in the list fails here (and stops the program at start).
func TestEveryRouteIsASitePath(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir()}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		adm, err := admin.New(admin.Config{BaseURL: "http://news.example", Preview: pub.Preview}, st, log)
		if err != nil {
			t.Fatal(err)
		}
		srv := server.New(st, pub, log, server.Options{Newsroom: adm.Handler()})
		patterns := append(pub.Patterns(), srv.Patterns()...)
		if len(pub.Patterns()) < 20 || len(srv.Patterns()) < 5 {
			t.Fatalf("too few routes seen: %v", patterns)
		}
		segments := map[string]bool{}
		for _, p := range patterns {
			path := p[strings.IndexByte(p, '/'):]
			seg, _, _ := strings.Cut(path[1:], "/")
			if seg == "" || strings.HasPrefix(seg, "{") {
				continue
			}
			segments[seg] = true
			if !news.IsSitePath(seg) {
				t.Errorf("the route %q starts with /%s, which news.SitePaths lacks", p, seg)
			}
		}
		for _, want := range []string{"admin", "api", "archive", "author", "feed.xml", "healthz", "media", "metrics",
			"privacy", "readyz", "robots.txt", "search", "sitemap.xml", "sitemaps", "static", "tag"} {
			if !segments[want] {
				t.Errorf("no route starts with /%s: the walk missed routes", want)
			}
		}
		for seg := range segments {
			if news.Slugify(seg) != seg {
				continue // "feed.xml" and the like cannot be slugs anyway
			}
			sec := news.Section{Name: "Taken", Slug: seg}
			if err := st.CreateSection(ctx, &sec); news.ErrorCode(err) != news.EINVALID {
				t.Errorf("a section with the slug %q: %v, want it refused", seg, err)
			}
			pg := news.Page{Title: "Taken", Slug: seg, Body: blocks.Document{blocks.P(blocks.T("x"))}}
			if err := st.CreatePage(ctx, &pg); news.ErrorCode(err) != news.EINVALID {
				t.Errorf("a page with the slug %q: %v, want it refused", seg, err)
			}
		}
	})
}
