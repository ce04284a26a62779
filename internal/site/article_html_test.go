package site

import (
	"html/template"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"masthead/internal/blocks"
	"masthead/internal/news"
)

// markupSite is a Site with what the article page's writers and its
// reference template need (assets, functions), and the reference: the
// article page's template as it was before it was written in Go.
func markupSite(t testing.TB) (*Site, *template.Template) {
	t.Helper()
	base, _ := url.Parse("http://news.example")
	s := &Site{base: base}
	var err error
	if s.assets, err = loadAssets(embedded); err != nil {
		t.Fatal(err)
	}
	if s.tmpl, err = loadTemplates(embedded, s.funcs(), false); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/article_reference.html")
	if err != nil {
		t.Fatal(err)
	}
	ref, err := template.New("").Funcs(s.funcs()).ParseFS(embedded, "templates/layout.html", "templates/partials/*.html")
	if err == nil {
		_, err = ref.New("article").Parse(string(src))
	}
	if err != nil {
		t.Fatal(err)
	}
	return s, ref
}

// markupWords are the words (and addresses) an article page shows, each
// of which the fuzzer varies.
type markupWords struct {
	headline, standfirst, name, link, alt string
	shape                                 uint16
}

// markupPage is an article page's data with words in every field a reader
// or a link preview sees; shape's bits switch its optional parts on.
func markupPage(s *Site, w markupWords) *articlePage {
	bit := func(i uint) bool { return w.shape&(1<<i) != 0 }
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	img := &news.Image{Src: "/media/a/1200.jpg", Width: 1200, Height: 675, Alt: w.alt,
		Sizes: []news.ImageSize{{Src: "/media/a/400.jpg", Width: 400}},
		WebP:  []news.ImageSize{{Src: "/media/a/400.webp", Width: 400}, {Src: w.link, Width: 1200}}}
	if bit(0) {
		img.Caption = w.standfirst
	}
	if bit(1) {
		img.Credit = w.name
	}
	if bit(2) {
		img.Animated = []news.ImageSize{{Src: "/media/a/400.gif", Width: 400}, {Src: w.link, Width: 800}}
	}
	if bit(3) {
		img.Src = w.link
		img.Sizes = append(img.Sizes, news.ImageSize{Src: w.link + " 2x", Width: 3})
	}
	a := news.Article{ID: 42, Slug: "cranes-case", Headline: w.headline, Standfirst: w.standfirst,
		Status: news.Published, PublishedAt: at, UpdatedAt: at.Add(time.Duration(w.shape) * time.Second),
		Section: news.Section{ID: 1, Slug: w.link, Name: w.name},
		Body:    blocks.Document{{Type: "paragraph", Content: []blocks.Inline{{Text: w.headline}}}},
	}
	if bit(4) {
		a.LeadImage = img
	}
	if bit(5) {
		a.SocialImage = &news.Image{Src: w.link, Width: 1200, Height: 630, Alt: w.alt}
	}
	if bit(6) {
		a.SEOTitle, a.SEODescription = w.name, w.alt
	}
	for i := range int(w.shape >> 7 & 3) {
		a.Authors = append(a.Authors, news.Author{ID: int64(i + 1), Slug: w.link, Name: w.name,
			Photo: &news.Image{Src: "/media/p/200.jpg", Width: 200, Height: 200}})
		a.Tags = append(a.Tags, news.Tag{ID: int64(i + 1), Slug: w.link, Name: w.name})
	}
	if bit(9) {
		a.Sources = []news.Source{{Name: w.name, URL: w.link, Note: w.alt}, {Name: w.headline}}
	}
	if bit(10) {
		a.Notes = []news.Note{{Kind: news.Correction, At: at, Text: w.alt}, {Kind: news.Update, At: at.Add(time.Hour), Text: w.name}}
	}
	p := &articlePage{Article: a, NotesOnTop: bit(11), JSONLD: template.JS(`{"@type":"NewsArticle"}`),
		Share:    shareList("http://news.example/x", w.headline),
		MostRead: mostRead{site: s, rendered: true, box: "<aside>most read</aside>"}}
	p.chrome = chrome{SiteName: w.name, Title: w.headline, Description: w.standfirst, Canonical: w.link,
		Current: w.link, Year: 2026, Sections: []news.Section{{ID: 1, Slug: "world", Name: w.name}}, site: s}
	if bit(13) {
		p.Noindex, p.PreviewBar = true, w.alt
	}
	if bit(14) {
		p.Lang = w.alt
		p.Feeds = []feedLink{{Title: w.name, URL: w.link, Type: w.alt}, {Title: "All", URL: "/feed.xml", Type: "application/rss+xml"}}
		p.Logo = &news.Image{Src: w.link, Width: 64, Height: 64, Sizes: []news.ImageSize{{Src: "/media/l/32.png", Width: 32}}}
	}
	if bit(15) {
		p.Privacy = privacySettings{Purposes: []purpose{{Key: "video", Name: w.name, Description: w.alt}}, PolicyVersion: w.standfirst}
	}
	if bit(12) {
		p.Related = []news.Teaser{a.Teaser(), a.Teaser()}
	}
	return p
}

// sameMarkup renders the page both ways and reports a difference.
func sameMarkup(t *testing.T, s *Site, ref *template.Template, p *articlePage) {
	t.Helper()
	var got, want strings.Builder
	if err := s.writeArticlePage(&got, p); err != nil {
		t.Fatal(err)
	}
	if err := ref.ExecuteTemplate(&want, "layout", p); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		g, w := got.String(), want.String()
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Errorf("the article page differs from the template's at byte %d:\n got …%s\nwant …%s", i, g[max(0, i-80):min(len(g), i+200)], w[max(0, i-80):min(len(w), i+200)])
	}
}

// TestArticleMarkup: the article page written in Go is the template's page
// byte for byte, with every part there and with none, for ordinary words,
// hostile ones, and a time zone whose name has a + in it.
func TestArticleMarkup(t *testing.T) {
	s, ref := markupSite(t)
	words := []markupWords{
		{"Harbour cranes case opens", "Day one.", "Ana Ortiz", "/world", "Cranes at dusk", 0},
		{`<script>alert(1)</script> & "q" 'a' + b`, `</p><p onclick="x">`, `<b>Ana</b> & Co`,
			`javascript:alert(1)`, `" onerror="alert(1)`, 0},
		{"Russia’s court rules on the “cranes” — at last…", "", "Zoë", "https://example.com/a b?c=d&e='f'#g#h", "", 0},
		{"x", "y", "z", "/media/a,b.jpg 1x, /c.jpg", "\x00", 0},
	}
	for _, zone := range []*time.Location{time.UTC, time.FixedZone("+04", 4*3600)} {
		s.loc.Store(zone)
		for _, w := range words {
			for _, shape := range []uint16{0, 0xffff, 0x0f0f, 0xf0f0, 0x5555, 0xaaaa, 1 << 8} {
				w.shape = shape
				sameMarkup(t, s, ref, markupPage(s, w))
			}
		}
	}
}

func FuzzArticleMarkup(f *testing.F) {
	f.Add("Harbour cranes case opens", "Day one.", "Ana Ortiz", "/world", "Cranes at dusk", uint16(0xffff), false)
	f.Add(`<script>alert(1)</script>+`, `"'&<>`, `&amp;`, `javascript:x`, `" onerror="x`, uint16(0x5555), true)
	f.Add("a", "b", "c", "/a,b 1x, c 2w", "%zz%41", uint16(0xaaaa), false)
	s, ref := markupSite(f)
	f.Fuzz(func(t *testing.T, headline, standfirst, name, link, alt string, shape uint16, plusZone bool) {
		for _, w := range []string{headline, standfirst, name, link, alt} {
			// Words are valid UTF-8 by the time they are saved.
			if !utf8.ValidString(w) {
				t.Skip()
			}
		}
		s.loc.Store(time.UTC)
		if plusZone {
			s.loc.Store(time.FixedZone("+04", 4*3600))
		}
		sameMarkup(t, s, ref, markupPage(s, markupWords{headline, standfirst, name, link, alt, shape}))
	})
}

// FuzzAbsURL: a site path absURL writes without resolving it is what
// resolving it against the base gives.
func FuzzAbsURL(f *testing.F) {
	for _, ref := range []string{"/author/ana", "/media/a/1200.jpg", "/a/../b", "/a//b", "/./x", "/a b", "//evil.example/x", "/x?y", "/"} {
		f.Add("https://news.example", ref)
	}
	f.Add("http://user@news.example:8080/sub", "/tag/x")
	f.Fuzz(func(t *testing.T, baseURL, ref string) {
		base, err := url.Parse(baseURL)
		if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" || !plainPath(ref) {
			t.Skip()
		}
		s := &Site{base: base, origin: (&url.URL{Scheme: base.Scheme, User: base.User, Host: base.Host}).String()}
		resolved := (&Site{base: base}).absURL(ref)
		if got := s.absURL(ref); got != resolved {
			t.Errorf("absURL(%q) against %q = %q, resolving gives %q", ref, baseURL, got, resolved)
		}
	})
}
