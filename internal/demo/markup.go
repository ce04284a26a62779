package demo

import (
	"strings"

	"masthead/internal/blocks"
)

// runs turns a filled paragraph with light markup (**bold**, _italic_,
// [text](url)) into inline runs. Markup is only in the templates, never in
// slot values, so a stray character in a name cannot open a link.
func runs(s string) []blocks.Inline {
	if !strings.ContainsAny(s, "*_[") {
		return []blocks.Inline{blocks.T(s)}
	}
	var out []blocks.Inline
	var bold, italic bool
	start := 0
	flush := func(end int) {
		if end > start {
			out = append(out, blocks.Inline{Text: s[start:end], Bold: bold, Italic: italic})
		}
	}
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "**"):
			flush(i)
			bold = !bold
			i += 2
			start = i
		case s[i] == '_':
			flush(i)
			italic = !italic
			i++
			start = i
		case s[i] == '[':
			mid := strings.Index(s[i:], "](")
			end := strings.IndexByte(s[i:], ')')
			if mid < 0 || end < mid {
				i++
				continue
			}
			flush(i)
			out = append(out, blocks.L(s[i+1:i+mid], s[i+mid+2:i+end]))
			i += end + 1
			start = i
		default:
			i++
		}
	}
	flush(len(s))
	return out
}

// words counts the words in s the way a reader would: runs of non-spaces.
func words(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\n'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// asClause ends a quoted sentence with a comma, so it can run on into "said
// X": a full stop becomes a comma; a question or exclamation mark stays.
func asClause(q string) string {
	if strings.HasSuffix(q, ".") {
		return q[:len(q)-1] + ","
	}
	return q
}

// firstSentence splits a quotation after its first sentence.
func firstSentence(q string) (string, string) {
	for i := 0; i+2 < len(q); i++ {
		if (q[i] == '.' || q[i] == '?' || q[i] == '!') && q[i+1] == ' ' && q[i+2] >= 'A' && q[i+2] <= 'Z' {
			return q[:i+1], q[i+2:]
		}
	}
	return q, ""
}
