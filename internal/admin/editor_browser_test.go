package admin_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// libraryPicture puts a processed picture with alt text in the library.
func (n *liveNewsroom) libraryPicture(t *testing.T, name, alt string) news.Asset {
	t.Helper()
	ctx := context.Background()
	pic, err := n.lib.Ingest(ctx, bytes.NewReader(jpegBytes(t, 800, 450)), name)
	if err != nil {
		t.Fatal(err)
	}
	pic.Alt = alt
	if err := n.st.UpdateAsset(ctx, &pic); err != nil {
		t.Fatal(err)
	}
	if _, err := n.lib.ProcessPending(ctx); err != nil {
		t.Fatal(err)
	}
	pic, err = n.st.Asset(ctx, pic.ID)
	if err != nil {
		t.Fatal(err)
	}
	return pic
}

// story stores an article as a writer's draft, or published.
func (n *liveNewsroom) story(t *testing.T, headline string, status news.Status) news.Article {
	t.Helper()
	a := news.Article{Headline: headline, Standfirst: "What happened.", Section: n.section, Authors: []news.Author{n.writers[0]},
		Body: blocks.Document{blocks.P(blocks.T("The harbour master said so on Tuesday."))}, Status: status}
	if _, err := n.st.SaveEdit(context.Background(), store.Edit{Article: &a}); err != nil {
		t.Fatal(err)
	}
	return a
}

func (b *tab) edit(a news.Article) {
	b.t.Helper()
	b.do(chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", b.n.base, a.ID)),
		chromedp.WaitVisible(chromedp.CSS("#body-editor .ProseMirror")))
}

// pickAndInsert opens the picture dialog from the toolbar, lets fill choose
// a picture, inserts it and types a word straight after.
func (b *tab) pickAndInsert(word string, fill ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	b.do(chromedp.Click(chromedp.CSS(`#toolbar [data-cmd="image"]`)), chromedp.WaitVisible(chromedp.ID("image-dialog")))
	b.do(fill...)
	b.do(chromedp.Click(chromedp.ID("image-insert")), chromedp.WaitNotVisible(chromedp.ID("image-dialog")),
		chromedp.KeyEvent(word))
}

// TestPicturesEveryWayInTheBrowser: a picture inserted each way (found in
// the library, by its number, uploaded, by its address) survives the word
// typed straight after it, the save, a reload and the preview; a save that
// loses a picture says so.
func TestPicturesEveryWayInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		n := newLiveNewsroom(t, st)
		wall := n.libraryPicture(t, "breakwater.jpg", "Waves breaking over the harbour wall")
		boats := n.libraryPicture(t, "boats.jpg", "Fishing boats moored at dawn")
		upload := filepath.Join(t.TempDir(), "lifeboat.jpg")
		if err := os.WriteFile(upload, jpegBytes(t, 640, 480), 0o644); err != nil {
			t.Fatal(err)
		}
		address := wall.Renditions[0].URL()
		a := n.story(t, "Storm damages the breakwater", news.Draft)
		b := n.open(t, news.RoleEditor)
		b.edit(a)
		b.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror p")), chromedp.KeyEvent(kb.End))
		b.pickAndInsert("Searched",
			chromedp.SendKeys(chromedp.ID("image-q"), "harbour wall"),
			chromedp.Click(chromedp.ID("image-find")),
			pickResult("harbour wall", wall.ID))
		b.pickAndInsert("Numbered", chromedp.SendKeys(chromedp.ID("image-asset"), fmt.Sprint(boats.ID)))
		b.do(chromedp.Click(chromedp.CSS(`#toolbar [data-cmd="image"]`)), chromedp.WaitVisible(chromedp.ID("image-dialog")),
			chromedp.SetUploadFiles(chromedp.ID("image-upload"), []string{upload}))
		b.waitFor("the upload", `/added/.test(document.getElementById("image-upload-status").textContent) && +document.getElementById("image-asset").value > 0`)
		uploaded := int64(evalIn[float64](b, `+document.getElementById("image-asset").value`))
		b.do(chromedp.SendKeys(chromedp.ID("image-alt"), "The lifeboat on its slipway"),
			chromedp.Click(chromedp.ID("image-insert")), chromedp.WaitNotVisible(chromedp.ID("image-dialog")), chromedp.KeyEvent("Uploaded"))
		b.pickAndInsert("Addressed", chromedp.SendKeys(chromedp.ID("image-src"), address),
			chromedp.SendKeys(chromedp.ID("image-alt"), "The wall again"))
		if got := evalIn[float64](b, `document.querySelectorAll("#body-editor .block-image").length`); got != 4 {
			t.Fatalf("the editor shows %v pictures after four inserts and typing, want 4", got)
		}
		// The lead picture comes from the same picker.
		b.do(chromedp.Click(chromedp.ID("lead-choose")), chromedp.WaitVisible(chromedp.ID("image-dialog")),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#image-results[aria-busy="false"][data-q=""] button[data-asset="%d"]`, boats.ID))))
		if alt := evalIn[string](b, fmt.Sprintf(`document.querySelector('#image-results button[data-asset="%d"]').textContent`, boats.ID)); !strings.Contains(alt, "Fishing boats moored at dawn") {
			t.Errorf("the picker shows %q for a picture, not its alt text", alt)
		}
		b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#image-results button[data-asset="%d"]`, boats.ID))),
			chromedp.Click(chromedp.ID("image-insert")), chromedp.WaitNotVisible(chromedp.ID("image-dialog")),
			chromedp.WaitVisible(chromedp.CSS("#lead-chosen img")))
		b.do(chromedp.Click(chromedp.ID("save-now")))
		b.savedVersion()
		if saved, _ := st.ArticleByID(ctx, a.ID); saved.LeadImage == nil || saved.LeadImage.Asset != boats.ID {
			t.Errorf("the lead picture chosen in the picker was not saved: %+v", saved.LeadImage)
		}
		// The media worker makes the uploaded picture's sizes, as `masthead serve` does in the background.
		if _, err := n.lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}

		check := func(when string) {
			t.Helper()
			saved, err := st.ArticleByID(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, bl := range saved.Body {
				switch {
				case bl.Type == blocks.TypeImage && bl.Asset != 0:
					kinds = append(kinds, fmt.Sprintf("asset %d", bl.Asset))
				case bl.Type == blocks.TypeImage:
					kinds = append(kinds, "src "+bl.Src)
				default:
					kinds = append(kinds, blocks.Document{bl}.Text())
				}
			}
			got := strings.Join(kinds, " | ")
			want := fmt.Sprintf("The harbour master said so on Tuesday. | asset %d | Searched | asset %d | Numbered | asset %d | Uploaded | src %s | Addressed",
				wall.ID, boats.ID, uploaded, address)
			if got != want {
				t.Errorf("%s, the saved body is\n%s\nwant\n%s", when, got, want)
			}
		}
		check("after the save")
		b.edit(a)
		if got := evalIn[float64](b, `document.querySelectorAll("#body-editor .block-image").length`); got != 4 {
			t.Errorf("after a reload the editor shows %v pictures, want 4", got)
		}
		preview := fetchAs(t, b, fmt.Sprintf("/admin/preview/%d", a.ID))
		for _, want := range []string{`alt="Waves breaking over the harbour wall"`, `alt="Fishing boats moored at dawn"`,
			`alt="The lifeboat on its slipway"`, `alt="The wall again"`} {
			if !strings.Contains(preview, want) {
				t.Errorf("the preview lacks the picture with %s", want)
			}
		}

		// Deleting a picture is allowed, and the status line says so.
		b.do(chromedp.Click(chromedp.CSS("#body-editor .block-image")), chromedp.KeyEvent(kb.Backspace),
			chromedp.Click(chromedp.ID("save-now")))
		b.savedVersion()
		if s := evalIn[string](b, `document.getElementById("save-status").textContent`); !strings.Contains(s, "1 picture fewer than the last save") {
			t.Errorf("after deleting a picture the status says %q", s)
		}
	})
}

// typeInto replaces a field's value as typing would, with its input event.
func (b *tab) typeInto(id, value string) {
	b.t.Helper()
	evalIn[bool](b, fmt.Sprintf(`(() => { const f = document.getElementById(%q); f.value = %q;
		f.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, id, value))
}

// fetchAs gets a newsroom page with the tab's cookies.
func fetchAs(t *testing.T, b *tab, path string) string {
	t.Helper()
	html, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`fetch(%q, {credentials: "same-origin"}).then(r => r.text())`, path),
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return html
}

// TestLinkPopoverInTheBrowser: a link is made in the popover (no prompt),
// typing after it does not extend it, the popover opens it and removes it,
// and the page title follows the headline.
func TestLinkPopoverInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		a := n.story(t, "Ferry timetable changes", news.Draft)
		b := n.open(t, news.RoleEditor)
		b.edit(a)
		b.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror p")), chromedp.KeyEvent(kb.End),
			chromedp.KeyEvent(" See the timetable"))
		// Select "timetable" (nine characters back) and press Ctrl+K.
		for range 9 {
			b.do(chromedp.KeyEvent(kb.ArrowLeft, chromedp.KeyModifiers(chromedp.ModifierShift)))
		}
		b.do(chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)), chromedp.WaitVisible(chromedp.ID("link-href")),
			chromedp.SendKeys(chromedp.ID("link-href"), "ferries.example/timetable"))
		// Enter as its keydown alone: the protocol sends a key's character as an
		// event of its own, which no browser delivers after a keydown that was
		// cancelled, and which would reach the story once it has the focus.
		evalIn[bool](b, `document.getElementById("link-href").dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true, cancelable: true}))`)
		b.do(chromedp.WaitNotVisible(chromedp.ID("link-popover")))
		b.waitFor("the story to have the keyboard again", `!!document.activeElement && !!document.activeElement.closest("#body-editor .ProseMirror")`)
		b.do(chromedp.KeyEvent(kb.End), chromedp.KeyEvent(" online."),
			chromedp.Click(chromedp.ID("save-now")))
		// An autosave may land while the keys are still being typed (a busy
		// machine types slowly), so wait for the save that has the last words.
		b.waitFor("the save of the whole paragraph", `/^Saved at/.test(document.getElementById("save-status").textContent) &&
			document.querySelector("#body-editor .ProseMirror p").textContent.endsWith(" online.")`)
		var saved news.Article
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
			saved, _ = st.ArticleByID(context.Background(), a.ID)
			if len(saved.Body) > 0 && strings.HasSuffix(blocksText(saved.Body[0]), " online.") {
				break
			}
		}
		var linked, plain []string
		for _, r := range saved.Body[0].Content {
			if r.Link != "" {
				linked = append(linked, r.Text+" → "+r.Link)
			} else {
				plain = append(plain, r.Text)
			}
		}
		if strings.Join(linked, "") != "timetable → https://ferries.example/timetable" || !strings.HasSuffix(strings.Join(plain, ""), " online.") {
			t.Errorf("the saved paragraph: links %q, plain %q", linked, plain)
		}
		// Clicking the link shows the popover with Open and Remove.
		b.do(chromedp.Click(chromedp.CSS("#body-editor a")), chromedp.WaitVisible(chromedp.ID("link-remove")))
		if href := evalIn[string](b, `document.getElementById("link-open").getAttribute("href")`); href != "https://ferries.example/timetable" {
			t.Errorf("the popover opens %q", href)
		}
		b.do(chromedp.Click(chromedp.ID("link-remove")), chromedp.WaitNotVisible(chromedp.ID("link-popover")))
		if evalIn[bool](b, `!!document.querySelector("#body-editor a")`) {
			t.Error("Remove link left the link")
		}
		b.typeInto("headline", "Ferry timetable changes from Monday")
		if got := evalIn[string](b, `document.title`); got != "Edit: Ferry timetable changes from Monday | Newsroom" {
			t.Errorf("the page title is %q after the headline changed", got)
		}
	})
}

// TestCorrectionInTheBrowser: an editor adds a correction to a live story
// from the side panel, sees what readers will see, and it is on the public
// page at once; then rewords it.
func TestCorrectionInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		a := n.story(t, "Harbour dues frozen", news.Published)
		b := n.open(t, news.RoleEditor)
		b.edit(a)
		b.do(chromedp.WaitVisible(chromedp.ID("note-text")),
			chromedp.SendKeys(chromedp.ID("note-text"), "An earlier version gave the freeze as two years."))
		if p := evalIn[string](b, `document.getElementById("note-preview").textContent`); !strings.HasPrefix(p, "Correction, ") ||
			!strings.HasSuffix(p, ": An earlier version gave the freeze as two years.") {
			t.Errorf("what readers will see: %q", p)
		}
		b.do(chromedp.Click(chromedp.ID("note-add")))
		b.waitFor("the correction in the list", `document.querySelectorAll("#notes-list li").length === 1`)
		if page := fetchPage(t, n.base+a.URL()); !strings.Contains(page, "An earlier version gave the freeze as two years.") {
			t.Error("the correction is not on the public page")
		}
		b.do(chromedp.Click(chromedp.CSS("#notes-list button")), chromedp.WaitVisible(chromedp.ID("reword-1")),
			chromedp.SetValue(chromedp.ID("reword-1"), "An earlier version gave the freeze as two years; it is one."),
			chromedp.Click(chromedp.CSS("#notes-list .reword-save")))
		b.waitFor("the reworded correction", `document.getElementById("notes-list").textContent.includes("it is one.") && !document.getElementById("reword-1")`)
		if page := fetchPage(t, n.base+a.URL()); !strings.Contains(page, "it is one.") {
			t.Error("the reworded correction is not on the public page")
		}
		// A note does not replace the text being written, and the editor's
		// version follows, so the next save is not a conflict.
		b.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror p")), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(" More."),
			chromedp.Click(chromedp.ID("save-now")))
		b.savedVersion()
	})
}

// TestSaveFailuresInTheBrowser: while the newsroom's API answers 503 the
// writer is told in plain words, the text stays in the editor and in the
// browser's copy, and the editor saves by itself when the server is back; a
// refused save (no headline) says why and keeps the text.
func TestSaveFailuresInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		a := n.story(t, "Quay lights repaired", news.Draft)
		b := n.open(t, news.RoleEditor)
		b.edit(a)
		n.down.Store(true)
		b.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror p")), chromedp.KeyEvent(kb.End),
			chromedp.KeyEvent(" The council paid for it."), chromedp.Click(chromedp.ID("save-now")))
		b.waitFor("the refusal", `/not answering/.test(document.getElementById("save-status").textContent)`)
		if kept := evalIn[string](b, fmt.Sprintf(`localStorage.getItem("masthead-draft-%d") || ""`, a.ID)); !strings.Contains(kept, "The council paid for it.") {
			t.Errorf("the browser's copy lacks the text: %q", kept)
		}
		n.down.Store(false)
		b.savedVersion() // by itself, on the retry
		saved, _ := st.ArticleByID(context.Background(), a.ID)
		if !strings.Contains(saved.Body.Text(), "The council paid for it.") {
			t.Errorf("after the server came back the stored text is %q", saved.Body.Text())
		}
		b.typeInto("headline", " ")
		b.do(chromedp.Click(chromedp.ID("save-now")))
		b.waitFor("the refusal", `/^Not saved: /.test(document.getElementById("save-status").textContent)`)
		if msg := evalIn[string](b, `document.getElementById("headline-error").textContent`); msg == "" {
			t.Error("an empty headline is refused without a word at the field")
		}
		if mine := evalIn[string](b, `window.mastheadEditor.getText()`); !strings.Contains(mine, "The council paid for it.") {
			t.Errorf("the text left the editor after a refused save: %q", mine)
		}
		b.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror p")), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(" Work starts in May."))
		b.waitFor("the browser's copy of the refused text", fmt.Sprintf(`(localStorage.getItem("masthead-draft-%d") || "").includes("Work starts in May.")`, a.ID))
		if saved, _ := st.ArticleByID(context.Background(), a.ID); saved.Headline != "Quay lights repaired" || strings.Contains(saved.Body.Text(), "Work starts") {
			t.Errorf("a refused save changed what was stored: %q, %q", saved.Headline, saved.Body.Text())
		}
		// Once the headline is back, the editor saves by itself.
		b.typeInto("headline", "Quay lights repaired at last")
		b.savedVersion()
		saved, _ = st.ArticleByID(context.Background(), a.ID)
		if saved.Headline != "Quay lights repaired at last" || !strings.Contains(saved.Body.Text(), "Work starts in May.") {
			t.Errorf("after the fix the stored article is %q, %q", saved.Headline, saved.Body.Text())
		}
	})
}

// blocksText is the words of one block's runs.
func blocksText(b blocks.Block) string {
	var sb strings.Builder
	for _, r := range b.Content {
		sb.WriteString(r.Text)
	}
	return sb.String()
}
