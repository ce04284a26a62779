package blocks

import (
	"strconv"
	"strings"
	"unicode"
)

// Text returns the document as plain text for search, feeds and word counts:
// paragraphs, headings, quotes with their attribution, list items ("- item"
// or "1. item"), image captions and fact boxes, separated by blank lines.
// Pull quotes, embeds, credits and dividers are left out: a pull quote
// repeats words already in the body and would count them twice, and the
// others are not the article's words.
func (d Document) Text() string { return d.text(true) }

// WordCount returns the number of words in Text, not counting list markers.
// A word is a run of non-space characters holding a letter or digit, so a
// dash standing alone is not one.
func (d Document) WordCount() int {
	n := 0
	counted := false // the current word has been counted
	for _, r := range d.text(false) {
		if unicode.IsSpace(r) {
			counted = false
			continue
		}
		if !counted && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			n++
			counted = true
		}
	}
	return n
}

// Images returns the image blocks, in order, for the media library to know
// where each picture is used.
func (d Document) Images() []Block {
	var out []Block
	for _, b := range d {
		if b.Type == TypeImage {
			out = append(out, b)
		}
	}
	return out
}

// text writes the document as plain text; markers adds the list bullets and
// numbers and the dash before an attribution, which are not the writer's words.
func (d Document) text(markers bool) string {
	var b strings.Builder
	for i := range d {
		writeText(&b, &d[i], markers)
	}
	return b.String()
}

func writeText(b *strings.Builder, bl *Block, markers bool) {
	switch bl.Type {
	case TypeParagraph, TypeHeading:
		separate(b)
		writePlain(b, bl.Content)
	case TypeQuote:
		separate(b)
		writePlain(b, bl.Content)
		if a := strings.TrimSpace(bl.Attribution); a != "" {
			b.WriteByte('\n')
			if markers {
				b.WriteString("— ")
			}
			b.WriteString(a)
		}
	case TypeList:
		separate(b)
		for j, item := range bl.Items {
			if j > 0 {
				b.WriteByte('\n')
			}
			if markers && bl.Ordered {
				b.WriteString(strconv.Itoa(j + 1))
				b.WriteString(". ")
			} else if markers {
				b.WriteString("- ")
			}
			writePlain(b, item)
		}
	case TypeImage:
		if c := strings.TrimSpace(bl.Caption); c != "" {
			separate(b)
			b.WriteString(c)
		}
	case TypeFactBox:
		separate(b)
		b.WriteString(strings.TrimSpace(bl.Title))
		for i := range bl.Body {
			writeText(b, &bl.Body[i], markers)
		}
	}
}

// separate starts a new block of text with a blank line after the last one.
func separate(b *strings.Builder) {
	if b.Len() > 0 {
		b.WriteString("\n\n")
	}
}

func writePlain(b *strings.Builder, runs []Inline) {
	for _, r := range runs {
		b.WriteString(r.Text)
	}
}
