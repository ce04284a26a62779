package blocks

import "strings"

// ColumnSizes is the sizes attribute of a picture as wide as the article
// column: the lead picture and the pictures in the body share it.
const ColumnSizes = "(min-width: 48em) 46rem, 100vw"

// Picture is a media library picture as an image block shows it: the
// renditions of the whole picture and the library's words.
type Picture struct {
	// JPEG and WebP list the renditions, narrowest first; the widest JPEG
	// is the img's src, and Width and Height are its size.
	JPEG, WebP []PictureSize
	// GIF lists the animated copies of an animated GIF, narrowest first;
	// the stills then serve readers who ask for reduced motion.
	GIF           []PictureSize
	Width, Height int
	// Alt, Caption and Credit are the library's, for a block that leaves
	// its own empty.
	Alt, Caption, Credit string
}

// PictureSize is one rendition: its path under /media/ and its width.
type PictureSize struct {
	URL   string
	Width int
}

// words returns the block's own alt text, caption and credit, each
// falling back to the library's.
func (bl *Block) words() (alt, caption, credit string) {
	alt, caption, credit = bl.Alt, bl.Caption, bl.Credit
	if p := bl.Picture; p != nil {
		alt, caption, credit = or(alt, p.Alt), or(caption, p.Caption), or(credit, p.Credit)
	}
	return alt, caption, credit
}

func or(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

// writePicture writes a library picture as a <picture> with WebP and JPEG
// srcsets, lazy, since a body picture is below the fold. It writes nothing
// while the renditions are not made, or if any rendition's path is not a
// plain /media/ path (which keeps commas and spaces out of srcset).
func writePicture(b *strings.Builder, bl *Block) {
	p := bl.Picture
	if p == nil || len(p.JPEG) == 0 || p.Width < 1 || p.Height < 1 {
		return
	}
	for _, list := range [3][]PictureSize{p.JPEG, p.WebP, p.GIF} {
		for _, s := range list {
			if !mediaPath(s.URL) || s.Width < 1 {
				return
			}
		}
	}
	alt, caption, credit := bl.words()
	b.WriteString(`<figure class="image"><picture>`)
	img := p.JPEG
	if len(p.GIF) > 0 {
		// An animation moves only for readers who have not asked for less
		// motion; the others get the still copies.
		if len(p.WebP) > 0 {
			b.WriteString(`<source media="(prefers-reduced-motion: reduce)" type="image/webp" srcset="`)
			writeSrcset(b, p.WebP)
			b.WriteString(`" sizes="` + ColumnSizes + `">`)
		}
		b.WriteString(`<source media="(prefers-reduced-motion: reduce)" srcset="`)
		writeSrcset(b, p.JPEG)
		b.WriteString(`" sizes="` + ColumnSizes + `">`)
		img = p.GIF
	} else if len(p.WebP) > 0 {
		b.WriteString(`<source type="image/webp" srcset="`)
		writeSrcset(b, p.WebP)
		b.WriteString(`" sizes="` + ColumnSizes + `">`)
	}
	b.WriteString(`<img src="`)
	writeURL(b, img[len(img)-1].URL)
	b.WriteString(`" srcset="`)
	writeSrcset(b, img)
	b.WriteString(`" sizes="` + ColumnSizes + `" width="`)
	writeInt(b, p.Width)
	b.WriteString(`" height="`)
	writeInt(b, p.Height)
	b.WriteString(`" alt="`)
	escapeText(b, alt, false)
	b.WriteString(`" loading="lazy" decoding="async"></picture>`)
	writeFigcaption(b, caption, credit)
	b.WriteString("</figure>")
}

func writeSrcset(b *strings.Builder, sizes []PictureSize) {
	for i, s := range sizes {
		if i > 0 {
			b.WriteString(", ")
		}
		writeURL(b, s.URL)
		b.WriteByte(' ')
		writeInt(b, s.Width)
		b.WriteByte('w')
	}
}
