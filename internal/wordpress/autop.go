package wordpress

import (
	"regexp"
	"strings"
)

// blockStart matches a chunk that begins with a block-level element (or a
// block comment), which wpautop leaves unwrapped.
var blockStart = regexp.MustCompile(`(?i)^<(?:!--|/?(?:p|h[1-6]|ul|ol|li|dl|dd|dt|blockquote|figure|figcaption|table|thead|tbody|tfoot|tr|td|th|caption|div|pre|hr|section|article|aside|header|footer|address|form|iframe|script|style|noscript|object|embed|video|audio|wp-embed|wp-gallery|details|summary|math|svg|select|fieldset|legend|map|area|nav|main|hgroup|center|menu)\b)`)

// bareURL is a line holding nothing but an address: WordPress shows it as
// an embed (oEmbed) when the provider is one it knows.
var bareURL = regexp.MustCompile(`^https?://[^\s<>"]+$`)

// autop does what WordPress's wpautop does to classic content when it shows
// a post: a blank line ends a paragraph and a single line break is a <br>.
// Chunks that are already block HTML are left alone, and an address alone
// on its line becomes an embed, as WordPress's auto-embeds make it.
func autop(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	if !strings.Contains(s, "\n") && blockStart.MatchString(strings.TrimSpace(s)) {
		return s
	}
	var b strings.Builder
	for _, chunk := range splitParagraphs(s) {
		chunk = strings.TrimSpace(chunk)
		switch {
		case chunk == "":
			continue
		case bareURL.MatchString(chunk):
			b.WriteString(`<wp-embed url="` + strings.ReplaceAll(chunk, `"`, "%22") + `" kind="auto"></wp-embed>`)
		case blockStart.MatchString(chunk):
			b.WriteString(chunk)
		default:
			b.WriteString("<p>" + strings.ReplaceAll(chunk, "\n", "<br>\n") + "</p>")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// splitParagraphs cuts s at blank lines, but not inside <pre>, whose blank
// lines are part of the text.
func splitParagraphs(s string) []string {
	var out []string
	for s != "" {
		i := strings.Index(s, "\n\n")
		pre := strings.Index(strings.ToLower(s), "<pre")
		if pre >= 0 && (i < 0 || pre < i) {
			end := strings.Index(strings.ToLower(s[pre:]), "</pre>")
			if end < 0 {
				out = append(out, s)
				break
			}
			cut := pre + end + len("</pre>")
			out = append(out, s[:cut])
			s = s[cut:]
			continue
		}
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i])
		s = strings.TrimLeft(s[i:], "\n")
	}
	return out
}
