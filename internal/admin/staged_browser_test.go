package admin_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestStagedUpdateInTheBrowser: typing in a published story and letting
// the editor autosave changes nothing readers see; the editor says the
// changes are not live yet; Update makes them live at once, and Discard on a
// later change drops it.
func TestStagedUpdateInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		a := n.story(t, "Ferry timetable changes", news.Published)
		live := n.base + a.URL()
		if page := fetchPage(t, live); !strings.Contains(page, "The harbour master said so on Tuesday.") {
			t.Fatal("the published story is not on the site")
		}
		b := n.open(t, news.RoleEditor)
		b.edit(a)
		b.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror p")), chromedp.KeyEvent(kb.End),
			chromedp.KeyEvent(" HALF-TYPED SENTENCE WITH A TYP"))
		// No Save pressed: the autosave stores the words as pending changes.
		b.waitFor("the autosave", `document.body.dataset.pending === "true" &&
			document.getElementById("stage-text").textContent === "Published — changes not yet live"`)
		if evalIn[bool](b, `!!document.querySelector('button[data-action="publish"]')`) {
			t.Error("a live story with changes offers Publish rather than Update")
		}
		if page := fetchPage(t, live); strings.Contains(page, "HALF-TYPED") {
			t.Fatal("the autosave reached the public page before Update")
		}
		// Preview changes shows them under its bar.
		if link := evalIn[string](b, `document.getElementById("preview-link").textContent`); link != "Preview changes" {
			t.Errorf("the preview link reads %q with changes not yet live", link)
		}
		if pv := fetchAs(t, b, evalIn[string](b, `document.getElementById("preview-link").getAttribute("href")`)); !strings.Contains(pv, "HALF-TYPED") ||
			!strings.Contains(pv, "Preview of changes not yet live") {
			t.Error("Preview changes does not show the changes under its bar")
		}

		b.do(chromedp.Click(chromedp.CSS(`button[data-action="update"]`)))
		b.waitFor("the update", `document.body.dataset.pending === "false"`)
		waitForPage(t, live, "HALF-TYPED SENTENCE WITH A TYP", true)

		// A later change, discarded, never reaches readers.
		b.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror p")), chromedp.KeyEvent(kb.End),
			chromedp.KeyEvent(" SECOND THOUGHTS"))
		b.waitFor("the second autosave", `document.body.dataset.pending === "true"`)
		// The editor asks first; the person answers yes.
		evalIn[bool](b, `(window.confirm = () => true, true)`)
		b.do(chromedp.Click(chromedp.CSS(`button[data-action="discard"]`)))
		b.waitFor("the discard", `document.body.dataset.pending === "false"`)
		waitForPage(t, live, "SECOND THOUGHTS", false)
		if page := fetchPage(t, live); !strings.Contains(page, "HALF-TYPED SENTENCE WITH A TYP") {
			t.Error("the discard took away the update that was live")
		}
	})
}

// waitForPage fetches a public page until it holds (or, with want false,
// no longer holds) a text, failing after a few seconds.
func waitForPage(t *testing.T, url, text string, want bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if strings.Contains(fetchPage(t, url), text) == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page %s: holds %q is %v, want %v", url, text, !want, want)
		}
	}
}
