package feeds

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestSitemapPages(t *testing.T) {
	cases := []struct{ total, size, want int }{
		{0, 3, 1}, {1, 3, 1}, {3, 3, 1}, {4, 3, 2}, {7, 3, 3},
		{MaxURLs, MaxURLs, 1}, {MaxURLs + 1, MaxURLs, 2},
	}
	for _, c := range cases {
		if got := SitemapPages(c.total, c.size); got != c.want {
			t.Errorf("SitemapPages(%d, %d) = %d, want %d", c.total, c.size, got, c.want)
		}
	}
}

func TestAbsolutize(t *testing.T) {
	cases := []struct{ in, want string }{
		{``, ``},
		{`<a href="/world">`, `<a href="https://n.example/world">`},
		{`<a href="/search?q=a&amp;page=2">`, `<a href="https://n.example/search?q=a&amp;page=2">`},
		{`<img src="/media/a.jpg" alt="">`, `<img src="https://n.example/media/a.jpg" alt="">`},
		{`<a href="//cdn.example/x">`, `<a href="//cdn.example/x">`},
		{`<a href="https://court.example/">`, `<a href="https://court.example/">`},
		{`<p>href="/x" in text</p>`, `<p>href="https://n.example/x" in text</p>`},
		{`<source type="image/webp" srcset="/media/a-320.webp 320w, /media/a-960.webp 960w" sizes="100vw">`,
			`<source type="image/webp" srcset="https://n.example/media/a-320.webp 320w, https://n.example/media/a-960.webp 960w" sizes="100vw">`},
		{`<img src="/media/a.jpg" srcset="/media/a-320.jpg 320w, https://cdn.example/b.jpg 960w">`,
			`<img src="https://n.example/media/a.jpg" srcset="https://n.example/media/a-320.jpg 320w, https://cdn.example/b.jpg 960w">`},
	}
	base, _ := url.Parse("https://n.example")
	abs := func(ref string) string {
		u, _ := url.Parse(ref)
		return base.ResolveReference(u).String()
	}
	for _, c := range cases {
		if got := absolutize(c.in, abs); got != c.want {
			t.Errorf("absolutize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestEscaping checks that markup in every text field comes out escaped, in
// each format.
func TestEscaping(t *testing.T) {
	evil := `<script>alert("x")</script> & ]]>`
	f := Feed{Title: evil, Description: evil, HomeURL: "https://n.example/", Updated: time.Unix(0, 0),
		Items: []Item{{URL: "https://n.example/a?x=1&y=2", Title: evil, Summary: evil, ContentHTML: evil,
			Authors: []Person{{Name: evil}}, Categories: []string{evil},
			Image: &Image{URL: "https://n.example/a.jpg", Alt: evil}}}}
	for name, render := range map[string]func(Feed, string) ([]byte, error){"rss": RSS, "atom": Atom, "json": JSONFeed} {
		out, err := render(f, "https://n.example/feed")
		if err != nil {
			t.Fatal(name, err)
		}
		if name != "json" && (strings.Contains(string(out), "<script>") || !strings.Contains(string(out), "&amp;y=2")) {
			t.Errorf("%s: unescaped markup:\n%s", name, out)
		}
		if name == "json" {
			var doc struct{ Title string }
			if err := json.Unmarshal(out, &doc); err != nil || doc.Title != evil {
				t.Errorf("json: title %q does not round-trip: %v", doc.Title, err)
			}
		}
	}
}
