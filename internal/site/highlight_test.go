package site

import "testing"

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
