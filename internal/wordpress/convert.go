package wordpress

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"masthead/internal/blocks"
)

// Picture is a media library picture that an upload became.
type Picture struct {
	Asset   int64
	Alt     string
	Caption string
}

// Pictures finds the library picture of an attachment, by its WordPress ID
// or by the address of the upload or any of its resized copies.
type Pictures interface {
	ByID(id int64) (Picture, bool)
	ByURL(src string) (Picture, bool)
}

// Converter turns a post's content, Gutenberg blocks or classic HTML, into
// the block document.
type Converter struct {
	Pictures Pictures // nil: no picture is in the library
	// Base is the old site's address, which relative links are read against.
	Base *url.URL
}

// Converted is a post's body and what could not be kept as it was.
type Converted struct {
	Doc   blocks.Document
	Notes []string
}

// maxRun is the longest run of text a block takes (blocks' limit).
const maxRun = 20000

// Convert turns content into a block document. Only what the block
// document can say survives: scripts, styles, event handlers, inline styles
// and unsafe links are never read, and each kind of loss is noted.
func (c *Converter) Convert(content string) Converted {
	w := &walk{c: c, seen: map[string]bool{}}
	content = cleanText(content)
	content = expandShortcodes(content, func(name string) {
		w.note(fmt.Sprintf("unknown shortcode [%s] kept as text", name))
	})
	content = autop(content)
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(content), body)
	if err != nil { // x/net/html reads any input; this is a reader's error only
		w.note("the content could not be read: " + err.Error())
	}
	for _, n := range nodes {
		w.block(n)
	}
	w.flush()
	fixOutline(w.out)
	return Converted{Doc: w.out, Notes: w.notes}
}

type walk struct {
	c     *Converter
	out   blocks.Document
	runs  []blocks.Inline // the paragraph being gathered
	notes []string
	seen  map[string]bool
}

type marks struct {
	bold, italic bool
	link         string
}

func (w *walk) note(s string) {
	if !w.seen[s] {
		w.seen[s] = true
		w.notes = append(w.notes, s)
	}
}

// dropped are elements whose content is never shown.
var dropped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Object: true,
	atom.Embed: true, atom.Form: true, atom.Input: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Template: true, atom.Svg: true, atom.Math: true, atom.Canvas: true, atom.Head: true, atom.Title: true,
	atom.Meta: true, atom.Link: true, atom.Base: true, atom.Frame: true, atom.Frameset: true, atom.Applet: true}

// inlineElems are read as runs of the paragraph being gathered.
var inlineElems = map[atom.Atom]bool{atom.A: true, atom.Strong: true, atom.B: true, atom.Em: true, atom.I: true,
	atom.Span: true, atom.U: true, atom.S: true, atom.Sup: true, atom.Sub: true, atom.Code: true, atom.Small: true,
	atom.Mark: true, atom.Abbr: true, atom.Cite: true, atom.Q: true, atom.Time: true, atom.Br: true, atom.Font: true,
	atom.Del: true, atom.Ins: true, atom.Kbd: true, atom.Var: true, atom.Big: true, atom.Tt: true, atom.Strike: true,
	atom.Label: true, atom.Bdi: true, atom.Bdo: true, atom.Dfn: true, atom.Samp: true, atom.Wbr: true, atom.Data: true}

// block reads a node where a block may start.
func (w *walk) block(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.inline(n, marks{})
		return
	case html.ElementNode:
	default:
		return
	}
	if dropped[n.DataAtom] {
		w.note(fmt.Sprintf("<%s> removed", n.Data))
		return
	}
	if inlineElems[n.DataAtom] {
		w.inline(n, marks{})
		return
	}
	switch n.DataAtom {
	case atom.Img:
		w.flush()
		w.image(n, "", 0)
	case atom.P:
		w.flush()
		w.children(n, marks{})
		w.flush()
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.flush()
		w.children(n, marks{})
		runs := w.take()
		if len(runs) > 0 {
			level := max(2, min(4, int(n.Data[1]-'0')))
			w.out = append(w.out, blocks.Block{Type: blocks.TypeHeading, Level: level, Content: runs})
		}
	case atom.Ul, atom.Ol:
		w.flush()
		w.list(n)
	case atom.Blockquote:
		w.flush()
		w.quote(n, hasClass(n, "wp-block-pullquote"))
	case atom.Figure:
		w.flush()
		w.figure(n)
	case atom.Hr:
		w.flush()
		w.out = append(w.out, blocks.Divider())
	case atom.Table:
		w.flush()
		w.table(n, "")
	case atom.Pre:
		w.flush()
		if t := strings.Trim(cleanText(textOf(n, true)), "\n"); strings.TrimSpace(t) != "" {
			w.out = append(w.out, blocks.P(splitRuns([]blocks.Inline{blocks.T(t)})...))
		}
	case atom.Iframe:
		w.flush()
		w.iframe(n, "")
	default:
		switch n.Data {
		case "wp-embed":
			w.flush()
			w.embed(attr(n, "url"), "", attr(n, "kind"))
		case "wp-gallery":
			w.flush()
			w.gallery(attr(n, "ids"))
		default: // div, section, center and the like: what is inside counts
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				w.block(ch)
			}
		}
	}
}

func (w *walk) children(n *html.Node, m marks) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		w.inline(ch, m)
	}
}

// inline reads a node inside a paragraph: text with its marks; a picture
// or a block element inside ends the paragraph there.
func (w *walk) inline(n *html.Node, m marks) {
	switch n.Type {
	case html.TextNode:
		w.text(collapseSpace(n.Data), m)
		return
	case html.ElementNode:
	default:
		return
	}
	if dropped[n.DataAtom] {
		w.note(fmt.Sprintf("<%s> removed", n.Data))
		return
	}
	switch n.DataAtom {
	case atom.Br:
		w.text("\n", m)
		return
	case atom.Img:
		w.flush()
		w.image(n, "", 0)
		return
	case atom.Strong, atom.B:
		m.bold = true
	case atom.Em, atom.I, atom.Cite:
		m.italic = true
	case atom.A:
		m.link = w.href(attr(n, "href"))
	default:
		if !inlineElems[n.DataAtom] {
			w.block(n)
			return
		}
	}
	w.children(n, m)
}

func (w *walk) text(s string, m marks) {
	if k := len(w.runs); k > 0 {
		// A line break eats the spaces around it, as it does on a page.
		if strings.HasSuffix(w.runs[k-1].Text, "\n") {
			s = strings.TrimLeft(s, " ")
		}
		if strings.HasPrefix(s, "\n") {
			w.runs[k-1].Text = strings.TrimRight(w.runs[k-1].Text, " ")
		}
	}
	if s == "" {
		return
	}
	if k := len(w.runs); k > 0 {
		last := &w.runs[k-1]
		if last.Bold == m.bold && last.Italic == m.italic && last.Link == m.link {
			last.Text += s
			return
		}
	}
	w.runs = append(w.runs, blocks.Inline{Text: s, Bold: m.bold, Italic: m.italic, Link: m.link})
}

// take returns the runs gathered, trimmed, or nil when they hold no text.
func (w *walk) take() []blocks.Inline {
	runs := w.runs
	w.runs = nil
	// Spaces and line breaks at either end show nothing.
	for len(runs) > 0 {
		runs[0].Text = strings.TrimLeft(runs[0].Text, " \n\t")
		if runs[0].Text != "" {
			break
		}
		runs = runs[1:]
	}
	for len(runs) > 0 {
		k := len(runs) - 1
		runs[k].Text = strings.TrimRight(runs[k].Text, " \n\t")
		if runs[k].Text != "" {
			break
		}
		runs = runs[:k]
	}
	out := runs[:0]
	for _, r := range runs {
		if r.Text != "" {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return splitRuns(out)
}

// flush ends the paragraph being gathered.
func (w *walk) flush() {
	if runs := w.take(); runs != nil {
		w.out = append(w.out, blocks.P(runs...))
	}
}

// splitRuns cuts runs longer than a block takes into several.
func splitRuns(runs []blocks.Inline) []blocks.Inline {
	var out []blocks.Inline
	for _, r := range runs {
		for utf8.RuneCountInString(r.Text) > maxRun {
			cut := len(string([]rune(r.Text)[:maxRun]))
			head := r
			head.Text = r.Text[:cut]
			out = append(out, head)
			r.Text = r.Text[cut:]
		}
		out = append(out, r)
	}
	return out
}

func (w *walk) list(n *html.Node) {
	var items [][]blocks.Inline
	var visit func(*html.Node)
	visit = func(l *html.Node) {
		for li := l.FirstChild; li != nil; li = li.NextSibling {
			if li.Type != html.ElementNode || li.DataAtom != atom.Li {
				continue
			}
			var nested []*html.Node
			for ch := li.FirstChild; ch != nil; ch = ch.NextSibling {
				if ch.Type == html.ElementNode && (ch.DataAtom == atom.Ul || ch.DataAtom == atom.Ol) {
					nested = append(nested, ch)
					continue
				}
				w.inlineOnly(ch, marks{})
			}
			if runs := w.take(); runs != nil {
				items = append(items, runs)
			}
			for _, l := range nested {
				visit(l) // a nested list's items follow their parent's
			}
		}
	}
	visit(n)
	if len(items) > 0 {
		w.out = append(w.out, blocks.List(n.DataAtom == atom.Ol, items...))
	}
}

// inlineOnly reads a node as text with marks, whatever elements it holds:
// inside a list item or a quote, blocks and pictures cannot be kept.
func (w *walk) inlineOnly(n *html.Node, m marks) {
	switch n.Type {
	case html.TextNode:
		w.text(collapseSpace(n.Data), m)
		return
	case html.ElementNode:
	default:
		return
	}
	switch {
	case dropped[n.DataAtom]:
		w.note(fmt.Sprintf("<%s> removed", n.Data))
		return
	case n.DataAtom == atom.Br:
		w.text("\n", m)
		return
	case n.DataAtom == atom.Img:
		w.note("a picture inside a list item or quote left out")
		return
	case n.DataAtom == atom.Strong || n.DataAtom == atom.B:
		m.bold = true
	case n.DataAtom == atom.Em || n.DataAtom == atom.I:
		m.italic = true
	case n.DataAtom == atom.A:
		m.link = w.href(attr(n, "href"))
	case n.DataAtom == atom.P || n.DataAtom == atom.Div:
		if len(w.runs) > 0 {
			w.text("\n", m)
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		w.inlineOnly(ch, m)
	}
}

func (w *walk) quote(n *html.Node, pull bool) {
	var cite string
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && (ch.DataAtom == atom.Cite || ch.DataAtom == atom.Footer) {
			cite = strings.TrimSpace(collapseSpace(textOf(ch, false)))
			continue
		}
		w.inlineOnly(ch, marks{})
	}
	runs := w.take()
	if runs == nil {
		return
	}
	typ := blocks.TypeQuote
	if pull {
		typ = blocks.TypePullQuote
	}
	w.out = append(w.out, blocks.Block{Type: typ, Content: runs, Attribution: strings.TrimLeft(cite, "—–- ")})
}

func (w *walk) figure(n *html.Node) {
	caption := ""
	if fc := find(n, atom.Figcaption); fc != nil {
		caption = strings.TrimSpace(collapseSpace(textOf(fc, false)))
	}
	switch {
	case hasClass(n, "wp-block-embed") || hasClass(n, "wp-block-video") || hasClass(n, "wp-block-audio"):
		u := ""
		if wrap := findClass(n, "wp-block-embed__wrapper"); wrap != nil {
			u = strings.TrimSpace(textOf(wrap, false))
		}
		if u == "" {
			if el := findAny(n, atom.Iframe, atom.Video, atom.Audio, atom.Source, atom.A); el != nil {
				u = attr(el, "src") + attr(el, "href")
			}
		}
		w.embed(u, caption, "block")
	case hasClass(n, "wp-block-pullquote") || find(n, atom.Blockquote) != nil:
		if bq := find(n, atom.Blockquote); bq != nil {
			w.quote(bq, hasClass(n, "wp-block-pullquote") || hasClass(bq, "wp-block-pullquote"))
		}
	case find(n, atom.Table) != nil:
		w.table(find(n, atom.Table), caption)
	case hasClass(n, "wp-block-gallery") || countImgs(n) > 1:
		for _, img := range findAll(n, atom.Img) {
			c := ""
			if f := ancestor(img, atom.Figure, n); f != nil {
				if fc := find(f, atom.Figcaption); fc != nil {
					c = strings.TrimSpace(collapseSpace(textOf(fc, false)))
				}
			}
			w.image(img, c, 0)
		}
	case find(n, atom.Img) != nil:
		id, _ := strconv.ParseInt(attr(n, "data-wp-id"), 10, 64)
		w.image(find(n, atom.Img), caption, id)
	case find(n, atom.Iframe) != nil:
		w.iframe(find(n, atom.Iframe), caption)
	default:
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.DataAtom != atom.Figcaption {
				w.block(ch)
			}
		}
		w.flush()
	}
}

// wpImageClass is the class WordPress gives an inserted picture: wp-image-ID.
var wpImageClass = regexp.MustCompile(`\bwp-image-(\d+)\b`)

// image turns an <img> into a library picture when the upload is in the
// library, a picture from elsewhere when it can be shown as one, or else a
// link to its old address.
func (w *walk) image(n *html.Node, caption string, id int64) {
	src := strings.TrimSpace(attr(n, "src"))
	alt := strings.TrimSpace(collapseSpace(attr(n, "alt")))
	if m := wpImageClass.FindStringSubmatch(attr(n, "class")); m != nil && id == 0 {
		id, _ = strconv.ParseInt(m[1], 10, 64)
	}
	if p := w.c.Pictures; p != nil {
		pic, ok := p.ByID(id)
		if !ok && src != "" {
			pic, ok = p.ByURL(w.abs(src))
		}
		if ok {
			w.out = append(w.out, blocks.AssetImage(pic.Asset, alt, caption, ""))
			return
		}
	}
	abs := w.abs(src)
	width, _ := strconv.Atoi(attr(n, "width"))
	height, _ := strconv.Atoi(attr(n, "height"))
	if strings.Contains(abs, "/wp-content/uploads/") {
		w.note("picture " + uploadPath(abs) + " is not in the uploads folder: linked to its old address")
	} else if strings.HasPrefix(abs, "https://") && blocks.SafeURL(abs) && width > 0 && height > 0 && alt != "" {
		b := blocks.ImageBlock(abs, width, height, alt, caption, "")
		if valid(b) {
			w.out = append(w.out, b)
			return
		}
	}
	text := alt
	if text == "" {
		text = caption
	}
	if text == "" {
		text = "Picture"
	}
	if caption != "" && caption != text {
		text += ": " + caption
	}
	if blocks.SafeURL(abs) {
		w.out = append(w.out, blocks.P(blocks.L(text, abs)))
	} else {
		w.note("picture without a usable address left out")
	}
}

func (w *walk) gallery(ids string) {
	found := false
	for _, f := range strings.Split(ids, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil || w.c.Pictures == nil {
			continue
		}
		if pic, ok := w.c.Pictures.ByID(id); ok {
			w.out = append(w.out, blocks.AssetImage(pic.Asset, "", "", ""))
			found = true
		} else {
			w.note(fmt.Sprintf("gallery picture %d is not in the uploads folder: left out", id))
		}
	}
	if !found && strings.TrimSpace(ids) == "" {
		w.note("[gallery] without ids (the post's attached pictures) left out")
	}
}

// iframe keeps a video player or other page as an embed of its original
// address.
func (w *walk) iframe(n *html.Node, title string) {
	src := w.abs(attr(n, "src"))
	if u, err := url.Parse(src); err == nil {
		host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		segs := strings.Split(strings.Trim(u.Path, "/"), "/")
		switch {
		case (host == "youtube.com" || host == "youtube-nocookie.com") && len(segs) == 2 && segs[0] == "embed":
			src = "https://www.youtube.com/watch?v=" + url.QueryEscape(segs[1])
		case host == "player.vimeo.com" && len(segs) == 2 && segs[0] == "video":
			src = "https://vimeo.com/" + url.PathEscape(segs[1])
		}
	}
	if title == "" {
		title = strings.TrimSpace(collapseSpace(attr(n, "title")))
	}
	w.embed(src, title, "iframe")
}

func (w *walk) embed(raw, title, kind string) {
	u := strings.TrimSpace(raw)
	if strings.HasPrefix(u, "//") {
		u = "https:" + u
	}
	b := blocks.Embed(u, title)
	if !valid(b) {
		b.Title = ""
	}
	if u == "" || !valid(b) {
		w.note(fmt.Sprintf("embed (%s) with no usable address left out", kind))
		return
	}
	w.out = append(w.out, b)
}

// table keeps a table as a fact box: its rows as a list, cells joined.
func (w *walk) table(n *html.Node, title string) {
	if title == "" {
		if c := find(n, atom.Caption); c != nil {
			title = strings.TrimSpace(collapseSpace(textOf(c, false)))
		}
	}
	var items [][]blocks.Inline
	for _, tr := range findAll(n, atom.Tr) {
		var cells []string
		for ch := tr.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.DataAtom == atom.Td || ch.DataAtom == atom.Th {
				if t := strings.TrimSpace(collapseSpace(textOf(ch, false))); t != "" {
					cells = append(cells, t)
				}
			}
		}
		if len(cells) > 0 {
			items = append(items, splitRuns([]blocks.Inline{blocks.T(strings.Join(cells, " — "))}))
		}
	}
	if len(items) == 0 {
		w.note("an empty table left out")
		return
	}
	if title == "" {
		title = "Table"
	}
	w.out = append(w.out, blocks.FactBox(title, blocks.List(false, items...)))
	w.note("a table kept as a fact box")
}

// href returns a link's address as a block may hold it, or "" for one that
// cannot be a link (a script, a page anchor, a malformed address).
func (w *walk) href(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.HasPrefix(raw, "#") {
		return ""
	}
	u := w.abs(raw)
	lu := strings.ToLower(u)
	if !(strings.HasPrefix(lu, "http://") || strings.HasPrefix(lu, "https://") || strings.HasPrefix(lu, "mailto:")) || !blocks.SafeURL(u) {
		w.note("a link that is not http, https or mailto removed")
		return ""
	}
	return u
}

// abs reads a relative address against the old site's.
func (w *walk) abs(raw string) string {
	raw = strings.TrimSpace(raw)
	if w.c.Base == nil || raw == "" {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.IsAbs() {
		return raw
	}
	return w.c.Base.ResolveReference(u).String()
}

// fixOutline lowers headings that skip a level (an h4 after an h2), which
// WordPress allows and the block document does not.
func fixOutline(d blocks.Document) {
	prev := 1
	for i := range d {
		switch d[i].Type {
		case blocks.TypeHeading:
			d[i].Level = min(d[i].Level, prev+1)
			prev = d[i].Level
		case blocks.TypeFactBox:
			prev = 2
		}
	}
}

// cleanText drops what no block may hold: bytes that are not UTF-8, and
// invisible control characters and noncharacters (XML refuses most of them
// in an export, but a post's content may come from anywhere).
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return r
		case unicode.IsControl(r), r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
			return -1
		}
		return r
	}, s)
}

// valid reports whether one block passes the block document's checks.
func valid(b blocks.Block) bool { return blocks.Document{b}.Validate() == nil }

var spaces = regexp.MustCompile(`[ \t\n\r\f]+`)

// collapseSpace turns each run of white space into one space, as a page
// shows it, and drops what no block may hold (an entity can spell a
// control character).
func collapseSpace(s string) string { return spaces.ReplaceAllString(cleanText(s), " ") }

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// textOf is the text inside n; pre keeps its line breaks, as <pre> does.
func textOf(n *html.Node, pre bool) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && dropped[n.DataAtom]:
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			if pre {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			visit(ch)
		}
	}
	visit(n)
	return b.String()
}

func find(n *html.Node, a atom.Atom) *html.Node { return findAny(n, a) }

func findAny(n *html.Node, as ...atom.Atom) *html.Node {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode {
			for _, a := range as {
				if ch.DataAtom == a {
					return ch
				}
			}
			if f := findAny(ch, as...); f != nil {
				return f
			}
		}
	}
	return nil
}

func findClass(n *html.Node, class string) *html.Node {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode {
			if hasClass(ch, class) {
				return ch
			}
			if f := findClass(ch, class); f != nil {
				return f
			}
		}
	}
	return nil
}

func findAll(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.DataAtom == a {
			out = append(out, ch)
		}
		out = append(out, findAll(ch, a)...)
	}
	return out
}

func countImgs(n *html.Node) int { return len(findAll(n, atom.Img)) }

// ancestor returns the nearest element of type a above n, below stop.
func ancestor(n *html.Node, a atom.Atom, stop *html.Node) *html.Node {
	for p := n.Parent; p != nil && p != stop; p = p.Parent {
		if p.DataAtom == a {
			return p
		}
	}
	return nil
}
