package blocks

import (
	"math/rand/v2"
	"strings"
)

// The generator below builds random documents from pieces chosen to be
// awkward: markup, entities, quotes, typography, combining marks, invisible
// and right-to-left characters, and URL characters that must be escaped.
var (
	textPieces = []string{"a", "Z", "0", " ", "\n", "\t", "<", ">", "&", `"`, "'", "’", "“", "—", "…",
		"e\u0301", "\u00a0", "\u2028", "\u200b", "\u202e", "\ufffd", "\U0001F600", "&amp;", "<!--",
		"</p>", "<script>", "]]>", "=", "`", `\`, "%", "#"}
	urlStarts = []string{"https://example.com", "http://a.b.example:81", "https://münchen.de",
		"mailto:x@example.com", "https://192.0.2.1", "https://xn--mnchen-3ya.de"}
	urlPieces = []string{"/", "/a", "?", "&", "=", "#", "%20", "%", "|", "[", "]", "{", "}", "^", "`",
		`"`, "<", ">", "'", "(", ")", "*", "!", "$", ",", ";", ":", "@", "~", "ä", "+", ".", "-", "_"}
)

func pick(r *rand.Rand, pieces []string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func randomRuns(r *rand.Rand) []Inline {
	runs := make([]Inline, 1+r.IntN(4))
	for i := range runs {
		runs[i] = Inline{Text: "w" + pick(r, textPieces, r.IntN(10)), Bold: r.IntN(2) == 0, Italic: r.IntN(3) == 0}
		if r.IntN(3) == 0 {
			runs[i].Link = randomURL(r, urlStarts)
		}
	}
	return runs
}

// randomURL returns a random URL that passes SafeURL.
func randomURL(r *rand.Rand, starts []string) string {
	for {
		if u := starts[r.IntN(len(starts))] + pick(r, urlPieces, r.IntN(10)); SafeURL(u) {
			return u
		}
	}
}

// randomDocument returns a random document; most, but not all, are valid.
func randomDocument(r *rand.Rand) Document {
	var d Document
	for range 1 + r.IntN(12) {
		var b Block
		switch r.IntN(9) {
		case 0:
			b = Block{Type: TypeParagraph, Content: randomRuns(r)}
		case 1:
			b = Block{Type: TypeHeading, Level: 2 + r.IntN(3), Content: randomRuns(r)}
		case 2:
			b = Block{Type: TypeQuote, Content: randomRuns(r), Attribution: pick(r, textPieces, r.IntN(3))}
		case 3:
			b = Block{Type: TypePullQuote, Content: randomRuns(r), Attribution: pick(r, textPieces, r.IntN(3))}
		case 4:
			b = List(r.IntN(2) == 0, randomRuns(r), randomRuns(r))
		case 5:
			src := "/media/a-" + pick(r, []string{"b", "1", "_", "%C3%A9", "/"}, 3) + ".jpg"
			if r.IntN(2) == 0 {
				src = randomURL(r, []string{"https://img.example.com/x"})
			}
			b = ImageBlock(src, 1+r.IntN(maxPixels), 1+r.IntN(maxPixels), "w"+pick(r, textPieces, 4), pick(r, textPieces, r.IntN(3)), pick(r, textPieces, r.IntN(3)))
			if r.IntN(3) == 0 {
				b = AssetImage(1+r.Int64N(1<<40), pick(r, textPieces, r.IntN(3)), pick(r, textPieces, r.IntN(3)), pick(r, textPieces, r.IntN(3)))
			}
		case 6:
			b = Embed(randomURL(r, []string{"https://youtu.be/", "https://x.com/", "http://example.org"}), pick(r, textPieces, r.IntN(3)))
		case 7:
			b = FactBox("w"+pick(r, textPieces, 3), Block{Type: TypeParagraph, Content: randomRuns(r)},
				Block{Type: TypeHeading, Level: 3, Content: randomRuns(r)}, List(false, randomRuns(r)))
		case 8:
			b = Divider()
		}
		d = append(d, b)
	}
	return d
}
