package admin_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// uncovered is a script for the element that has the focus: true when it is
// shown in the window and neither the action bar nor the toolbar is drawn
// over its top edge. Elements of the bars themselves, and ones too tall for
// the window (the text), are not checked.
const uncovered = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body || el.closest("#action-bar, #toolbar")) return "skip";
	const r = el.getBoundingClientRect();
	if (r.height === 0 || r.height > innerHeight / 2) return "skip";
	if (r.top < 0 || r.bottom > innerHeight) return (el.id || el.name) + " is outside the window";
	const hit = document.elementFromPoint(r.left + Math.min(8, r.width / 2), r.top + 2);
	if (hit && (hit === el || el.contains(hit) || hit.contains(el) || hit.closest("label") && hit.closest("label").control === el)) return "ok";
	return (el.id || el.name) + " is under " + (hit ? (hit.closest("[id]") || hit).id || hit.tagName : "nothing");
})()`

// underTheBars is a script that, for every field of the form shown on the
// page, scrolls the page so the field sits just under the top of the window
// (behind the sticky bars, where a writer scrolling back up leaves it), then
// gives it the focus as a click or Tab does, and checks that the page moved
// it clear of the bars. It returns how many fields it checked and the
// problems.
const underTheBars = `(() => {
	const fields = Array.from(document.querySelectorAll("#article-form input, #article-form textarea, #article-form select"))
		.filter(el => el.type !== "hidden" && !el.closest("#action-bar, #toolbar, [hidden], details:not([open])") && el.getClientRects().length > 0);
	const out = {checked: 0, problems: []};
	for (const el of fields) {
		const top = el.getBoundingClientRect().top + scrollY;
		if (top < 200) continue; // above where the bars stick
		window.scrollTo(0, top - 5);
		el.focus();
		const got = (` + uncovered + `);
		if (got === "ok") out.checked++;
		else if (got !== "skip") out.problems.push(got);
	}
	return out;
})()`

// inView is a script for whether the element of a selector is shown whole
// in the window.
func inView(sel string) string {
	return fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el || el.hidden) return false;
		const r = el.getBoundingClientRect(); return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight })()`, sel)
}

// TestEditorFrameInTheBrowser (issue 14 item 8): on a phone and on a
// desktop, in a story far longer than the window, Save, Preview and the
// state's action (Unpublish, then Update once there are changes) stay in
// view with the page scrolled to its end; tabbing through the form never
// leaves a field under the sticky action bar or toolbar; the console shows
// no error.
func TestEditorFrameInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		a := news.Article{Headline: "Harbour wall repairs begin", Standfirst: "The work will take all winter.", Section: n.section,
			Authors: []news.Author{n.writers[0]}, Status: news.Published}
		for i := range 60 {
			a.Body = append(a.Body, blocks.P(blocks.T(fmt.Sprintf("Paragraph %d of the contractor's report, read out at the council meeting on Tuesday evening.", i+1))))
		}
		if _, err := st.SaveEdit(context.Background(), store.Edit{Article: &a}); err != nil {
			t.Fatal(err)
		}
		b := n.open(t, news.RoleEditor)
		var mu sync.Mutex
		var errs []string
		messages := chromedp.Console(b.ctx)
		go func() {
			for m, err := range messages {
				if err != nil {
					return
				}
				if m.Type == chromedp.ConsoleError || m.IsException() {
					mu.Lock()
					errs = append(errs, m.String()+" at "+m.URL)
					mu.Unlock()
				}
			}
		}()
		for i, size := range []struct{ w, h int64 }{{360, 740}, {1366, 768}} {
			b.do(chromedp.EmulateViewport(size.w, size.h))
			b.edit(a)
			if tall := evalIn[bool](b, `document.documentElement.scrollHeight > 3 * innerHeight`); !tall {
				t.Fatalf("at %d px the editor is not longer than three windows: the test needs a long page", size.w)
			}
			evalIn[bool](b, `(window.scrollTo(0, document.documentElement.scrollHeight), true)`)
			b.waitFor("the page scrolled to its end", `scrollY + innerHeight >= document.documentElement.scrollHeight - 2`)
			for _, sel := range []string{"#save-now", "#preview-link", `button[data-action="unpublish"]`} {
				if !evalIn[bool](b, inView(sel)) {
					t.Errorf("at %d px, scrolled to the end, %s is out of view", size.w, sel)
				}
			}
			// Type at the end of the story: the changes wait for Update, which
			// is in view where the writer is.
			b.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror p:last-child")), chromedp.KeyEvent(kb.End),
				chromedp.KeyEvent(fmt.Sprintf(" Change %d.", i+1)))
			b.waitFor("the autosave", `document.body.dataset.pending === "true"`)
			for _, sel := range []string{"#save-now", "#preview-link", `button[data-action="update"]`} {
				if !evalIn[bool](b, inView(sel)) {
					t.Errorf("at %d px, writing at the end, %s is out of view", size.w, sel)
				}
			}
			// Tab through the form from the headline, starting at the end
			// of the page: each field is brought into view clear of the bars.
			evalIn[bool](b, `(window.scrollTo(0, document.documentElement.scrollHeight), document.getElementById("headline").focus(), true)`)
			checked := 0
			for range 30 {
				switch got := evalIn[string](b, uncovered); got {
				case "ok":
					checked++
				case "skip":
				default:
					t.Errorf("at %d px: %s", size.w, got)
				}
				b.do(chromedp.KeyEvent(kb.Tab))
			}
			if checked < 5 {
				t.Errorf("at %d px only %d fields were checked", size.w, checked)
			}
			type result struct {
				Checked  int
				Problems []string
			}
			if r := evalIn[result](b, underTheBars); r.Checked < 5 || len(r.Problems) > 0 {
				t.Errorf("at %d px, fields given the focus behind the bars (%d checked): %q", size.w, r.Checked, r.Problems)
			}
			if got := evalIn[string](b, `document.title`); got != "Edit: Harbour wall repairs begin | Newsroom" {
				t.Errorf("the page title is %q", got)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if len(errs) > 0 {
			t.Errorf("the console shows errors:\n%s", strings.Join(errs, "\n"))
		}
	})
}
