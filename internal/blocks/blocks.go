// Package blocks is the article body: a JSON list of typed blocks holding runs
// of marked-up text. It parses and validates the list and renders it to HTML
// and to plain text. Nothing a user typed reaches a page unescaped: every
// string is escaped on output and every URL is checked on input.
package blocks

import "encoding/json"

// The block types, as spelled in the JSON "type" field.
const (
	TypeParagraph = "paragraph"
	TypeHeading   = "heading"
	TypeQuote     = "quote"
	TypePullQuote = "pullquote"
	TypeList      = "list"
	TypeImage     = "image"
	TypeEmbed     = "embed"
	TypeFactBox   = "factbox"
	TypeDivider   = "divider"
)

// Document is an article body: blocks in reading order. It marshals as a
// JSON array, never as null.
type Document []Block

// Block is one unit of the body. Which fields it uses depends on Type; the
// others must be empty, and Validate names any that are not.
type Block struct {
	Type        string     `json:"type"`
	Level       int        `json:"level,omitempty"`       // heading: 2, 3 or 4
	Content     []Inline   `json:"content,omitempty"`     // paragraph, heading, quote, pullquote
	Attribution string     `json:"attribution,omitempty"` // quote, pullquote: who said it
	Ordered     bool       `json:"ordered,omitempty"`     // list: numbered rather than bulleted
	Items       [][]Inline `json:"items,omitempty"`       // list
	Src         string     `json:"src,omitempty"`         // image from elsewhere: /media/… or https://…
	Asset       int64      `json:"asset,omitempty"`       // image: the media library's picture number, instead of src
	Width       int        `json:"width,omitempty"`       // image, in pixels
	Height      int        `json:"height,omitempty"`      // image, in pixels
	Alt         string     `json:"alt,omitempty"`         // image: required, or from the library for an asset
	Caption     string     `json:"caption,omitempty"`     // image
	Credit      string     `json:"credit,omitempty"`      // image
	URL         string     `json:"url,omitempty"`         // embed: the original post or video
	Title       string     `json:"title,omitempty"`       // embed (optional), factbox (required)
	Body        []Block    `json:"body,omitempty"`        // factbox: paragraphs, lists and headings
	// Picture is what the store found in the media library for Asset when
	// it read the block: never stored or sent, since the library changes
	// under the article. Nil until then, and the block shows nothing.
	Picture *Picture `json:"-"`
}

// Inline is one run of text with marks.
type Inline struct {
	Text   string `json:"text"`
	Bold   bool   `json:"bold,omitempty"`
	Italic bool   `json:"italic,omitempty"`
	Link   string `json:"link,omitempty"` // href; http, https or mailto only
}

// MarshalJSON writes the document as a JSON array, [] when it is empty, so
// a stored body is always a list that Parse accepts.
func (d Document) MarshalJSON() ([]byte, error) {
	if d == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]Block(d))
}

// P returns a paragraph made of the given runs.
func P(runs ...Inline) Block { return Block{Type: TypeParagraph, Content: runs} }

// T returns a run of plain text.
func T(text string) Inline { return Inline{Text: text} }

// B returns a run of bold text.
func B(text string) Inline { return Inline{Text: text, Bold: true} }

// I returns a run of italic text.
func I(text string) Inline { return Inline{Text: text, Italic: true} }

// L returns a run of text linking to href.
func L(text, href string) Inline { return Inline{Text: text, Link: href} }

// Heading returns a heading of the given level (2 to 4) with plain text.
func Heading(level int, text string) Block {
	return Block{Type: TypeHeading, Level: level, Content: []Inline{T(text)}}
}

// Quote returns a block quotation; attribution may be empty.
func Quote(text, attribution string) Block {
	return Block{Type: TypeQuote, Content: []Inline{T(text)}, Attribution: attribution}
}

// PullQuote returns a highlighted excerpt; attribution may be empty.
func PullQuote(text, attribution string) Block {
	return Block{Type: TypePullQuote, Content: []Inline{T(text)}, Attribution: attribution}
}

// List returns a bulleted or, if ordered, numbered list.
func List(ordered bool, items ...[]Inline) Block {
	return Block{Type: TypeList, Ordered: ordered, Items: items}
}

// ImageBlock returns an image with its size in pixels and its words.
func ImageBlock(src string, w, h int, alt, caption, credit string) Block {
	return Block{Type: TypeImage, Src: src, Width: w, Height: h, Alt: alt, Caption: caption, Credit: credit}
}

// AssetImage returns an image showing the media library's picture asset;
// words left empty are the library's.
func AssetImage(asset int64, alt, caption, credit string) Block {
	return Block{Type: TypeImage, Asset: asset, Alt: alt, Caption: caption, Credit: credit}
}

// Embed returns a reference to a third-party post or video; title may be empty.
func Embed(url, title string) Block { return Block{Type: TypeEmbed, URL: url, Title: title} }

// FactBox returns a titled box of paragraphs, lists and headings.
func FactBox(title string, body ...Block) Block {
	return Block{Type: TypeFactBox, Title: title, Body: body}
}

// Divider returns a thematic break.
func Divider() Block { return Block{Type: TypeDivider} }
