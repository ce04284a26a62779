package blocks

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestValidateGood(t *testing.T) {
	tests := []struct {
		name string
		doc  Document
	}{
		{"empty", nil},
		{"paragraph with marks", Document{P(T("Plain, "), B("bold"), I("italic"), L("a link", "https://example.com/x?a=1&b=2"))}},
		{"mailto link", Document{P(L("write to us", "mailto:desk@example.com?subject=Tip"))}},
		{"line breaks and tabs", Document{P(T("line one\nline two\tand a tab"))}},
		{"typography", Document{P(T("“It’s here” — he said…"))}},
		{"headings", Document{Heading(2, "Two"), Heading(3, "Three"), Heading(4, "Four")}},
		{"quotes", Document{Quote("Words.", ""), Quote("Words.", "A. Person"), PullQuote("Words.", ""), PullQuote("Words.", "Someone")}},
		{"lists", Document{List(false, []Inline{T("one")}), List(true, []Inline{T("a")}, []Inline{B("b"), T(" c")})}},
		{"media image", Document{ImageBlock("/media/2025/01/abc-800.jpg", 800, 600, "A harbour at dawn", "", "")}},
		{"library image", Document{AssetImage(3, "", "", "")}},
		{"library image with its own words", Document{AssetImage(3, "Boats at dawn", "The fleet", "Photo: A. Lens")}},
		{"https image", Document{ImageBlock("https://images.example.com/a.jpg", 20000, 1, "A wide strip", "Caption", "Credit")}},
		{"embed", Document{Embed("https://www.youtube.com/watch?v=abc", ""), Embed("http://example.com/post", "A post")}},
		{"factbox", Document{FactBox("Key facts", P(T("One.")), Heading(3, "More"), List(false, []Inline{T("x")}), Heading(4, "Less"))}},
		{"divider", Document{Divider()}},
		{"long text at the limit", Document{P(T(strings.Repeat("é", maxText)))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.doc.Validate(); err != nil {
				t.Errorf("Validate() = %v, want nil", err)
			}
		})
	}
}

func TestValidateBad(t *testing.T) {
	// Each bad block comes third, after two good ones, so every message must
	// name block 3.
	tests := []struct {
		name  string
		block Block
		field string
		want  string
	}{
		{"no type", Block{}, "type", "block 3: the block has no type"},
		{"unknown type", Block{Type: "video"}, "type", `block 3: "video" is not a block type; use paragraph, heading, quote, pullquote, list, image, embed, factbox or divider`},
		{"unexpected field", Block{Type: TypeParagraph, Content: []Inline{T("x")}, Src: "/media/a.jpg"}, "src", "block 3 (paragraph): a paragraph does not use the src field; leave it out"},
		{"divider with text", Block{Type: TypeDivider, Content: []Inline{T("x")}}, "content", "block 3 (divider): a divider does not use the content field; leave it out"},
		{"list with level", Block{Type: TypeList, Level: 2, Items: [][]Inline{{T("x")}}}, "level", "block 3 (list): a list does not use the level field; leave it out"},

		{"empty paragraph", P(), "content", "block 3 (paragraph): the paragraph is empty"},
		{"blank paragraph", P(T(" \n\t ")), "content", "block 3 (paragraph): the paragraph is empty"},
		{"empty run", P(T("a"), T("")), "content", "block 3 (paragraph): part 2 of the text is empty; remove it"},
		{"control character", P(T("a\x07b")), "content", "block 3 (paragraph): the text contains an invisible character (U+0007); only line breaks and tabs are allowed"},
		{"carriage return", P(T("a\r\nb")), "content", "block 3 (paragraph): the text contains an invisible character (U+000D); only line breaks and tabs are allowed"},
		{"C1 control", P(T("a\u0085b")), "content", "block 3 (paragraph): the text contains an invisible character (U+0085); only line breaks and tabs are allowed"},
		{"noncharacter", P(T("a\uFFFEb")), "content", "block 3 (paragraph): the text contains an invisible character (U+FFFE); only line breaks and tabs are allowed"},
		{"invalid UTF-8", P(T("a\xffb")), "content", "block 3 (paragraph): the text is not valid UTF-8"},
		{"too long", P(T(strings.Repeat("a", maxText+1))), "content", "block 3 (paragraph): the text is 20001 characters long; the limit is 20,000"},
		{"javascript link", P(L("x", "javascript:alert(1)")), "content", `block 3 (paragraph): the link on "x" goes to "javascript:alert(1)", which is not a full http, https or mailto address`},
		{"data link", P(L("x", "data:text/html,<script>")), "content", `block 3 (paragraph): the link on "x" goes to "data:text/html,<script>", which is not a full http, https or mailto address`},
		{"relative link", P(L("x", "/about")), "content", `block 3 (paragraph): the link on "x" goes to "/about", which is not a full http, https or mailto address`},
		{"protocol-relative link", P(L("x", "//evil.example")), "content", `block 3 (paragraph): the link on "x" goes to "//evil.example", which is not a full http, https or mailto address`},
		{"link without words", P(T("see"), L(" ", "https://example.com")), "content", `block 3 (paragraph): the link to "https://example.com" has no words to click`},

		{"heading level 1", Heading(1, "Title"), "level", "block 3 (heading): level must be 2, 3 or 4"},
		{"heading level 5", Heading(5, "Title"), "level", "block 3 (heading): level must be 2, 3 or 4"},
		{"heading no level", Block{Type: TypeHeading, Content: []Inline{T("x")}}, "level", "block 3 (heading): level must be 2, 3 or 4"},
		{"empty heading", Heading(2, ""), "content", "block 3 (heading): part 1 of the text is empty; remove it"},
		{"blank heading", Heading(2, "  "), "content", "block 3 (heading): the heading is empty"},

		{"empty quote", Quote(" ", "Someone"), "content", "block 3 (quote): the quote is empty"},
		{"bad attribution", Quote("Words", "A\x00B"), "attribution", "block 3 (quote): the attribution contains an invisible character (U+0000); only line breaks and tabs are allowed"},
		{"empty pull quote", Block{Type: TypePullQuote}, "content", "block 3 (pullquote): the quote is empty"},
		{"pull quote with src", Block{Type: TypePullQuote, Content: []Inline{T("x")}, Src: "/media/a.jpg"}, "src", "block 3 (pullquote): a pull quote does not use the src field; leave it out"},

		{"list without items", List(false), "items", "block 3 (list): the list has no items"},
		{"empty list item", List(true, []Inline{T("a")}, nil), "items", "block 3 (list): item 2: it is empty"},
		{"list item bad link", List(false, []Inline{L("x", "vbscript:msgbox")}), "items", `block 3 (list): item 1: the link on "x" goes to "vbscript:msgbox", which is not a full http, https or mailto address`},

		{"image without src", ImageBlock("", 1, 1, "alt", "", ""), "src", "block 3 (image): the image has no src: give the number of a picture in the media library (asset) or the address of one from elsewhere (src)"},
		{"image http src", ImageBlock("http://example.com/a.jpg", 1, 1, "alt", "", ""), "src", `block 3 (image): src "http://example.com/a.jpg" must be a path under /media/ or an https address`},
		{"image outside media", ImageBlock("/static/a.jpg", 1, 1, "alt", "", ""), "src", `block 3 (image): src "/static/a.jpg" must be a path under /media/ or an https address`},
		{"image dot dot", ImageBlock("/media/../etc/passwd", 1, 1, "alt", "", ""), "src", `block 3 (image): src "/media/../etc/passwd" must be a path under /media/ or an https address`},
		{"image escaped dots", ImageBlock("/media/%2e%2e/secret", 1, 1, "alt", "", ""), "src", `block 3 (image): src "/media/%2e%2e/secret" must be a path under /media/ or an https address`},
		{"image javascript src", ImageBlock("javascript:alert(1)", 1, 1, "alt", "", ""), "src", `block 3 (image): src "javascript:alert(1)" must be a path under /media/ or an https address`},
		{"library image and src", Block{Type: TypeImage, Asset: 3, Src: "/media/a.jpg"}, "src", "block 3 (image): an image from the media library takes its address from the library; leave src out"},
		{"library image with a size", Block{Type: TypeImage, Asset: 3, Width: 800}, "width", "block 3 (image): an image from the media library takes its size from the library; leave width out"},
		{"library image with a height", Block{Type: TypeImage, Asset: 3, Height: 600}, "height", "block 3 (image): an image from the media library takes its size from the library; leave height out"},
		{"negative asset", AssetImage(-1, "alt", "", ""), "asset", "block 3 (image): asset must be the number of a picture in the media library"},
		{"library image bad alt", AssetImage(3, "a\x00b", "", ""), "alt", "block 3 (image): the alt text contains an invisible character (U+0000); only line breaks and tabs are allowed"},
		{"paragraph with asset", Block{Type: TypeParagraph, Content: []Inline{T("x")}, Asset: 3}, "asset", "block 3 (paragraph): a paragraph does not use the asset field; leave it out"},
		{"image zero width", ImageBlock("/media/a.jpg", 0, 1, "alt", "", ""), "width", "block 3 (image): width must be between 1 and 20,000 pixels"},
		{"image huge height", ImageBlock("/media/a.jpg", 1, 20001, "alt", "", ""), "height", "block 3 (image): height must be between 1 and 20,000 pixels"},
		{"image without alt", ImageBlock("/media/a.jpg", 1, 1, " ", "Caption", ""), "alt", "block 3 (image): alt text is required: describe the image for readers who cannot see it"},
		{"image bad caption", ImageBlock("/media/a.jpg", 1, 1, "alt", "a\x1bb", ""), "caption", "block 3 (image): the caption contains an invisible character (U+001B); only line breaks and tabs are allowed"},

		{"embed without url", Embed("", "t"), "url", "block 3 (embed): the embed needs the url of the original post or video"},
		{"embed javascript", Embed("javascript:alert(1)", ""), "url", `block 3 (embed): url "javascript:alert(1)" must be a full http or https address`},
		{"embed mailto", Embed("mailto:a@example.com", ""), "url", `block 3 (embed): url "mailto:a@example.com" must be a full http or https address`},
		{"embed with src", Block{Type: TypeEmbed, URL: "https://example.com", Src: "/media/a.jpg"}, "src", "block 3 (embed): an embed does not use the src field; leave it out"},

		{"factbox without title", FactBox(" ", P(T("x"))), "title", "block 3 (factbox): the fact box needs a title"},
		{"empty factbox", FactBox("Facts"), "body", "block 3 (factbox): the fact box is empty"},
		{"nested factbox", FactBox("Facts", P(T("x")), FactBox("Inner", P(T("y")))), "body", "block 3 (factbox): block 2 in the box is a fact box; a fact box holds only paragraphs, lists and headings"},
		{"image in factbox", FactBox("Facts", ImageBlock("/media/a.jpg", 1, 1, "alt", "", "")), "body", "block 3 (factbox): block 1 in the box is an image; a fact box holds only paragraphs, lists and headings"},
		{"h2 in factbox", FactBox("Facts", Heading(2, "Sub")), "body", "block 3 (factbox): block 1 in the box (heading): level must be 3 or 4 inside a fact box, whose title is the level-2 heading"},
		{"bad paragraph in factbox", FactBox("Facts", P(T("ok")), P()), "body", "block 3 (factbox): block 2 in the box (paragraph): the paragraph is empty"},
		{"unknown type in factbox", FactBox("Facts", Block{Type: "x"}), "body", `block 3 (factbox): block 1 in the box: "x" is not a block type; use paragraph, heading, quote, pullquote, list, image, embed, factbox or divider`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Document{P(T("Intro.")), Divider(), tt.block, P(T("Outro."))}
			err := doc.Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want a *ValidationError", err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Validate() =\n%s\nwant\n%s", got, tt.want)
			}
			if ve.Block != 3 || ve.Field != tt.field {
				t.Errorf("Block, Field = %d, %q; want 3, %q", ve.Block, ve.Field, tt.field)
			}
		})
	}
}

func TestValidateBlockLimit(t *testing.T) {
	doc := make(Document, maxBlocks)
	for i := range doc {
		doc[i] = Divider()
	}
	if err := doc.Validate(); err != nil {
		t.Fatalf("%d blocks: %v, want nil", maxBlocks, err)
	}
	doc[maxBlocks-1] = FactBox("Facts", P(T("one more")))
	want := "block 2000 (factbox): a body can have at most 2,000 blocks, counting those in fact boxes"
	if err := doc.Validate(); err == nil || err.Error() != want {
		t.Errorf("with a fact box: %v, want %s", err, want)
	}
}

func TestValidateOutline(t *testing.T) {
	box := func(levels ...int) Block {
		b := FactBox("Facts", P(T("x")))
		for _, l := range levels {
			b.Body = append(b.Body, Heading(l, "h"))
		}
		return b
	}
	tests := []struct {
		name string
		doc  Document
		want string // "" for valid
	}{
		{"down one at a time", Document{Heading(2, "a"), Heading(3, "b"), Heading(4, "c"), Heading(2, "d"), Heading(3, "e")}, ""},
		{"up several at once", Document{Heading(2, "a"), Heading(3, "b"), Heading(4, "c"), Heading(2, "d")}, ""},
		{"first heading h3", Document{P(T("x")), Heading(3, "a")},
			"block 2 (heading): level 3 skips a level: the first heading of the body must be level 2"},
		{"h4 after h2", Document{Heading(2, "a"), P(T("x")), Heading(4, "b")},
			"block 3 (heading): level 4 skips a level: the heading before it is level 2, so this one can be at most level 3"},
		{"box headings", Document{box(3, 4, 3)}, ""},
		{"h4 first in a box", Document{Heading(2, "a"), Heading(3, "b"), box(4)},
			"block 3 (factbox): block 2 in the box (heading): level 4 skips a level: the heading before it is level 2, so this one can be at most level 3"},
		{"h4 after a box", Document{box(3), Heading(4, "c")}, ""},
		{"h4 after a box without headings", Document{Heading(2, "a"), Heading(3, "b"), box(), Heading(4, "c")},
			"block 4 (heading): level 4 skips a level: the heading before it is level 2, so this one can be at most level 3"},
	}
	for _, tt := range tests {
		err := tt.doc.Validate()
		if got := fmt.Sprint(err); tt.want == "" && err != nil || tt.want != "" && got != tt.want {
			t.Errorf("%s: Validate() = %v, want %q", tt.name, err, tt.want)
		}
	}
}
