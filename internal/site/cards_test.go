package site

import (
	"html"
	"html/template"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"masthead/internal/news"
)

// referenceCard is the card as an html/template, the way pages wrote it
// before card was written in Go: card must give the same markup and the same
// text for any words, which html/template is trusted to escape.
var referenceCard = template.Must(template.New("card").Funcs(template.FuncMap{
	"names": names, "isotime": isoTime, "shortdate": shortDate,
	"portrait": portrait,
}).Parse(`<article class="teaser">
{{with .LeadImage}}{{with .ForCard}}<picture>{{with .WebPSrcset}}<source type="image/webp" srcset="{{.}}" sizes="(min-width: 60em) 18rem, (min-width: 40em) 30vw, 100vw">{{end}}<img class="teaser-image" src="{{.Src}}" srcset="{{.Srcset}}" sizes="(min-width: 60em) 18rem, (min-width: 40em) 30vw, 100vw" width="{{.Width}}" height="{{.Height}}" alt="{{.Alt}}" loading="lazy" decoding="async"></picture>
{{end}}{{end}}<h2 class="teaser-headline"><a href="{{.URL}}">{{.Headline}}</a></h2>
{{with .Standfirst}}<p class="teaser-standfirst">{{.}}</p>
{{end}}<p class="meta">{{with .Authors}}{{portrait (index . 0).Photo}}<span class="by">{{names .}}</span> · {{end}}<a class="kicker-small" href="{{.Section.URL}}">{{.Section.Name}}</a> · <time datetime="{{isotime .PublishedAt}}">{{shortdate .PublishedAt}}</time></p>
</article>`))

func cardTeaser(headline, standfirst, author, section, alt string) news.Teaser {
	return news.Teaser{ID: 7, Slug: "cranes-case", Headline: headline, Standfirst: standfirst,
		PublishedAt: time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC),
		Section:     news.Section{ID: 1, Slug: "world", Name: section},
		Authors:     []news.Author{{ID: 1, Slug: "ana", Name: author}, {ID: 2, Slug: "ben", Name: "Ben"}},
		LeadImage: &news.Image{Src: "/media/a/1200.jpg", Width: 1200, Height: 675, Alt: alt,
			Sizes: []news.ImageSize{{Src: "/media/a/400.jpg", Width: 400}},
			WebP:  []news.ImageSize{{Src: "/media/a/400.webp", Width: 400}, {Src: "/media/a/1200.webp", Width: 1200}}}}
}

// sameCard reports whether card and the reference template give the same
// markup and text for t, and returns both.
func sameCard(t news.Teaser) (bool, string, string) {
	var want strings.Builder
	if err := referenceCard.Execute(&want, t); err != nil {
		panic(err)
	}
	got := string(card(t, 2, true))
	return html.UnescapeString(got) == html.UnescapeString(want.String()), got, want.String()
}

func TestCardEscapes(t *testing.T) {
	cases := []news.Teaser{
		cardTeaser("Harbour cranes case opens", "Day one.", "Ana Ortiz", "World", "Cranes at dusk"),
		cardTeaser(`<script>alert(1)</script> & "quotes" 'too'`, `</p><p onclick="x">`, `<b>Ana</b> & Co`,
			`News & "Views"`, `" onerror="alert(1)`),
		cardTeaser("Russia’s court rules on the “cranes” — at last…", "", "Zoë", "Ünïcode", ""),
	}
	cropped := cardTeaser("With a card crop", "", "Ana", "World", "Cranes, cropped")
	cropped.LeadImage.Card = &news.Image{Src: "/media/a/card-800.jpg", Width: 800, Height: 450,
		Sizes: []news.ImageSize{{Src: "/media/a/card-400.jpg", Width: 400}},
		WebP:  []news.ImageSize{{Src: "/media/a/card-800.webp", Width: 800}}}
	cases = append(cases, cropped)
	noAuthors := cardTeaser("No byline", "", "x", "World", "alt")
	noAuthors.Authors, noAuthors.LeadImage = nil, nil
	cases = append(cases, noAuthors)
	for _, c := range cases {
		if ok, got, want := sameCard(c); !ok {
			t.Errorf("card for %q differs from the template's:\n got %s\nwant %s", c.Headline, got, want)
		}
	}
	hostile := string(card(cases[1], 3, true))
	for _, bad := range []string{"<script>", `<b>`, `onerror="`, `onclick="`, "</p><p"} {
		if strings.Contains(hostile, bad) {
			t.Errorf("a card let %q through:\n%s", bad, hostile)
		}
	}
}

// TestCardLeavesOutUnsafePictures: a picture whose URL is not a site path or
// an http(s) URL, or would split a srcset, is left out; the card stays.
func TestCardLeavesOutUnsafePictures(t *testing.T) {
	for _, src := range []string{"javascript:alert(1)", "//evil.example/x.jpg", "/media/a b.jpg", "/media/a,b.jpg", "data:image/png;base64,AAAA", ""} {
		c := cardTeaser("Headline", "", "Ana", "World", "alt")
		c.LeadImage.Sizes[0].Src = src
		if src == "" {
			c.LeadImage.Src = ""
		}
		got := string(card(c, 3, true))
		if strings.Contains(got, "<picture>") {
			t.Errorf("a picture with the URL %q was shown:\n%s", src, got)
		}
		if !strings.Contains(got, `<h3 class="teaser-headline"><a href="/world/2026/11/20/cranes-case">Headline</a></h3>`) {
			t.Errorf("the card lost its headline when leaving out %q:\n%s", src, got)
		}
	}
	c := cardTeaser("Headline", "", "Ana", "World", "alt")
	if got := string(card(c, 3, false)); strings.Contains(got, "<picture>") {
		t.Errorf("a card asked for without its picture has one:\n%s", got)
	}
}

func FuzzCard(f *testing.F) {
	f.Add("Harbour cranes case opens", "Day one.", "Ana Ortiz", "World", "Cranes at dusk")
	f.Add(`<script>alert(1)</script>`, `"'&<>`, `&amp;`, `&#34;`, `" onerror="x`)
	f.Fuzz(func(t *testing.T, headline, standfirst, author, section, alt string) {
		for _, s := range []string{headline, standfirst, author, section, alt} {
			// Words are valid UTF-8 with no NUL by the time they are saved;
			// html/template replaces a NUL, the body's escaper does not.
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
				t.Skip()
			}
		}
		if ok, got, want := sameCard(cardTeaser(headline, standfirst, author, section, alt)); !ok {
			t.Errorf("card differs from the template's:\n got %s\nwant %s", got, want)
		}
	})
}
