package wordpress

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"masthead/internal/blocks"
)

// fakePictures is a library holding picture 7 (attachment 70, uploaded
// as 2024/01/cat.jpg) with alt text and caption.
type fakePictures struct{}

func (fakePictures) ByID(id int64) (Picture, bool) {
	return Picture{Asset: 7, Alt: "A cat", Caption: "Our cat"}, id == 70
}

func (fakePictures) ByURL(src string) (Picture, bool) {
	x := newPictureIndex()
	x.add(70, Picture{Asset: 7}, []string{"2024/01/cat.jpg"})
	return x.ByURL(src)
}

// TestConvert checks what WordPress content becomes, case by case: the
// block document a reader would expect from what the post showed.
func TestConvert(t *testing.T) {
	p, t_, l, b, i := blocks.P, blocks.T, blocks.L, blocks.B, blocks.I
	for _, tc := range []struct {
		name, in string
		want     blocks.Document
		notes    []string
	}{
		{"wpautop paragraphs and line breaks", "First line\nsecond line\n\nNew paragraph",
			blocks.Document{p(t_("First line\nsecond line")), p(t_("New paragraph"))}, nil},
		{"entities decoded once, typography kept", "It&#8217;s “quoted” &#8212; AT&amp;T &amp;amp; more&#8230;",
			blocks.Document{p(t_("It’s “quoted” — AT&T &amp; more…"))}, nil},
		{"marks and links", `<p>A <strong>bold</strong>, <em>italic</em> <a href="https://x.example/a?b=1">link</a>.</p>`,
			blocks.Document{p(t_("A "), b("bold"), t_(", "), i("italic"), t_(" "), l("link", "https://x.example/a?b=1"), t_("."))}, nil},
		{"relative links read against the old site", `<p><a href="/2019/01/a/">old</a></p>`,
			blocks.Document{p(l("old", "http://old.example.com/2019/01/a/"))}, nil},
		{"headings keep their outline", "<h1>One</h1><h4>Deep</h4><h3>Three</h3>",
			blocks.Document{blocks.Heading(2, "One"), blocks.Heading(3, "Deep"), blocks.Heading(3, "Three")}, nil},
		{"nested lists flattened", "<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>",
			blocks.Document{blocks.List(true, []blocks.Inline{t_("a")}, []blocks.Inline{t_("b")}, []blocks.Inline{t_("c")})}, nil},
		{"quote with its source", "<blockquote><p>Words.</p><cite>— Ann</cite></blockquote>",
			blocks.Document{blocks.Quote("Words.", "Ann")}, nil},
		{"library picture by class, any size", `<img class="wp-image-70" src="http://old.example.com/wp-content/uploads/2024/01/cat-1024x768.jpg" alt="">`,
			blocks.Document{blocks.AssetImage(7, "", "", "")}, nil},
		{"library picture by address", `<figure><img src="http://old.example.com/wp-content/uploads/2024/01/cat-300x200.jpg" alt="Tabby"><figcaption>Asleep</figcaption></figure>`,
			blocks.Document{blocks.AssetImage(7, "Tabby", "Asleep", "")}, nil},
		{"[caption] shortcode", `[caption id="attachment_70" width="300"]<img src="x.jpg" alt="Cat"> The cat, asleep.[/caption]`,
			blocks.Document{blocks.AssetImage(7, "Cat", "The cat, asleep.", "")}, nil},
		{"missing upload becomes a link", `<img src="http://old.example.com/wp-content/uploads/2024/01/dog.jpg" alt="Dog">`,
			blocks.Document{p(l("Dog", "http://old.example.com/wp-content/uploads/2024/01/dog.jpg"))},
			[]string{"picture 2024/01/dog.jpg is not in the uploads folder: linked to its old address"}},
		{"[gallery] by ids", `[gallery ids="70,71"]`,
			blocks.Document{blocks.AssetImage(7, "", "", "")}, []string{"gallery picture 71 is not in the uploads folder: left out"}},
		{"bare address is an embed", "Watch:\n\nhttps://www.youtube.com/watch?v=abc\n\nDone.",
			blocks.Document{p(t_("Watch:")), blocks.Embed("https://www.youtube.com/watch?v=abc", ""), p(t_("Done."))}, nil},
		{"[embed] and iframe players", `[embed]https://vimeo.com/1[/embed]<iframe src="https://www.youtube.com/embed/xyz?rel=0" title="Clip"></iframe>`,
			blocks.Document{blocks.Embed("https://vimeo.com/1", ""), blocks.Embed("https://www.youtube.com/watch?v=xyz", "Clip")}, nil},
		{"[video] and [audio] shortcodes as embeds", `[video width="640" height="360" mp4="https://old.example.com/wp-content/uploads/2024/01/clip.mp4"][/video]` + "\n\n" +
			`[audio src="https://old.example.com/wp-content/uploads/2024/01/talk.mp3"]`,
			blocks.Document{blocks.Embed("https://old.example.com/wp-content/uploads/2024/01/clip.mp4", ""),
				blocks.Embed("https://old.example.com/wp-content/uploads/2024/01/talk.mp3", "")}, nil},
		{"X post as an embed block", `<!-- wp:embed {"url":"https://x.com/harbourpilots/status/1790000000000000000","type":"rich","providerNameSlug":"twitter"} -->
<figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter"><div class="wp-block-embed__wrapper">
https://x.com/harbourpilots/status/1790000000000000000
</div><figcaption class="wp-element-caption">The pilots' post</figcaption></figure>
<!-- /wp:embed -->`,
			blocks.Document{blocks.Embed("https://x.com/harbourpilots/status/1790000000000000000", "The pilots' post")}, nil},
		{"Gutenberg gallery: every picture, each with its caption", `<!-- wp:gallery {"linkTo":"none"} -->
<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":70} -->
<figure class="wp-block-image"><img src="http://old.example.com/wp-content/uploads/2024/01/cat-1024x768.jpg" alt="The cat" class="wp-image-70"/><figcaption class="wp-element-caption">Awake</figcaption></figure>
<!-- /wp:image -->

<!-- wp:image -->
<figure class="wp-block-image"><img src="/wp-content/uploads/2024/01/cat-300x200.jpg" alt="The cat again"/></figure>
<!-- /wp:image --></figure>
<!-- /wp:gallery -->`,
			blocks.Document{blocks.AssetImage(7, "The cat", "Awake", ""), blocks.AssetImage(7, "The cat again", "", "")}, nil},
		{"table as a fact box", "<table><caption>Scores</caption><tr><th>Team</th><th>Goals</th></tr><tr><td>Reds</td><td>2</td></tr></table>",
			blocks.Document{blocks.FactBox("Scores", blocks.List(false, []blocks.Inline{t_("Team — Goals")}, []blocks.Inline{t_("Reds — 2")}))},
			[]string{"a table kept as a fact box"}},
		{"separator", "<p>a</p><hr><p>b</p>", blocks.Document{p(t_("a")), blocks.Divider(), p(t_("b"))}, nil},
		{"unknown shortcode kept and reported, escaped one kept", `[poll id="3"] and [[gallery]]`,
			blocks.Document{p(t_(`[poll id="3"] and [gallery]`))}, []string{"unknown shortcode [poll] kept as text"}},
		{"hostile content", `<p onclick="x" style="color:red">Hi<script>alert(1)</script> <a href="javascript:alert(2)">there</a></p><img src=x onerror=alert(3)>`,
			blocks.Document{p(t_("Hi there")), p(l("Picture", "http://old.example.com/x"))},
			[]string{"<script> removed", "a link that is not http, https or mailto removed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Converter{Pictures: fakePictures{}, Base: mustURL("http://old.example.com/")}
			got := c.Convert(tc.in)
			if !reflect.DeepEqual(got.Doc, tc.want) {
				g, _ := json.Marshal(got.Doc)
				w, _ := json.Marshal(tc.want)
				t.Errorf("got  %s\nwant %s", g, w)
			}
			if !reflect.DeepEqual(got.Notes, tc.notes) {
				t.Errorf("notes = %q, want %q", got.Notes, tc.notes)
			}
			if err := got.Doc.Validate(); err != nil {
				t.Errorf("the document does not validate: %v", err)
			}
		})
	}
}

// TestConvertLongTextSplits keeps a run longer than a block takes as
// several runs rather than losing the post.
func TestConvertLongTextSplits(t *testing.T) {
	long := strings.Repeat("word ", 9000)
	got := (&Converter{}).Convert(long)
	if err := got.Doc.Validate(); err != nil {
		t.Fatal(err)
	}
	if n := len(got.Doc[0].Content); n < 3 {
		t.Errorf("%d runs, want the 45,000 characters cut in three", n)
	}
}
