package blocks

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Decode reads a stored body, which the store wrote with encoding/json and
// Parse or the store checked before: the result is what json.Unmarshal
// gives, without its reflection, which cost a sixth of an uncached article
// page. The stored form (compact, field names as Block and Inline spell
// them, each field once) is read directly; anything else (other spellings,
// null, numbers with fractions, repeated fields, invalid input) is handed to
// json.Unmarshal, so the two never disagree (FuzzDecode holds them to it).
// Strings without escapes share data's memory.
func Decode(data string) (Document, error) {
	if d, ok := decodeStored(data); ok {
		return d, nil
	}
	var d Document
	err := json.Unmarshal([]byte(data), &d)
	return d, err
}

// decodeStored decodes data as Decode does, or reports false when the fast
// reader does not take it.
func decodeStored(data string) (d Document, ok bool) {
	if !utf8.ValidString(data) {
		return nil, false
	}
	r := reader{s: data}
	d, ok = r.blocks(0, strings.Count(data, `{"type":`))
	if !ok {
		return nil, false
	}
	r.space()
	return d, r.i == len(r.s)
}

// reader walks a stored body; every method reports false for anything it
// does not read exactly as encoding/json would.
type reader struct {
	s string
	i int
}

func (r *reader) space() {
	for r.i < len(r.s) {
		switch r.s[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// next skips space and reports whether the next byte is c, consuming it.
func (r *reader) next(c byte) bool {
	r.space()
	if r.i < len(r.s) && r.s[r.i] == c {
		r.i++
		return true
	}
	return false
}

// open reads the opening bracket of an array and reports whether it holds
// elements; more reads what follows one and reports whether another comes.
func (r *reader) open() (elements, ok bool) {
	if !r.next('[') {
		return false, false
	}
	return !r.next(']'), true
}

func (r *reader) more() (another, ok bool) {
	if r.next(']') {
		return false, true
	}
	return true, r.next(',')
}

// key reads an object's next key (as written: a key with an escape is
// refused) and the colon after it.
func (r *reader) key() (string, bool) {
	r.space()
	if r.i >= len(r.s) || r.s[r.i] != '"' {
		return "", false
	}
	end := strings.IndexByte(r.s[r.i+1:], '"')
	if end < 0 {
		return "", false
	}
	key := r.s[r.i+1 : r.i+1+end]
	if strings.IndexByte(key, '\\') >= 0 {
		return "", false
	}
	r.i += end + 2
	if !r.next(':') {
		return "", false
	}
	r.space()
	return key, true
}

// seen marks a field as read, refusing it the second time: encoding/json
// would merge or overwrite, which the fast reader does not copy.
func seen(mask *uint32, bit uint32) bool {
	if *mask&bit != 0 {
		return false
	}
	*mask |= bit
	return true
}

// blocks reads a list of blocks; size is about how many it holds.
func (r *reader) blocks(depth, size int) (Document, bool) {
	if depth > maxDepth {
		return nil, false
	}
	d := make(Document, 0, size)
	another, ok := r.open()
	for ok && another {
		d = append(d, Block{})
		if !r.block(&d[len(d)-1], depth) {
			return nil, false
		}
		another, ok = r.more()
	}
	return d, ok
}

func (r *reader) block(b *Block, depth int) bool {
	if !r.next('{') {
		return false
	}
	if r.next('}') {
		return true
	}
	var mask uint32
	for {
		key, ok := r.key()
		if !ok {
			return false
		}
		var bit uint32
		switch key {
		case "type":
			b.Type, ok = r.str()
			bit = 1 << 0
		case "level":
			var n int64
			n, ok = r.int(32)
			b.Level = int(n)
			bit = 1 << 1
		case "content":
			b.Content, ok = r.runs()
			bit = 1 << 2
		case "attribution":
			b.Attribution, ok = r.str()
			bit = 1 << 3
		case "ordered":
			b.Ordered, ok = r.bool()
			bit = 1 << 4
		case "items":
			b.Items, ok = r.items()
			bit = 1 << 5
		case "src":
			b.Src, ok = r.str()
			bit = 1 << 6
		case "asset":
			b.Asset, ok = r.int(64)
			bit = 1 << 7
		case "width":
			var n int64
			n, ok = r.int(32)
			b.Width = int(n)
			bit = 1 << 8
		case "height":
			var n int64
			n, ok = r.int(32)
			b.Height = int(n)
			bit = 1 << 9
		case "alt":
			b.Alt, ok = r.str()
			bit = 1 << 10
		case "caption":
			b.Caption, ok = r.str()
			bit = 1 << 11
		case "credit":
			b.Credit, ok = r.str()
			bit = 1 << 12
		case "url":
			b.URL, ok = r.str()
			bit = 1 << 13
		case "title":
			b.Title, ok = r.str()
			bit = 1 << 14
		case "body":
			b.Body, ok = r.blocks(depth+1, 0)
			bit = 1 << 15
		}
		if !ok || bit == 0 || !seen(&mask, bit) {
			return false
		}
		if r.next('}') {
			return true
		}
		if !r.next(',') {
			return false
		}
	}
}

func (r *reader) items() ([][]Inline, bool) {
	items := [][]Inline{}
	another, ok := r.open()
	for ok && another {
		runs, read := r.runs()
		if !read {
			return nil, false
		}
		items = append(items, runs)
		another, ok = r.more()
	}
	return items, ok
}

func (r *reader) runs() ([]Inline, bool) {
	runs := []Inline{}
	another, ok := r.open()
	for ok && another {
		runs = append(runs, Inline{})
		if !r.run(&runs[len(runs)-1]) {
			return nil, false
		}
		another, ok = r.more()
	}
	return runs, ok
}

func (r *reader) run(in *Inline) bool {
	if !r.next('{') {
		return false
	}
	if r.next('}') {
		return true
	}
	var mask uint32
	for {
		key, ok := r.key()
		if !ok {
			return false
		}
		var bit uint32
		switch key {
		case "text":
			in.Text, ok = r.str()
			bit = 1 << 0
		case "bold":
			in.Bold, ok = r.bool()
			bit = 1 << 1
		case "italic":
			in.Italic, ok = r.bool()
			bit = 1 << 2
		case "link":
			in.Link, ok = r.str()
			bit = 1 << 3
		}
		if !ok || bit == 0 || !seen(&mask, bit) {
			return false
		}
		if r.next('}') {
			return true
		}
		if !r.next(',') {
			return false
		}
	}
}

func (r *reader) bool() (bool, bool) {
	switch {
	case strings.HasPrefix(r.s[r.i:], "true"):
		r.i += 4
		return true, true
	case strings.HasPrefix(r.s[r.i:], "false"):
		r.i += 5
		return false, true
	}
	return false, false
}

// int reads an integer written as encoding/json writes one (no fraction,
// exponent or leading zero) that fits in bits.
func (r *reader) int(bits int) (int64, bool) {
	start := r.i
	if r.i < len(r.s) && r.s[r.i] == '-' {
		r.i++
	}
	digits := r.i
	for r.i < len(r.s) && r.s[r.i] >= '0' && r.s[r.i] <= '9' {
		r.i++
	}
	if r.i == digits || (r.s[digits] == '0' && r.i > digits+1) {
		return 0, false
	}
	if r.i < len(r.s) {
		switch r.s[r.i] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	n, err := strconv.ParseInt(r.s[start:r.i], 10, bits)
	return n, err == nil
}

// str reads a string; one without escapes is a slice of the input.
func (r *reader) str() (string, bool) {
	if r.i >= len(r.s) || r.s[r.i] != '"' {
		return "", false
	}
	start := r.i + 1
	for i := start; i < len(r.s); i++ {
		switch c := r.s[i]; {
		case c == '"':
			r.i = i + 1
			return r.s[start:i], true
		case c == '\\':
			return r.escaped(start, i)
		case c < 0x20:
			return "", false
		}
	}
	return "", false
}

// escaped reads the rest of a string from its first escape, at esc.
func (r *reader) escaped(start, esc int) (string, bool) {
	b := make([]byte, 0, esc-start+32)
	b = append(b, r.s[start:esc]...)
	for i := esc; i < len(r.s); {
		c := r.s[i]
		switch {
		case c == '"':
			r.i = i + 1
			return string(b), true
		case c < 0x20:
			return "", false
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		if i+1 >= len(r.s) {
			return "", false
		}
		switch r.s[i+1] {
		case '"', '\\', '/':
			b = append(b, r.s[i+1])
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			c, ok := hex4(r.s, i+2)
			if !ok {
				return "", false
			}
			i += 6
			if utf16.IsSurrogate(c) {
				// Only a well-formed pair; encoding/json replaces a lone
				// half, which the fast reader leaves to it.
				if i+1 >= len(r.s) || r.s[i] != '\\' || r.s[i+1] != 'u' {
					return "", false
				}
				c2, ok := hex4(r.s, i+2)
				if !ok {
					return "", false
				}
				c = utf16.DecodeRune(c, c2)
				if c == utf8.RuneError {
					return "", false
				}
				i += 6
			}
			b = utf8.AppendRune(b, c)
			continue
		default:
			return "", false
		}
		i += 2
	}
	return "", false
}

// hex4 reads the four hex digits of a \u escape at s[i:].
func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var c rune
	for _, h := range []byte(s[i : i+4]) {
		switch {
		case h >= '0' && h <= '9':
			h -= '0'
		case h >= 'a' && h <= 'f':
			h -= 'a' - 10
		case h >= 'A' && h <= 'F':
			h -= 'A' - 10
		default:
			return 0, false
		}
		c = c<<4 | rune(h)
	}
	return c, true
}
