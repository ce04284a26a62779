package wordpress

import (
	"html"
	"regexp"
	"strings"
)

// shortcodeRE finds a shortcode's opening or closing tag: [name attrs],
// [name attrs /] or [/name]. WordPress's [[name]] escape is matched too and
// left as text.
var shortcodeRE = regexp.MustCompile(`\[(\[?)(/?)([a-zA-Z][a-zA-Z0-9_-]*)((?:\s[^\[\]]*)?)(/?)\](\]?)`)

// attrRE reads a shortcode's attributes: name="value", name='value' or name=value.
var attrRE = regexp.MustCompile(`([a-zA-Z0-9_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))`)

// knownShortcodes are the shortcodes of WordPress itself, which the
// converter understands; any other is kept as text and reported.
var knownShortcodes = map[string]bool{"caption": true, "wp_caption": true, "gallery": true, "embed": true,
	"video": true, "audio": true, "playlist": true}

// expandShortcodes turns WordPress's own shortcodes into HTML the converter
// reads (figures, galleries, embeds) and reports the names of the others,
// which stay as text, as WordPress shows a shortcode no plugin handles.
func expandShortcodes(s string, unknown func(name string)) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	for {
		loc := shortcodeRE.FindStringSubmatchIndex(s)
		if loc == nil {
			b.WriteString(s)
			return b.String()
		}
		m := func(i int) string {
			if loc[2*i] < 0 {
				return ""
			}
			return s[loc[2*i]:loc[2*i+1]]
		}
		b.WriteString(s[:loc[0]])
		whole, name := s[loc[0]:loc[1]], strings.ToLower(m(3))
		rest := s[loc[1]:]
		switch {
		case m(1) == "[" && m(6) == "]": // [[name]]: WordPress's escape for a literal shortcode
			b.WriteString(whole[1 : len(whole)-1])
			s = rest
			continue
		case !knownShortcodes[name]:
			if m(2) == "" {
				unknown(name)
			}
			b.WriteString(whole)
			s = rest
			continue
		case m(2) == "/": // a stray closing tag
			s = rest
			continue
		}
		attrs := shortcodeAttrs(m(4))
		inner := ""
		if m(5) == "" {
			if end := strings.Index(strings.ToLower(rest), "[/"+name+"]"); end >= 0 && enclosing[name] {
				inner, rest = rest[:end], rest[end+len(name)+3:]
			}
		}
		b.WriteString(shortcodeHTML(name, attrs, inner))
		s = rest
	}
}

// enclosing are the known shortcodes that wrap content: [caption]…[/caption].
var enclosing = map[string]bool{"caption": true, "wp_caption": true, "embed": true, "video": true, "audio": true}

func shortcodeAttrs(s string) map[string]string {
	out := map[string]string{}
	for _, m := range attrRE.FindAllStringSubmatch(s, -1) {
		out[strings.ToLower(m[1])] = html.UnescapeString(m[2] + m[3] + m[4])
	}
	return out
}

// shortcodeHTML is the HTML a known shortcode stands for, in elements the
// converter reads: <figure> with <img> and <figcaption> for a caption,
// <wp-gallery> for a gallery, <wp-embed> for an embed, a video or a sound.
func shortcodeHTML(name string, attrs map[string]string, inner string) string {
	esc := html.EscapeString
	switch name {
	case "caption", "wp_caption":
		// [caption id="attachment_12"]<a><img …></a> The caption.[/caption];
		// the caption may also be an attribute (older WordPress).
		caption := attrs["caption"]
		media := inner
		if i := strings.LastIndex(strings.ToLower(inner), ">"); i >= 0 && caption == "" {
			media, caption = inner[:i+1], inner[i+1:]
		}
		return `<figure data-wp-id="` + esc(strings.TrimPrefix(attrs["id"], "attachment_")) + `">` + media +
			`<figcaption>` + caption + `</figcaption></figure>`
	case "gallery":
		return `<wp-gallery ids="` + esc(attrs["ids"]+attrs["include"]) + `"></wp-gallery>`
	case "embed":
		return `<wp-embed url="` + esc(strings.TrimSpace(inner)) + `"></wp-embed>`
	case "video", "audio", "playlist":
		src := attrs["src"]
		for _, k := range []string{"mp4", "m4v", "webm", "ogv", "mp3", "ogg", "m4a", "wav", "youtube", "vimeo"} {
			if src == "" {
				src = attrs[k]
			}
		}
		if src == "" {
			src = strings.TrimSpace(inner)
		}
		return `<wp-embed url="` + esc(src) + `" kind="` + name + `"></wp-embed>`
	}
	return ""
}
