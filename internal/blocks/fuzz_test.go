package blocks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
	"testing"
)

// FuzzParseRender checks that whatever bytes arrive, Parse either refuses
// them or returns a document whose HTML holds only the markup the renderer is
// meant to write, and which survives a trip through JSON unchanged.
func FuzzParseRender(f *testing.F) {
	full, err := json.Marshal(fullDoc())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(full)
	for _, seed := range []string{
		`[]`,
		`[{"type":"paragraph","content":[{"text":"<script>alert(1)</script> & \"q\" ’ —","bold":true,"italic":true}]}]`,
		`[{"type":"paragraph","content":[{"text":"x","link":"https://example.com/?q=\"><script>&a=[1]|#f#g%"}]}]`,
		`[{"type":"paragraph","content":[{"text":"x","link":"javascript:alert(1)"}]}]`,
		`[{"type":"heading","level":3,"content":[{"text":"a\nb"}]},{"type":"divider"}]`,
		`[{"type":"quote","content":[{"text":"q"}],"attribution":"<b>"},{"type":"pullquote","content":[{"text":"p"}]}]`,
		`[{"type":"list","ordered":true,"items":[[{"text":"a"}],[{"text":"b","link":"mailto:a@example.com"}]]}]`,
		`[{"type":"image","src":"/media/a%20b.jpg","width":1,"height":20000,"alt":"\"'<>&","caption":"c","credit":"d"}]`,
		`[{"type":"image","src":"https://example.com/a.jpg?x=1&y='2'","width":5,"height":5,"alt":"a"}]`,
		`[{"type":"image","asset":42},{"type":"image","asset":1,"alt":"<a>","caption":"&","credit":"\""}]`,
		`[{"type":"image","asset":-3,"alt":"a"}]`,
		`[{"type":"image","asset":3,"src":"/media/a.jpg","width":1,"height":1,"alt":"a"}]`,
		`[{"type":"embed","url":"https://youtu.be/x?t=1&a=\"b\"","title":"<iframe>"}]`,
		`[{"type":"factbox","title":"F","body":[{"type":"heading","level":4,"content":[{"text":"h"}]},{"type":"list","items":[[{"text":"i"}]]}]}]`,
		`[{"type":"factbox","title":"F","body":[{"type":"factbox","title":"G","body":[]}]}]`,
	} {
		f.Add([]byte(seed))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		if doc := randomDocument(r); doc.Validate() == nil {
			data, _ := json.Marshal(doc)
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(data)
		if err != nil {
			return
		}
		out := string(doc.HTML())
		if err := checkMarkup(out); err != nil {
			t.Fatalf("%v\ninput: %q\nhtml: %s", err, data, out)
		}
		if err := roundTrip(doc, out); err != nil {
			t.Fatalf("%v\ninput: %q", err, data)
		}
		if out := string(withPictures(doc, nil).HTML()); checkMarkup(out) != nil {
			t.Fatalf("with library pictures: %v\ninput: %q\nhtml: %s", checkMarkup(out), data, out)
		}
	})
}

// withPictures gives the document's library images a Picture, as the store
// does, whose words are the block's own shuffled (so that whatever the
// fuzzer wrote reaches the renderer as the library's words too) and whose
// rendition paths, with r, are sometimes ones the renderer must refuse.
func withPictures(doc Document, r *rand.Rand) Document {
	out := make(Document, len(doc))
	copy(out, doc)
	for i := range out {
		b := &out[i]
		if b.Type != TypeImage || b.Asset == 0 {
			continue
		}
		p := &Picture{JPEG: []PictureSize{{"/media/r/a-320.jpg", 320}, {"/media/r/a-960.jpg", 960}},
			WebP: []PictureSize{{"/media/r/a-320.webp", 320}}, Width: 960, Height: 540,
			Alt: b.Caption, Caption: b.Credit, Credit: b.Alt}
		if r != nil && r.IntN(4) == 0 {
			p.WebP = append(p.WebP, PictureSize{pick(r, []string{"/media/", "r/", "a", "-", ".", ",", " ", "%2e", "https://x/", `"`}, 4), 1 + r.IntN(3000)})
		}
		b.Picture = p
	}
	return out
}

// roundTrip checks that doc, whose HTML is out, survives Marshal and Parse.
// It compares JSON rather than structs: Parse may give an empty slice where
// the first decode gave nil, which marshal and render alike.
func roundTrip(doc Document, out string) error {
	_ = doc.Text()
	_ = doc.WordCount()
	again, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("Marshal: %v", err)
	}
	back, err := Parse(again)
	if err != nil {
		return fmt.Errorf("Parse(Marshal(doc)): %v\n%s", err, again)
	}
	if third, _ := json.Marshal(back); !bytes.Equal(third, again) {
		return fmt.Errorf("round trip changed the document:\n%s\n%s", again, third)
	}
	if string(back.HTML()) != out {
		return fmt.Errorf("round trip changed the HTML:\n%s\n%s", out, back.HTML())
	}
	return nil
}

// TestRandomDocuments checks the fuzz properties on generated documents,
// which reach deeper than mutated bytes usually do, on every plain go test.
func TestRandomDocuments(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	valid := 0
	for range 500 {
		doc := randomDocument(r)
		if doc.Validate() != nil {
			continue // a heading that skips a level, mostly
		}
		valid++
		out := string(doc.HTML())
		if err := checkMarkup(out); err != nil {
			t.Fatalf("%v\nhtml: %s", err, out)
		}
		if err := roundTrip(doc, out); err != nil {
			t.Fatal(err)
		}
		if out := string(withPictures(doc, r).HTML()); checkMarkup(out) != nil {
			t.Fatalf("with library pictures: %v\nhtml: %s", checkMarkup(out), out)
		}
	}
	if valid < 200 {
		t.Errorf("only %d of 500 generated documents were valid; the generator has drifted", valid)
	}
}

// allowedAttrs lists the elements the renderer writes and, space-delimited,
// the attributes each may carry.
var allowedAttrs = map[string]string{
	"p": " class ", "br": " ", "strong": " ", "em": " ", "a": " href rel ",
	"h2": " ", "h3": " ", "h4": " ", "blockquote": " ", "footer": " ",
	"figure": " class data-frame data-shape data-provider ", "figcaption": " ", "aside": " class ", "ul": " ", "ol": " ",
	"li": " ", "img": " src srcset sizes alt width height loading decoding ", "small": " class ", "hr": " ",
	"picture": " ", "source": " media type srcset sizes ",
}

var voidElements = map[string]bool{"br": true, "img": true, "hr": true, "source": true}

// checkMarkup scans rendered HTML and reports the first thing in it that the
// renderer should never write: an element or attribute off the allow-list,
// an unsafe href or src, a < or > that is not part of a tag, an & that
// starts no entity escapeText writes, or tags that do not nest.
func checkMarkup(s string) error {
	var stack []string
	for i := 0; i < len(s); {
		switch s[i] {
		case '>':
			return fmt.Errorf("stray > at byte %d", i)
		case '&':
			if !entityAt(s[i:]) {
				return fmt.Errorf("bare & at byte %d", i)
			}
			i++
			continue
		case '<':
		default:
			i++
			continue
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			return fmt.Errorf("unclosed tag at byte %d", i)
		}
		tag := s[i+1 : i+end]
		i += end + 1
		if name, ok := strings.CutPrefix(tag, "/"); ok {
			if len(stack) == 0 || stack[len(stack)-1] != name {
				return fmt.Errorf("</%s> does not close the open element (open: %v)", name, stack)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		name, attrs, _ := strings.Cut(tag, " ")
		allowed, ok := allowedAttrs[name]
		if !ok {
			return fmt.Errorf("element <%s> is not allowed", name)
		}
		if err := checkAttrs(name, attrs, allowed); err != nil {
			return err
		}
		if !voidElements[name] {
			stack = append(stack, name)
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("elements left open: %v", stack)
	}
	return nil
}

// checkAttrs checks a tag's attributes, written as name="value" pairs
// separated by single spaces, as the renderer writes them.
func checkAttrs(elem, attrs, allowed string) error {
	seen := map[string]bool{}
	for attrs != "" {
		name, rest, ok := strings.Cut(attrs, `="`)
		if !ok || !strings.Contains(allowed, " "+name+" ") || seen[name] {
			return fmt.Errorf("<%s> has a bad or repeated attribute in %q", elem, attrs)
		}
		seen[name] = true
		value, rest, ok := strings.Cut(rest, `"`)
		if !ok || strings.ContainsAny(value, "<>") {
			return fmt.Errorf("<%s %s> has a bad value", elem, name)
		}
		for v := value; ; v = v[1:] {
			j := strings.IndexByte(v, '&')
			if j < 0 {
				break
			}
			if v = v[j:]; !entityAt(v) {
				return fmt.Errorf("<%s %s> has a bare &", elem, name)
			}
		}
		url := html.UnescapeString(value)
		switch {
		case name == "href" && !SafeURL(url):
			return fmt.Errorf("href %q does not pass SafeURL", url)
		case name == "src" && !strings.HasPrefix(url, "/media/") && !strings.HasPrefix(url, "https://"):
			return fmt.Errorf("src %q is neither /media/ nor https", url)
		case name == "data-frame" && (!strings.HasPrefix(url, "https://") || !SafeURL(url)):
			return fmt.Errorf("data-frame %q is not a safe https URL", url)
		case name == "srcset" && !srcsetOK(url):
			return fmt.Errorf("srcset %q is not a list of /media/ paths and widths", url)
		case name == "sizes" && url != ColumnSizes:
			return fmt.Errorf("sizes %q is not the column's", url)
		}
		attrs = strings.TrimPrefix(rest, " ")
	}
	return nil
}

// srcsetOK reports whether s is a list of "/media/PATH WIDTHw" candidates.
func srcsetOK(s string) bool {
	for c := range strings.SplitSeq(s, ", ") {
		u, w, ok := strings.Cut(c, " ")
		if !ok || !mediaPath(u) || !strings.HasSuffix(w, "w") || strings.Trim(w[:len(w)-1], "0123456789") != "" || len(w) < 2 {
			return false
		}
	}
	return true
}

// entityAt reports whether s starts with one of the entities escapeText writes.
func entityAt(s string) bool {
	for _, e := range [...]string{"&lt;", "&gt;", "&amp;", "&#34;", "&#39;"} {
		if strings.HasPrefix(s, e) {
			return true
		}
	}
	return false
}

// The checker must itself catch what it is there to catch.
func TestCheckMarkup(t *testing.T) {
	if err := checkMarkup(string(fullDoc().HTML())); err != nil {
		t.Errorf("full document: %v", err)
	}
	bad := []string{
		`<script>alert(1)</script>`,
		`<p onclick="x">a</p>`,
		`<a href="javascript:alert(1)" rel="noopener">x</a>`,
		`<a href="/relative" rel="noopener">x</a>`,
		`<img src="http://example.com/a.jpg" alt="a">`,
		`<img src="/media/a.jpg" src="/media/b.jpg">`,
		`<p>a < b</p>`,
		`<p>a > b</p>`,
		`<p>AT&T</p>`,
		`<p>x</em>`,
		`<p>open`,
		`<p id="x">a</p>`,
		`<figure class="embed" data-frame="javascript:alert(1)"></figure>`,
		`<figure class="embed" data-frame="http://example.com/"></figure>`,
		`<iframe src="https://example.com"></iframe>`,
		`<img src="/media/a.jpg" srcset="https://evil.example/a.jpg 1w">`,
		`<img src="/media/a.jpg" srcset="/media/a.jpg">`,
		`<source srcset="/media/a.jpg 1w" sizes="100vw">`,
		`<source onerror="x">`,
		`<a href="https://example.com/&x" rel="noopener">x</a>`,
	}
	for _, s := range bad {
		if checkMarkup(s) == nil {
			t.Errorf("checkMarkup(%q) = nil, want an error", s)
		}
	}
}
