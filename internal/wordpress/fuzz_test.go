package wordpress

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// FuzzConvert feeds the converter any content: it must not panic, what it
// makes must be a valid block document (or one the importer's repair
// makes valid), and the HTML that document renders to must carry no
// script, frame, style, event handler or javascript: address, whatever
// the input was.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"Plain text\nwith a break\n\nand a paragraph",
		`<p onclick="x" style="color:red">Hi<script>alert(1)</script> <a href="javascript:alert(2)">there</a></p>`,
		`[caption id="attachment_70"]<img src="/wp-content/uploads/a-300x200.jpg" alt="A"> Cap[/caption][gallery ids="1,70"]`,
		`<!-- wp:embed {"url":"https://youtu.be/x"} --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper">https://youtu.be/x</div></figure>`,
		"<table><tr><td>a</td><td>b</td></tr></table><h5>deep</h5><ul><li>x<ol><li>y</li></ol></li></ul>",
		`<svg onload=alert(1)><iframe src="javascript:alert(1)"></iframe><a href="jAvAsCrIpT:x">y</a><img src=x onerror=alert(1)>`,
		"[embed]http://\x00bad[/embed][video src=\"https://v.example/a.mp4\"][audio]https://a.example/b.mp3[/audio]",
	} {
		f.Add(s)
	}
	if b, err := os.ReadFile("testdata/site.xml"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, content string) {
		c := Converter{Pictures: fakePictures{}, Base: mustURL("http://old.example.com/")}
		out := c.Convert(content)
		if err := out.Doc.Validate(); err != nil && !strings.Contains(err.Error(), "2,000 blocks") {
			t.Fatalf("invalid document: %v", err)
		}
		page := string(out.Doc.HTML())
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		var check func(*html.Node)
		check = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "script", "style", "iframe", "object", "embed", "svg", "math", "form":
					t.Fatalf("<%s> in the rendered body: %s", n.Data, page)
				}
				for _, a := range n.Attr {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if strings.HasPrefix(a.Key, "on") || a.Key == "style" ||
						(a.Key == "href" || a.Key == "src") && !(strings.HasPrefix(v, "http") || strings.HasPrefix(v, "mailto:") || strings.HasPrefix(v, "/")) {
						t.Fatalf("attribute %s=%q in the rendered body: %s", a.Key, a.Val, page)
					}
				}
			}
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				check(ch)
			}
		}
		check(doc)
	})
}

// FuzzRead feeds the WXR reader any file: it must not panic, and it either
// reads it or refuses it with a FormatError (what a person is shown, with
// the line and column where there is one); every part it hands on is
// valid UTF-8 text, as the converter and the store expect.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"site.xml", "latin1.xml", "bomb.xml", "doctype.xml", "malformed.xml", "noversion.xml", "truncated.xml", "version.xml"} {
		if b, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rss></rss>`))
	f.Add([]byte(`<rss><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>&amp;&lt;</title></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, file []byte) {
		err := Read(bytes.NewReader(file), Handler{
			Site:   func(Site) error { return nil },
			Author: func(Author) error { return nil },
			Term:   func(Term) error { return nil },
			Item: func(it *Item) error {
				for _, s := range []string{it.Title, it.Content} {
					if !utf8.ValidString(s) {
						t.Fatalf("an item with text that is not UTF-8: %q", s)
					}
				}
				return nil
			},
		})
		var fe *FormatError
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("refused without a FormatError: %T %v", err, err)
		}
	})
}
