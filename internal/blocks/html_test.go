package blocks

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestHTMLBlocks(t *testing.T) {
	tests := []struct {
		name  string
		block Block
		want  string
	}{
		{"paragraph", P(T("Plain "), B("bold"), T(" "), I("italic"), T(" "), Inline{Text: "both", Bold: true, Italic: true}),
			"<p>Plain <strong>bold</strong> <em>italic</em> <strong><em>both</em></strong></p>"},
		{"line break", P(T("one\ntwo")), "<p>one<br>two</p>"},
		{"link", P(T("See "), L("the report", "https://example.com/report")),
			`<p>See <a href="https://example.com/report" rel="noopener">the report</a></p>`},
		{"bold link", P(Inline{Text: "x", Bold: true, Link: "mailto:desk@example.com"}),
			`<p><a href="mailto:desk@example.com" rel="noopener"><strong>x</strong></a></p>`},
		{"h2", Heading(2, "Two"), "<h2>Two</h2>"},
		{"quote", Quote("We will.", ""), "<blockquote><p>We will.</p></blockquote>"},
		{"attributed quote", Quote("We will.", "The minister"),
			`<figure class="quote"><blockquote><p>We will.</p></blockquote><figcaption>The minister</figcaption></figure>`},
		{"pull quote", PullQuote("A line worth repeating.", ""), `<aside class="pullquote"><p>A line worth repeating.</p></aside>`},
		{"attributed pull quote", PullQuote("A line.", "Her"), `<aside class="pullquote"><p>A line.</p><footer>Her</footer></aside>`},
		{"bulleted list", List(false, []Inline{T("one")}, []Inline{B("two")}), "<ul><li>one</li><li><strong>two</strong></li></ul>"},
		{"numbered list", List(true, []Inline{T("first")}), "<ol><li>first</li></ol>"},
		{"image", ImageBlock("/media/a.jpg", 800, 600, "A harbour", "", ""),
			`<figure class="image"><img src="/media/a.jpg" alt="A harbour" width="800" height="600" loading="lazy" decoding="async"></figure>`},
		{"image with caption and credit", ImageBlock("https://img.example.com/a.jpg", 1200, 800, "A harbour", "Dawn in the port.", "Photo: A. Lens"),
			`<figure class="image"><img src="https://img.example.com/a.jpg" alt="A harbour" width="1200" height="800" loading="lazy" decoding="async"><figcaption>Dawn in the port. <small class="credit">Photo: A. Lens</small></figcaption></figure>`},
		{"image with credit only", ImageBlock("/media/a.jpg", 1, 1, "x", "", "Agency"),
			`<figure class="image"><img src="/media/a.jpg" alt="x" width="1" height="1" loading="lazy" decoding="async"><figcaption><small class="credit">Agency</small></figcaption></figure>`},
		{"embed", Embed("https://www.youtube.com/watch?v=abc", ""),
			`<figure class="embed" data-frame="https://www.youtube-nocookie.com/embed/abc" data-shape="video" data-provider="YouTube"><p class="embed-link"><a href="https://www.youtube.com/watch?v=abc" rel="noopener">View on YouTube</a></p></figure>`},
		{"embed with title", Embed("https://datawrapper.dwcdn.net/AbC12/1/", "The chart"),
			`<figure class="embed" data-frame="https://datawrapper.dwcdn.net/AbC12/1/" data-shape="frame" data-provider="datawrapper.dwcdn.net"><p class="embed-link"><a href="https://datawrapper.dwcdn.net/AbC12/1/" rel="noopener">View on datawrapper.dwcdn.net</a></p><figcaption>The chart</figcaption></figure>`},
		{"embed from an origin the policy does not frame: a link only", Embed("https://social.example.org/@a/1", "The post"),
			`<figure class="embed"><p class="embed-link"><a href="https://social.example.org/@a/1" rel="noopener">View on social.example.org</a></p><figcaption>The post</figcaption></figure>`},
		{"plain http embed: a link only", Embed("http://example.com/post", ""),
			`<figure class="embed"><p class="embed-link"><a href="http://example.com/post" rel="noopener">View on example.com</a></p></figure>`},
		{"factbox", FactBox("Key facts", P(T("One.")), Heading(3, "Sub"), List(false, []Inline{T("x")})),
			`<aside class="factbox"><h2>Key facts</h2><p>One.</p><h3>Sub</h3><ul><li>x</li></ul></aside>`},
		{"divider", Divider(), "<hr>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Document{tt.block}
			if err := doc.Validate(); err != nil {
				t.Fatalf("test block is invalid: %v", err)
			}
			if got := string(doc.HTML()); got != tt.want {
				t.Errorf("HTML() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestHTMLHeadings(t *testing.T) {
	doc := Document{Heading(2, "Two"), Heading(3, "Three"), Heading(4, "Four"), Heading(2, "Two again")}
	if err := doc.Validate(); err != nil {
		t.Fatal(err)
	}
	want := "<h2>Two</h2><h3>Three</h3><h4>Four</h4><h2>Two again</h2>"
	if got := string(doc.HTML()); got != want {
		t.Errorf("HTML() = %s, want %s", got, want)
	}
}

func TestHTMLEscapes(t *testing.T) {
	tests := []struct {
		name  string
		block Block
		want  string // a fragment that must appear
	}{
		{"script in text", P(T(`<script>alert("x")</script>`)), "<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</p>"},
		{"ampersand and quotes", P(T(`Tom & Jerry's "show"`)), "<p>Tom &amp; Jerry&#39;s &#34;show&#34;</p>"},
		{"entity-looking text", P(T("&amp; &lt;")), "<p>&amp;amp; &amp;lt;</p>"},
		{"alt", ImageBlock("/media/a.jpg", 1, 1, `"><script>x</script>`, "", ""), `alt="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"`},
		{"caption", ImageBlock("/media/a.jpg", 1, 1, "a", "<b>&</b>", "<i>"), `<figcaption>&lt;b&gt;&amp;&lt;/b&gt; <small class="credit">&lt;i&gt;</small></figcaption>`},
		{"quote in href", P(L("x", `https://example.com/?q="><script>`)), `href="https://example.com/?q=%22%3E%3Cscript%3E"`},
		{"ampersand and apostrophe in href", P(L("x", "https://example.com/?a=1&b='2'")), `href="https://example.com/?a=1&amp;b=&#39;2&#39;"`},
		{"brackets in href", P(L("x", "https://example.com/?a[]=1|2#f#g")), `href="https://example.com/?a%5B%5D=1%7C2#f%23g"`},
		{"lone percent in href", P(L("x", "https://example.com/?p=100%")), `href="https://example.com/?p=100%25"`},
		{"attribution", Quote("q", "<em>Me</em>"), "<figcaption>&lt;em&gt;Me&lt;/em&gt;</figcaption>"},
		{"factbox title", FactBox("<h1>", P(T("x"))), "<h2>&lt;h1&gt;</h2>"},
		{"embed title", Embed("https://example.com/x", "<iframe>"), "<figcaption>&lt;iframe&gt;</figcaption>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Document{tt.block}
			if err := doc.Validate(); err != nil {
				t.Fatalf("test block is invalid: %v", err)
			}
			if got := string(doc.HTML()); !strings.Contains(got, tt.want) {
				t.Errorf("HTML() =\n%s\nwant it to contain\n%s", got, tt.want)
			}
		})
	}
}

func TestHTMLTypography(t *testing.T) {
	text := "“It’s ‘fine’,” she said — twice… «Ça va» 10–12 °C ½ 👍"
	doc := Document{P(T(text)), Heading(2, text), Quote(text, text), ImageBlock("/media/a.jpg", 1, 1, text, text, text)}
	got := string(doc.HTML())
	// Text, heading, quote, attribution, alt, caption and credit.
	if n := strings.Count(got, text); n != 7 {
		t.Errorf("typography appears %d times unchanged, want 7:\n%s", n, got)
	}
	if strings.Contains(got, "&") {
		t.Errorf("typography was entity-encoded:\n%s", got)
	}
	if doc.Text() == "" || !strings.Contains(doc.Text(), text) {
		t.Errorf("Text() lost the typography: %q", doc.Text())
	}
}

// HTML must stay safe for a document that never went through Validate,
// such as one decoded without Parse.
func TestHTMLUnvalidated(t *testing.T) {
	doc := Document{
		P(L("click", "javascript:alert(1)"), L("data", "data:text/html,x")),
		ImageBlock("javascript:alert(1)", 1, 1, "x", "", ""),
		ImageBlock("/media/a.jpg", 0, 0, "x", "", ""),
		Embed("javascript:alert(1)", ""),
		Embed("mailto:a@example.com", ""),
		{Type: "script", Content: []Inline{T("<script>")}},
		Heading(1, "one"), Heading(9, "nine"),
		FactBox("F", Heading(2, "two"), FactBox("inner", P(T("y"))), Divider(), ImageBlock("/media/a.jpg", 1, 1, "x", "", "")),
	}
	want := "<p>clickdata</p><h2>one</h2><h4>nine</h4>" + `<aside class="factbox"><h2>F</h2><h3>two</h3></aside>`
	if got := string(doc.HTML()); got != want {
		t.Errorf("HTML() =\n%s\nwant\n%s", got, want)
	}
}

// benchDoc is a 1,000-word article of the usual shape.
func benchDoc() Document {
	para := P(T("The council voted on Tuesday to “pause” the harbour plan — for now — after "),
		L("a report", "https://example.com/reports/2025/harbour?page=2&view=full"),
		T(" found costs had doubled. "), B("Residents"), T(" said they were relieved; the mayor’s office did not reply."))
	doc := Document{}
	for i := 0; len(strings.Fields(doc.Text())) < 1000; i++ {
		switch i % 8 {
		case 3:
			doc = append(doc, Heading(2, "What happens next"))
		case 5:
			doc = append(doc, ImageBlock("/media/2025/01/harbour-1200.jpg", 1200, 800, "The harbour at dawn", "The harbour, where the plan would have built a quay.", "Photo: A. Lens"))
		case 7:
			doc = append(doc, Quote("We’ll look again in spring.", "A councillor"))
		default:
			doc = append(doc, para)
		}
	}
	return doc
}

func BenchmarkHTML(b *testing.B) {
	doc := benchDoc()
	if err := doc.Validate(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = doc.HTML()
	}
}

// testPicture is a library picture as the store fills it in.
func testPicture() *Picture {
	return &Picture{
		JPEG:  []PictureSize{{"/media/r/ab-320.jpg", 320}, {"/media/r/ab-960.jpg", 960}},
		WebP:  []PictureSize{{"/media/r/ab-320.webp", 320}, {"/media/r/ab-960.webp", 960}},
		Width: 960, Height: 540,
		Alt: "Boats in the harbour", Caption: "The fleet at dawn.", Credit: "Photo: Library",
	}
}

func TestHTMLLibraryPicture(t *testing.T) {
	const picture = `<figure class="image"><picture>` +
		`<source type="image/webp" srcset="/media/r/ab-320.webp 320w, /media/r/ab-960.webp 960w" sizes="(min-width: 48em) 46rem, 100vw">` +
		`<img src="/media/r/ab-960.jpg" srcset="/media/r/ab-320.jpg 320w, /media/r/ab-960.jpg 960w" sizes="(min-width: 48em) 46rem, 100vw" width="960" height="540"`
	tests := []struct {
		name  string
		block Block
		pic   *Picture
		want  string
	}{
		{"the library's words", AssetImage(4, "", "", ""), testPicture(),
			picture + ` alt="Boats in the harbour" loading="lazy" decoding="async"></picture><figcaption>The fleet at dawn. <small class="credit">Photo: Library</small></figcaption></figure>`},
		{"the block's own words first", AssetImage(4, "Two boats", "Leaving port.", " "), testPicture(),
			picture + ` alt="Two boats" loading="lazy" decoding="async"></picture><figcaption>Leaving port. <small class="credit">Photo: Library</small></figcaption></figure>`},
		{"no words anywhere", AssetImage(4, "", "", ""), &Picture{JPEG: testPicture().JPEG, Width: 960, Height: 540},
			`<figure class="image"><picture><img src="/media/r/ab-960.jpg" srcset="/media/r/ab-320.jpg 320w, /media/r/ab-960.jpg 960w" sizes="(min-width: 48em) 46rem, 100vw" width="960" height="540" alt="" loading="lazy" decoding="async"></picture></figure>`},
		{"an animation, still for readers who ask for less motion", AssetImage(4, "", "", ""),
			&Picture{JPEG: testPicture().JPEG, WebP: testPicture().WebP, GIF: []PictureSize{{"/media/r/cd-320.gif", 320}, {"/media/r/cd-640.gif", 640}}, Width: 960, Height: 540, Alt: "Cranes turning"},
			`<figure class="image"><picture>` +
				`<source media="(prefers-reduced-motion: reduce)" type="image/webp" srcset="/media/r/ab-320.webp 320w, /media/r/ab-960.webp 960w" sizes="(min-width: 48em) 46rem, 100vw">` +
				`<source media="(prefers-reduced-motion: reduce)" srcset="/media/r/ab-320.jpg 320w, /media/r/ab-960.jpg 960w" sizes="(min-width: 48em) 46rem, 100vw">` +
				`<img src="/media/r/cd-640.gif" srcset="/media/r/cd-320.gif 320w, /media/r/cd-640.gif 640w" sizes="(min-width: 48em) 46rem, 100vw" width="960" height="540" alt="Cranes turning" loading="lazy" decoding="async"></picture></figure>`},
		{"an animated copy outside /media/", AssetImage(4, "x", "", ""),
			&Picture{JPEG: testPicture().JPEG, GIF: []PictureSize{{"https://evil.example/a.gif", 2}}, Width: 2, Height: 1}, ""},
		{"renditions not made yet", AssetImage(4, "Two boats", "", ""), nil, ""},
		{"no JPEG", AssetImage(4, "Two boats", "", ""), &Picture{WebP: testPicture().WebP, Width: 960, Height: 540}, ""},
		{"a rendition outside /media/", AssetImage(4, "x", "", ""),
			&Picture{JPEG: []PictureSize{{"/media/r/a.jpg", 1}, {"https://evil.example/a.jpg", 2}}, Width: 2, Height: 1}, ""},
		{"a comma in a rendition path", AssetImage(4, "x", "", ""),
			&Picture{JPEG: []PictureSize{{"/media/r/a.jpg, /x 9w", 1}}, Width: 1, Height: 1}, ""},
		{"hostile library words", AssetImage(4, "", "", ""),
			&Picture{JPEG: []PictureSize{{"/media/r/a.jpg", 1}}, Width: 1, Height: 1, Alt: `"><script>`, Caption: "<b>&", Credit: "'"},
			`<figure class="image"><picture><img src="/media/r/a.jpg" srcset="/media/r/a.jpg 1w" sizes="(min-width: 48em) 46rem, 100vw" width="1" height="1" alt="&#34;&gt;&lt;script&gt;" loading="lazy" decoding="async"></picture><figcaption>&lt;b&gt;&amp; <small class="credit">&#39;</small></figcaption></figure>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Document{tt.block}
			if err := doc.Validate(); err != nil {
				t.Fatalf("test block is invalid: %v", err)
			}
			doc[0].Picture = tt.pic
			got := string(doc.HTML())
			if got != tt.want {
				t.Errorf("HTML() =\n%s\nwant\n%s", got, tt.want)
			}
			if err := checkMarkup(got); err != nil {
				t.Errorf("checkMarkup: %v", err)
			}
		})
	}
}

// A library picture's renditions are the library's, not the document's:
// they are never written to JSON, so a body read, resolved and saved again
// stores only the asset number and its own words.
func TestLibraryPictureNotStored(t *testing.T) {
	doc := Document{AssetImage(4, "", "Own caption", "")}
	doc[0].Picture = testPicture()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"type":"image","asset":4,"caption":"Own caption"}]`; string(data) != want {
		t.Errorf("Marshal = %s, want %s", data, want)
	}
}
