package blocks

import "strings"

// escapeText writes s with the five characters html.EscapeString escapes
// replaced by the same entities, straight into b rather than into a copy.
// With br set, a line break becomes <br>. Everything else, typography
// included, is written as it is.
func escapeText(b *strings.Builder, s string, br bool) {
	for {
		i := indexIn(s, &textSpecial)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case '\n':
			if br {
				b.WriteString("<br>")
			} else {
				b.WriteByte('\n')
			}
		}
		s = s[i+1:]
	}
}

// writeURL writes a URL that passed linkable as a double-quoted attribute
// value. Characters the URL standard does not allow unescaped (", <, >, [, \,
// ], ^, `, {, |, }, a second #, and a % that starts no escape) are
// %-encoded, which browsers read as the same URL and the HTML checker
// accepts; & and ' are then HTML-escaped.
func writeURL(b *strings.Builder, u string) {
	const hex = "0123456789ABCDEF"
	fragment := false
	for {
		i := indexIn(u, &urlSpecial)
		if i < 0 {
			b.WriteString(u)
			return
		}
		b.WriteString(u[:i])
		switch c := u[i]; {
		case c == '&':
			b.WriteString("&amp;")
		case c == '\'':
			b.WriteString("&#39;")
		case mustPercent(u, i, &fragment):
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
		u = u[i+1:]
	}
}

// mustPercent reports whether u[i] is a byte the URL standard does not allow
// unescaped; fragment records whether the # that starts the fragment has been
// passed, since only a second # must be escaped.
func mustPercent(u string, i int, fragment *bool) bool {
	switch u[i] {
	case '#':
		if !*fragment {
			*fragment = true
			return false
		}
		return true
	case '%':
		return i+2 >= len(u) || !isHex(u[i+1]) || !isHex(u[i+2])
	case '"', '<', '>', '[', '\\', ']', '^', '`', '{', '|', '}':
		return true
	}
	return false
}

// The bytes escapeText and writeURL may replace.
var (
	textSpecial = byteSet("<>&\"'\n")
	urlSpecial  = byteSet("&'#%\"<>[\\]^`{|}")
	// controlOrSpace is what linkable refuses anywhere in a URL.
	controlOrSpace = byteSet("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f" +
		"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f \x7f")
)

func byteSet(chars string) (set [256]uint8) {
	for i := 0; i < len(chars); i++ {
		set[chars[i]] = 1
	}
	return set
}

// indexIn returns the index of the first byte of s in set, or -1. Rendering
// spends most of its time here, so it tests eight bytes a step with no
// branch between them, which is several times faster than a byte at a time.
func indexIn(s string, set *[256]uint8) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		t := s[i : i+8]
		if set[t[0]]|set[t[1]]|set[t[2]]|set[t[3]]|set[t[4]]|set[t[5]]|set[t[6]]|set[t[7]] != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if set[s[i]] != 0 {
			return i
		}
	}
	return -1
}

// linkable reports whether u may be written as an href or src at all: its
// scheme is http, https or mailto and it holds no space or control byte that
// a browser would strip before reading the scheme. It is the render-time
// guard for documents that skipped Validate, cheap enough to run on every
// link of every page; Validate's SafeURL is the full well-formedness check.
func linkable(u string) bool {
	if !hasPrefixFold(u, "https://") && !hasPrefixFold(u, "http://") && !hasPrefixFold(u, "mailto:") {
		return false
	}
	return indexIn(u, &controlOrSpace) < 0
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// WriteText writes s HTML-escaped into b, for text and for double-quoted
// attribute values: pages that write markup in Go (index cards) escape as
// the body does.
func WriteText(b *strings.Builder, s string) { escapeText(b, s, false) }

// WriteURL writes u as a double-quoted attribute value, %-encoding and
// escaping as the body's links are. The caller checks u with PageURL first.
func WriteURL(b *strings.Builder, u string) { writeURL(b, u) }

// PageURL reports whether u may be written as a page's href or src: a path on
// this site ("/…", not "//host") or an http or https URL, with no space or
// control byte (a space would also split a srcset).
func PageURL(u string) bool {
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return indexIn(u, &controlOrSpace) < 0 && !strings.Contains(u, "\\")
	}
	return (hasPrefixFold(u, "https://") || hasPrefixFold(u, "http://")) && linkable(u)
}
