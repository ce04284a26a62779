package blocks

import (
	"html/template"
	"strconv"
	"strings"
)

// HTML renders the document as compact HTML5. Every string is escaped;
// typography (’ “ ” — …) is written as the UTF-8 it is. The document should
// have been validated, but rendering does not rely on it: a link, image or
// embed whose URL is not http, https or mailto (or, for an image, a /media/
// path or https) is dropped and unknown blocks are skipped, so even a body
// loaded without Parse cannot inject markup or script. An image from the
// media library shows only once the store has filled its Picture.
func (d Document) HTML() template.HTML {
	var b strings.Builder
	d.WriteHTML(&b)
	return template.HTML(b.String())
}

// WriteHTML writes the document's HTML (what HTML returns) into b, for a
// page written in Go without a copy of the body.
func (d Document) WriteHTML(b *strings.Builder) {
	b.Grow(sizeHint(d))
	for i := range d {
		writeBlock(b, &d[i], false)
	}
}

// sizeHint guesses the output size so the builder allocates about once.
func sizeHint(d Document) int {
	n := 0
	for i := range d {
		bl := &d[i]
		n += 64 + len(bl.Alt) + len(bl.Caption) + len(bl.Credit) + len(bl.Title) + 2*len(bl.Src) + 2*len(bl.URL)
		if p := bl.Picture; p != nil {
			n += 160 + len(p.Alt) + len(p.Caption) + len(p.Credit) + 48*(len(p.JPEG)+len(p.WebP))
		}
		for _, r := range bl.Content {
			n += 16 + len(r.Text) + 2*len(r.Link)
		}
		for _, item := range bl.Items {
			for _, r := range item {
				n += 24 + len(r.Text) + 2*len(r.Link)
			}
		}
		n += sizeHint(bl.Body)
	}
	return n + n/8
}

// headingTags are the tags for levels 2, 3 and 4, written out so rendering
// does not build strings.
var headingTags = [3][2]string{{"<h2>", "</h2>"}, {"<h3>", "</h3>"}, {"<h4>", "</h4>"}}

func writeBlock(b *strings.Builder, bl *Block, inBox bool) {
	switch bl.Type {
	case TypeParagraph:
		b.WriteString("<p>")
		writeRuns(b, bl.Content)
		b.WriteString("</p>")
	case TypeHeading:
		// The page's h1 is the headline and a fact box's title is an h2, so
		// the level is held to the range validation allows.
		level := min(max(bl.Level, 2), 4)
		if inBox {
			level = max(level, 3)
		}
		open, end := headingTags[level-2][0], headingTags[level-2][1]
		b.WriteString(open)
		writeRuns(b, bl.Content)
		b.WriteString(end)
	case TypeQuote:
		writeQuote(b, bl)
	case TypePullQuote:
		// An aside, not a blockquote: a pull quote repeats words from the
		// article, and a screen reader announcing "block quote" would make
		// it sound like a new quotation.
		b.WriteString(`<aside class="pullquote"><p>`)
		writeRuns(b, bl.Content)
		b.WriteString("</p>")
		if strings.TrimSpace(bl.Attribution) != "" {
			b.WriteString("<footer>")
			escapeText(b, bl.Attribution, false)
			b.WriteString("</footer>")
		}
		b.WriteString("</aside>")
	case TypeList:
		open, end := "<ul>", "</ul>"
		if bl.Ordered {
			open, end = "<ol>", "</ol>"
		}
		b.WriteString(open)
		for _, item := range bl.Items {
			b.WriteString("<li>")
			writeRuns(b, item)
			b.WriteString("</li>")
		}
		b.WriteString(end)
	case TypeImage:
		if !inBox {
			writeImage(b, bl)
		}
	case TypeEmbed:
		if !inBox {
			writeEmbed(b, bl)
		}
	case TypeFactBox:
		if inBox {
			return
		}
		// The title is an h2 so that a reader moving through the page by
		// headings finds the box; its own headings are held to h3 and h4
		// below it, which keeps the outline in order.
		b.WriteString(`<aside class="factbox"><h2>`)
		escapeText(b, bl.Title, false)
		b.WriteString("</h2>")
		for i := range bl.Body {
			writeBlock(b, &bl.Body[i], true)
		}
		b.WriteString("</aside>")
	case TypeDivider:
		if !inBox {
			b.WriteString("<hr>")
		}
	}
}

// writeQuote writes a blockquote, inside a figure when it is attributed: the
// HTML standard puts attribution outside the blockquote, in a figcaption,
// and reserves <cite> for titles of works, not people's names.
func writeQuote(b *strings.Builder, bl *Block) {
	attributed := strings.TrimSpace(bl.Attribution) != ""
	if attributed {
		b.WriteString(`<figure class="quote">`)
	}
	b.WriteString("<blockquote><p>")
	writeRuns(b, bl.Content)
	b.WriteString("</p></blockquote>")
	if attributed {
		b.WriteString("<figcaption>")
		escapeText(b, bl.Attribution, false)
		b.WriteString("</figcaption></figure>")
	}
}

func writeImage(b *strings.Builder, bl *Block) {
	if bl.Asset != 0 {
		writePicture(b, bl)
		return
	}
	src := mediaPath(bl.Src) || strings.HasPrefix(bl.Src, "https://") && linkable(bl.Src)
	if !src || bl.Width < 1 || bl.Height < 1 {
		return
	}
	b.WriteString(`<figure class="image"><img src="`)
	writeURL(b, bl.Src)
	b.WriteString(`" alt="`)
	escapeText(b, bl.Alt, false)
	b.WriteString(`" width="`)
	writeInt(b, bl.Width)
	b.WriteString(`" height="`)
	writeInt(b, bl.Height)
	b.WriteString(`" loading="lazy" decoding="async">`)
	writeFigcaption(b, bl.Caption, bl.Credit)
	b.WriteString("</figure>")
}

// writeFigcaption writes an image's caption and credit, if it has either.
func writeFigcaption(b *strings.Builder, caption, credit string) {
	hasCaption := strings.TrimSpace(caption) != ""
	hasCredit := strings.TrimSpace(credit) != ""
	if !hasCaption && !hasCredit {
		return
	}
	b.WriteString("<figcaption>")
	if hasCaption {
		escapeText(b, caption, false)
	}
	if hasCaption && hasCredit {
		b.WriteByte(' ')
	}
	if hasCredit {
		b.WriteString(`<small class="credit">`)
		escapeText(b, credit, false)
		b.WriteString("</small>")
	}
	b.WriteString("</figcaption>")
}

// writeEmbed writes a click-to-load placeholder: a plain link to the
// original, never an iframe or script, since nothing on the page may be
// fetched from a third party before the reader asks for it. The address of
// the player (data-frame) waits in an attribute; the page's consent script
// turns the figure into the player once the reader allows embeds, and
// without that script the link is all there is.
func writeEmbed(b *strings.Builder, bl *Block) {
	if !linkable(bl.URL) || hasPrefixFold(bl.URL, "mailto:") {
		return
	}
	name := provider(bl.URL)
	b.WriteString(`<figure class="embed"`)
	if src, shape, ok := frame(bl.URL); ok && linkable(src) {
		b.WriteString(` data-frame="`)
		writeURL(b, src)
		b.WriteString(`" data-shape="`)
		b.WriteString(shape)
		b.WriteString(`" data-provider="`)
		escapeText(b, name, false)
		b.WriteString(`"`)
	}
	b.WriteString(`><p class="embed-link"><a href="`)
	writeURL(b, bl.URL)
	b.WriteString(`" rel="noopener">View on `)
	escapeText(b, name, false)
	b.WriteString("</a></p>")
	if strings.TrimSpace(bl.Title) != "" {
		b.WriteString("<figcaption>")
		escapeText(b, bl.Title, false)
		b.WriteString("</figcaption>")
	}
	b.WriteString("</figure>")
}

// writeRuns writes runs of text with their marks. A link that is not
// linkable is written as its text alone.
func writeRuns(b *strings.Builder, runs []Inline) {
	for _, r := range runs {
		link := r.Link != "" && linkable(r.Link)
		if link {
			b.WriteString(`<a href="`)
			writeURL(b, r.Link)
			b.WriteString(`" rel="noopener">`)
		}
		if r.Bold {
			b.WriteString("<strong>")
		}
		if r.Italic {
			b.WriteString("<em>")
		}
		escapeText(b, r.Text, true)
		if r.Italic {
			b.WriteString("</em>")
		}
		if r.Bold {
			b.WriteString("</strong>")
		}
		if link {
			b.WriteString("</a>")
		}
	}
}

// writeInt writes n in decimal without allocating, as strconv.Itoa would.
func writeInt(b *strings.Builder, n int) {
	var buf [20]byte
	b.Write(strconv.AppendInt(buf[:0], int64(n), 10))
}
