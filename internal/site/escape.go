package site

import "strings"

// The writers below escape exactly as html/template does in the contexts
// the article page uses, so the page written in Go (article_html.go) is byte
// for byte the one its template gave, for any words: TestArticleMarkup and
// FuzzArticleMarkup hold them to that. They differ from blocks.WriteText
// (which leaves + alone) on purpose: a headline with a + in it must not
// change the page's bytes.

// htmlSpecial is what html/template replaces in text and quoted attribute
// values (its htmlReplacementTable).
var htmlSpecial = byteSet("\x00\"&'+<>")

// writeEsc writes s as html/template writes a string in text or in a quoted
// attribute that holds no URL.
func writeEsc(b *strings.Builder, s string) {
	for {
		i := indexOf(s, &htmlSpecial)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case 0:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		}
		s = s[i+1:]
	}
}

// urlKeep is what html/template's URL normalizer leaves as it is (RFC 3986's
// reserved and unreserved characters but ' ( )); % is kept only before two
// hex digits.
var urlKeep = byteSet("!#$&*+,/:;=?@[]-._~" +
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

// writeURLAttr writes u as html/template writes a string in an href or src:
// a scheme other than http, https or mailto becomes "#ZgotmplZ", the rest is
// normalized (%-encoded) and then escaped as an attribute.
func writeURLAttr(b *strings.Builder, u string) {
	if !safeURL(u) {
		u = "#ZgotmplZ"
	}
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c == '&':
			b.WriteString("&amp;")
		case c == '+':
			b.WriteString("&#43;")
		case urlKeep[c] != 0 || c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			b.WriteByte(c)
		default:
			writePercent(b, c)
		}
	}
}

// normalizeURL is html/template's URL normalizer alone.
func normalizeURL(b *strings.Builder, u string) {
	for i := 0; i < len(u); i++ {
		c := u[i]
		if urlKeep[c] != 0 || c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]) {
			b.WriteByte(c)
		} else {
			writePercent(b, c)
		}
	}
}

func writePercent(b *strings.Builder, c byte) {
	const hex = "0123456789abcdef"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&15])
}

// safeURL is html/template's test: a relative URL, or one whose scheme is
// http, https or mailto.
func safeURL(u string) bool {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// writeSrcsetAttr writes a srcset as html/template does: each candidate's
// URL checked and normalized, a candidate whose URL fails or whose size is
// anything but letters, digits and spaces replaced by "#ZgotmplZ", then the
// whole escaped as an attribute.
func writeSrcsetAttr(b *strings.Builder, s string) {
	var out strings.Builder
	out.Grow(len(s) + 16)
	left := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			srcsetCandidate(&out, s[left:i])
			out.WriteByte(',')
			left = i + 1
		}
	}
	srcsetCandidate(&out, s[left:])
	writeEsc(b, out.String())
}

func srcsetCandidate(b *strings.Builder, s string) {
	start := 0
	for start < len(s) && htmlSpace[s[start]] != 0 {
		start++
	}
	end := len(s)
	for i := start; i < len(s); i++ {
		if htmlSpace[s[i]] != 0 {
			end = i
			break
		}
	}
	if u := s[start:end]; safeURL(u) {
		ok := true
		for i := end; i < len(s); i++ {
			if c := s[i]; htmlSpace[c] == 0 && !(c < 0x80 && urlKeep[c] != 0 && isAlnum(c)) {
				ok = false
				break
			}
		}
		if ok {
			b.WriteString(s[:start])
			normalizeURL(b, u)
			b.WriteString(s[end:])
			return
		}
	}
	b.WriteString("#ZgotmplZ")
}

// htmlSpace is ASCII whitespace as the HTML standard defines it.
var htmlSpace = byteSet("\t\n\f\r ")

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func byteSet(chars string) (set [256]uint8) {
	for i := 0; i < len(chars); i++ {
		set[chars[i]] = 1
	}
	return set
}

// indexOf returns the index of the first byte of s in set, or -1.
func indexOf(s string, set *[256]uint8) int {
	for i := 0; i < len(s); i++ {
		if set[s[i]] != 0 {
			return i
		}
	}
	return -1
}
