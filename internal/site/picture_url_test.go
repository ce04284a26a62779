package site_test

import (
	"context"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestOutsidePictureComesOutUnchanged: a lead picture at an outside https
// address appears as that address in every output that names it (link
// previews, JSON-LD, RSS, Atom, JSON Feed), never glued to the site's own
// address, while site paths still get the site's origin.
func TestOutsidePictureComesOutUnchanged(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		ctx := context.Background()
		world, err := st.SectionBySlug(ctx, "world")
		if err != nil {
			t.Fatal(err)
		}
		ana, err := st.AuthorBySlug(ctx, "ana-ortiz")
		if err != nil {
			t.Fatal(err)
		}
		const pic = "https://pictures.example/photos/harbour.jpg"
		a := &news.Article{Headline: "Outside picture of the harbour", Status: news.Published, Section: world,
			Authors: []news.Author{ana}, LeadImage: &news.Image{Src: pic, Width: 1200, Height: 675, Alt: "The harbour"}}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			path string
			want []string
		}{
			{a.URL(), []string{`<meta property="og:image" content="` + pic + `">`, `<meta name="twitter:image" content="` + pic + `">`,
				`"image":["` + pic + `"]`, `<link rel="canonical" href="http://news.example` + a.URL() + `">`}},
			{"/feed.xml", []string{`<media:content url="` + pic + `" type="image/jpeg"`, `<link>http://news.example` + a.URL() + `</link>`}},
			{"/world/feed.xml", []string{`<media:content url="` + pic + `"`}},
			{"/feed.atom", []string{`<link href="` + pic + `" rel="enclosure" type="image/jpeg">`, `<media:content url="` + pic + `"`}},
			{"/feed.json", []string{`"image": "` + pic + `"`, `"url": "http://news.example` + a.URL() + `"`}},
			{"/sitemaps/articles-1.xml", []string{`<loc>http://news.example` + a.URL() + `</loc>`}},
		} {
			resp, body := get(t, ts.URL+c.path)
			if resp.StatusCode != 200 {
				t.Errorf("%s: %d", c.path, resp.StatusCode)
				continue
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s lacks %s", c.path, w)
				}
			}
			if strings.Contains(body, "news.examplehttp") || strings.Contains(body, "news.example"+pic) {
				t.Errorf("%s glues the picture's address to the site's", c.path)
			}
		}
	})
}
