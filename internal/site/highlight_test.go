package site

import (
	"html"
	"strings"
	"testing"
)

func TestHighlight(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"the \x02harbour\x03 cranes", "the <mark>harbour</mark> cranes"},
		{"<script>alert(\"x\")</script> \x02a\x03", "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; <mark>a</mark>"},
		{"<mark>fake</mark>", "&lt;mark&gt;fake&lt;/mark&gt;"},
		{"\x02unclosed", "<mark>unclosed</mark>"},
		{"stray\x03 \x02\x02twice\x03", "stray <mark>twice</mark>"},
		{"bell\x07 nul\x00", "bell nul"},
	}
	for _, c := range cases {
		if got := string(highlight(c.in)); got != c.want {
			t.Errorf("highlight(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzHighlight: whatever text a snippet holds (it is the article's text,
// which anyone who writes may fill), highlight writes no markup but <mark>
// and </mark>, balanced and never nested, and keeps every printable
// character of the text, escaped.
func FuzzHighlight(f *testing.F) {
	for _, s := range []string{"plain", "the \x02harbour\x03 cranes", "<script>alert(\"x\")</script> \x02a\x03",
		"<mark>fake</mark>", "\x02unclosed", "stray\x03 \x02\x02twice\x03", "bell\x07 nul\x00", "&amp; &lt;", "\xff\x02\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, snippet string) {
		out := string(highlight(snippet))
		open := false
		var text strings.Builder
		for rest := out; rest != ""; {
			switch {
			case strings.HasPrefix(rest, "<mark>"):
				if open {
					t.Fatalf("nested <mark> in %q", out)
				}
				open, rest = true, rest[len("<mark>"):]
			case strings.HasPrefix(rest, "</mark>"):
				if !open {
					t.Fatalf("</mark> without <mark> in %q", out)
				}
				open, rest = false, rest[len("</mark>"):]
			case rest[0] == '<' || rest[0] == '>' || rest[0] == '"' || rest[0] == '\'':
				t.Fatalf("unescaped %q in %q (from %q)", rest[0], out, snippet)
			default:
				text.WriteByte(rest[0])
				rest = rest[1:]
			}
		}
		if open {
			t.Fatalf("<mark> left open in %q", out)
		}
		var want []byte // the snippet without its control characters (no UTF-8 sequence holds one)
		for _, c := range []byte(snippet) {
			if c >= 0x20 || c == '\n' || c == '\t' {
				want = append(want, c)
			}
		}
		if got := html.UnescapeString(text.String()); got != string(want) {
			t.Fatalf("the text of %q is %q, want %q", snippet, got, want)
		}
	})
}
