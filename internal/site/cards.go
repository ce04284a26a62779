package site

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/news"
)

// cardSizes is how wide a card's picture is shown, for srcset.
const cardSizes = "(min-width: 60em) 18rem, (min-width: 40em) 30vw, 100vw"

// card is an article's card on an index page (a section front, the home
// page, an author's or a tag's page, an article's related stories): its
// picture (the card crop, if withPicture), its headline as an h2 or h3, its
// standfirst, bylines, section and date.
//
// It is written in Go rather than as a template because a home page shows
// forty cards: html/template spent about 28 µs on each (a dozen actions,
// each a reflective call and an escaper), a fifth of an article page's
// render and most of a home page's; this takes about 2 µs. Text goes through
// the body's escaper (blocks.WriteText) and every URL through
// blocks.PageURL, so a headline or a picture's words cannot break out, as
// TestCardEscapes and FuzzCard check.
func card(t news.Teaser, heading int, withPicture bool) template.HTML {
	return cardIn(t, heading, withPicture, time.UTC)
}

// cardIn is card with its date in the site's time zone loc.
func cardIn(t news.Teaser, heading int, withPicture bool, loc *time.Location) template.HTML {
	var b strings.Builder
	b.Grow(1024)
	b.WriteString("<article class=\"teaser\">\n")
	if withPicture && t.LeadImage != nil {
		writeCardPicture(&b, t.LeadImage.ForCard())
	}
	h := "h3"
	if heading == 2 {
		h = "h2"
	}
	b.WriteString("<" + h + ` class="teaser-headline"><a href="`)
	blocks.WriteURL(&b, t.URL())
	b.WriteString(`">`)
	blocks.WriteText(&b, t.Headline)
	b.WriteString("</a></" + h + ">\n")
	if t.Standfirst != "" {
		b.WriteString(`<p class="teaser-standfirst">`)
		blocks.WriteText(&b, t.Standfirst)
		b.WriteString("</p>\n")
	}
	b.WriteString(`<p class="meta">`)
	if len(t.Authors) > 0 {
		// A columnist's photo sits beside the name, as a paper runs one.
		writePortrait(&b, t.Authors[0].Photo)
		b.WriteString(`<span class="by">`)
		blocks.WriteText(&b, names(t.Authors))
		b.WriteString("</span> · ")
	}
	b.WriteString(`<a class="kicker-small" href="`)
	blocks.WriteURL(&b, t.Section.URL())
	b.WriteString(`">`)
	blocks.WriteText(&b, t.Section.Name)
	b.WriteString(`</a> · <time datetime="`)
	b.WriteString(isoTime(t.PublishedAt))
	b.WriteString(`">`)
	b.WriteString(t.PublishedAt.In(loc).Format("2 Jan 2006"))
	b.WriteString("</time></p>\n</article>")
	return template.HTML(b.String())
}

// writeCardPicture writes the card's <picture>, or nothing when the picture
// has no size or any of its URLs is not one a page may show.
func writeCardPicture(b *strings.Builder, img news.Image) {
	if !showable(img) {
		return
	}
	b.WriteString("<picture>")
	if len(img.WebP) > 0 {
		b.WriteString(`<source type="image/webp" srcset="`)
		writeSrcset(b, img.WebP)
		b.WriteString(`" sizes="` + cardSizes + `">`)
	}
	b.WriteString(`<img class="teaser-image" src="`)
	blocks.WriteURL(b, img.Src)
	b.WriteString(`" srcset="`)
	writeSrcset(b, append(img.Sizes[:len(img.Sizes):len(img.Sizes)], news.ImageSize{Src: img.Src, Width: img.Width}))
	b.WriteString(`" sizes="` + cardSizes + `" width="`)
	b.WriteString(strconv.Itoa(img.Width))
	b.WriteString(`" height="`)
	b.WriteString(strconv.Itoa(img.Height))
	b.WriteString(`" alt="`)
	blocks.WriteText(b, img.Alt)
	b.WriteString("\" loading=\"lazy\" decoding=\"async\"></picture>\n")
}

// showable reports whether a picture has a size and every URL of it is one a
// page may show and a srcset can hold.
func showable(img news.Image) bool {
	if img.Src == "" || img.Width < 1 || img.Height < 1 || !blocks.PageURL(img.Src) {
		return false
	}
	for _, list := range [2][]news.ImageSize{img.Sizes, img.WebP} {
		for _, s := range list {
			if !blocks.PageURL(s.Src) || strings.Contains(s.Src, ",") {
				return false
			}
		}
	}
	return true
}

// portraitSizes is how wide a byline's photo is shown at most, for srcset.
const portraitSizes = "3rem"

// portrait is writePortrait for templates.
func portrait(img *news.Image) template.HTML {
	var b strings.Builder
	writePortrait(&b, img)
	return template.HTML(b.String())
}

// writePortrait writes a byline's photo: small and round beside the name,
// which says who it shows, so its alt text is empty. Its width and height,
// with the stylesheet's fixed size, reserve its box; it is lazy, as the
// byline's words matter more than the face.
func writePortrait(b *strings.Builder, img *news.Image) {
	if img == nil || !showable(*img) {
		return
	}
	b.WriteString(`<img class="byline-photo" src="`)
	blocks.WriteURL(b, img.Src)
	b.WriteString(`" srcset="`)
	writeSrcset(b, append(img.Sizes[:len(img.Sizes):len(img.Sizes)], news.ImageSize{Src: img.Src, Width: img.Width}))
	b.WriteString(`" sizes="` + portraitSizes + `" width="`)
	b.WriteString(strconv.Itoa(img.Width))
	b.WriteString(`" height="`)
	b.WriteString(strconv.Itoa(img.Height))
	b.WriteString(`" alt="" loading="lazy" decoding="async">`)
}

func writeSrcset(b *strings.Builder, list []news.ImageSize) {
	for i, s := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		blocks.WriteURL(b, s.Src)
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(s.Width))
		b.WriteByte('w')
	}
}
