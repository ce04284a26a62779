package blocks

import (
	"fmt"
	"strings"
)

const (
	// maxBlocks bounds a body, counting blocks inside fact boxes. The longest
	// long read has a few hundred; more means a paste went wrong, and a limit
	// keeps one request from costing unbounded validation and rendering time.
	maxBlocks = 2000
	// MaxBlocks is maxBlocks for those who must cut a body to fit (an
	// import of a very long post).
	MaxBlocks = maxBlocks
	// maxText bounds each run of text and each text field, in characters: a
	// run longer than a few pages is a paste gone wrong, never writing.
	maxText = 20000
	// maxPixels bounds an image's width and height; no camera or screen
	// comes near it, so a larger number is a typo.
	maxPixels = 20000
)

// ValidationError says what is wrong with a document: the first bad block,
// in a sentence an editor can act on.
type ValidationError struct {
	Block  int    // 1-based position of the block in the body
	Type   string // the block's type; empty if it has none or an unknown one
	Field  string // the JSON name of the field at fault, if it is one field
	Reason string // what is wrong, as a sentence without a leading capital
}

// Error reads like `block 3 (heading): level must be 2, 3 or 4`.
func (e *ValidationError) Error() string {
	if e.Type == "" {
		return fmt.Sprintf("block %d: %s", e.Block, e.Reason)
	}
	return fmt.Sprintf("block %d (%s): %s", e.Block, e.Type, e.Reason)
}

// Validate checks every block and returns a *ValidationError for the first
// bad one. An empty document is valid: a draft may have no body yet.
func (d Document) Validate() error {
	n := 0
	prev := 1 // the level of the heading before: at first, the headline's h1
	for i := range d {
		b := &d[i]
		n += 1 + len(b.Body)
		if n > maxBlocks {
			return &ValidationError{Block: i + 1, Type: knownType(b.Type),
				Reason: "a body can have at most 2,000 blocks, counting those in fact boxes"}
		}
		field, reason := b.check(false)
		if reason == "" {
			field, reason = b.checkOutline(&prev)
		}
		if reason != "" {
			return &ValidationError{Block: i + 1, Type: knownType(b.Type), Field: field, Reason: reason}
		}
	}
	return nil
}

// checkOutline checks that a heading, or a heading in a fact box, goes down
// at most one level from the heading before it, whose level is *prev. The
// HTML checker reports a skipped level (an h4 right after an h2) as an error,
// and a screen-reader user moving by headings would think a section missing.
func (b *Block) checkOutline(prev *int) (field, reason string) {
	switch b.Type {
	case TypeHeading:
		if b.Level > *prev+1 {
			if *prev == 1 {
				return "level", fmt.Sprintf("level %d skips a level: the first heading of the body must be level 2", b.Level)
			}
			return "level", fmt.Sprintf("level %d skips a level: the heading before it is level %d, so this one can be at most level %d", b.Level, *prev, *prev+1)
		}
		*prev = b.Level
	case TypeFactBox:
		*prev = 2 // the box's title
		for j := range b.Body {
			c := &b.Body[j]
			if c.Type != TypeHeading {
				continue
			}
			if c.Level > *prev+1 {
				return "body", fmt.Sprintf("block %d in the box (heading): level %d skips a level: the heading before it is level %d, so this one can be at most level %d", j+1, c.Level, *prev, *prev+1)
			}
			*prev = c.Level
		}
	}
	return "", ""
}

// check returns the field at fault and why, or an empty reason. inBox is set
// for the blocks of a fact box, whose title already takes the h2 level.
func (b *Block) check(inBox bool) (field, reason string) {
	name, ok := typeNames[b.Type]
	if b.Type == "" {
		return "type", "the block has no type"
	}
	if !ok {
		return "type", fmt.Sprintf("%q is not a block type; use paragraph, heading, quote, pullquote, list, image, embed, factbox or divider", shorten(b.Type))
	}
	if f := b.unexpected(); f != "" {
		return f, fmt.Sprintf("%s does not use the %s field; leave it out", name, f)
	}
	switch b.Type {
	case TypeParagraph:
		return "content", checkRuns(b.Content, "the paragraph is empty")
	case TypeHeading:
		if inBox && b.Level != 3 && b.Level != 4 {
			return "level", "level must be 3 or 4 inside a fact box, whose title is the level-2 heading"
		}
		if b.Level < 2 || b.Level > 4 {
			return "level", "level must be 2, 3 or 4"
		}
		return "content", checkRuns(b.Content, "the heading is empty")
	case TypeQuote, TypePullQuote:
		if r := checkRuns(b.Content, "the quote is empty"); r != "" {
			return "content", r
		}
		return "attribution", checkField("the attribution", b.Attribution)
	case TypeList:
		return "items", checkItems(b.Items)
	case TypeImage:
		return b.checkImage()
	case TypeEmbed:
		if b.URL == "" {
			return "url", "the embed needs the url of the original post or video"
		}
		if !SafeURL(b.URL) || !strings.HasPrefix(strings.ToLower(b.URL), "http") {
			return "url", fmt.Sprintf("url %q must be a full http or https address", shorten(b.URL))
		}
		return "title", checkField("the title", b.Title)
	case TypeFactBox:
		return b.checkFactBox()
	}
	return "", "" // divider: nothing to check
}

func (b *Block) checkImage() (field, reason string) {
	if b.Asset != 0 {
		return b.checkLibraryImage()
	}
	switch {
	case b.Src == "":
		return "src", "the image has no src: give the number of a picture in the media library (asset) or the address of one from elsewhere (src)"
	case !validSrc(b.Src):
		return "src", fmt.Sprintf("src %q must be a path under /media/ or an https address", shorten(b.Src))
	case b.Width < 1 || b.Width > maxPixels:
		return "width", "width must be between 1 and 20,000 pixels"
	case b.Height < 1 || b.Height > maxPixels:
		return "height", "height must be between 1 and 20,000 pixels"
	case strings.TrimSpace(b.Alt) == "":
		return "alt", "alt text is required: describe the image for readers who cannot see it"
	}
	return b.checkImageWords()
}

// checkLibraryImage checks an image from the media library. Its address and
// size come from the library, and so may its words: the store checks, when
// the article is saved, that the picture exists and that it has alt text
// before the article is published.
func (b *Block) checkLibraryImage() (field, reason string) {
	switch {
	case b.Asset < 0:
		return "asset", "asset must be the number of a picture in the media library"
	case b.Src != "":
		return "src", "an image from the media library takes its address from the library; leave src out"
	case b.Width != 0:
		return "width", "an image from the media library takes its size from the library; leave width out"
	case b.Height != 0:
		return "height", "an image from the media library takes its size from the library; leave height out"
	}
	return b.checkImageWords()
}

func (b *Block) checkImageWords() (field, reason string) {
	if r := checkField("the alt text", b.Alt); r != "" {
		return "alt", r
	}
	if r := checkField("the caption", b.Caption); r != "" {
		return "caption", r
	}
	return "credit", checkField("the credit", b.Credit)
}

func (b *Block) checkFactBox() (field, reason string) {
	if strings.TrimSpace(b.Title) == "" {
		return "title", "the fact box needs a title"
	}
	if r := checkField("the title", b.Title); r != "" {
		return "title", r
	}
	if len(b.Body) == 0 {
		return "body", "the fact box is empty"
	}
	for j := range b.Body {
		c := &b.Body[j]
		if t := knownType(c.Type); t != "" && t != TypeParagraph && t != TypeList && t != TypeHeading {
			return "body", fmt.Sprintf("block %d in the box is %s; a fact box holds only paragraphs, lists and headings", j+1, typeNames[t])
		}
		if _, r := c.check(true); r != "" {
			if c.Type == "" || knownType(c.Type) == "" {
				return "body", fmt.Sprintf("block %d in the box: %s", j+1, r)
			}
			return "body", fmt.Sprintf("block %d in the box (%s): %s", j+1, c.Type, r)
		}
	}
	return "", ""
}

func checkItems(items [][]Inline) string {
	if len(items) == 0 {
		return "the list has no items"
	}
	for j, item := range items {
		if r := checkRuns(item, "it is empty"); r != "" {
			return fmt.Sprintf("item %d: %s", j+1, r)
		}
	}
	return ""
}

// unexpected returns the JSON name of the first field that is set but means
// nothing for the block's type, or "".
func (b *Block) unexpected() string {
	set := [...]struct {
		name string
		on   bool
	}{
		{"level", b.Level != 0}, {"content", len(b.Content) > 0}, {"attribution", b.Attribution != ""},
		{"ordered", b.Ordered}, {"items", len(b.Items) > 0}, {"src", b.Src != ""},
		{"width", b.Width != 0}, {"height", b.Height != 0}, {"alt", b.Alt != ""},
		{"caption", b.Caption != ""}, {"credit", b.Credit != ""}, {"url", b.URL != ""},
		{"title", b.Title != ""}, {"body", len(b.Body) > 0}, {"asset", b.Asset != 0},
	}
	allowed := typeFields[b.Type]
	for _, f := range set {
		if f.on && !strings.Contains(allowed, " "+f.name+" ") {
			return f.name
		}
	}
	return ""
}

// typeFields lists, space-delimited, the fields each type may set.
var typeFields = map[string]string{
	TypeParagraph: " content ",
	TypeHeading:   " level content ",
	TypeQuote:     " content attribution ",
	TypePullQuote: " content attribution ",
	TypeList:      " ordered items ",
	TypeImage:     " src asset width height alt caption credit ",
	TypeEmbed:     " url title ",
	TypeFactBox:   " title body ",
	TypeDivider:   " ",
}

// typeNames are the types as an editor's sentence names them.
var typeNames = map[string]string{
	TypeParagraph: "a paragraph",
	TypeHeading:   "a heading",
	TypeQuote:     "a quote",
	TypePullQuote: "a pull quote",
	TypeList:      "a list",
	TypeImage:     "an image",
	TypeEmbed:     "an embed",
	TypeFactBox:   "a fact box",
	TypeDivider:   "a divider",
}

// knownType returns t if it is a block type, else "", so that an error
// message never repeats arbitrary input as if it were a type.
func knownType(t string) string {
	if _, ok := typeNames[t]; ok {
		return t
	}
	return ""
}
