package admin_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// patient runs actions with the minute a loaded two-core machine may need.
func (b *tab) patient(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// TestSettingsInTheBrowser: an admin renames the site on the settings
// screen, and the home page shows the new name.
func TestSettingsInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		b := n.open(t, news.RoleAdmin)
		b.patient(chromedp.Click(chromedp.CSS(`a[href="/admin/settings"]`)),
			chromedp.WaitVisible(chromedp.ID("name")),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("name").value = ""`),
			chromedp.SendKeys(chromedp.ID("name"), "The Aske Valley Gazette"),
			chromedp.SendKeys(chromedp.ID("tagline"), "Since 1871"),
			chromedp.Click(chromedp.CSS(`.settings-form button[type=submit]`)))
		b.until("the saved notice", `(document.querySelector(".notice")||{}).textContent === "Saved. Every page of the site shows the change now."`)
		b.patient(chromedp.Navigate(n.base + "/"))
		b.until("the new name on the home page", `document.querySelector("h1.brand").textContent === "The Aske Valley Gazette" &&
			document.title === "The Aske Valley Gazette | Since 1871"`)
	})
}

// TestPageEditingInTheBrowser: an editor writes a page in the text editor,
// publishes it, and a reader finds it in the footer and reads it.
func TestPageEditingInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		b := n.open(t, news.RoleEditor)
		b.patient(chromedp.Click(chromedp.CSS(`a[href="/admin/pages"]`)),
			chromedp.WaitVisible(chromedp.CSS(`a[href="/admin/pages/new"]`)),
			chromedp.Click(chromedp.CSS(`a[href="/admin/pages/new"]`)),
			chromedp.WaitVisible(chromedp.CSS("#body-editor .ProseMirror")),
			chromedp.SendKeys(chromedp.ID("title"), "Letters policy"),
			chromedp.Click(chromedp.CSS("#body-editor .ProseMirror")),
			chromedp.SendKeys(chromedp.CSS("#body-editor .ProseMirror"), "We print letters under the writer’s full name."),
			chromedp.Click(chromedp.CSS(`#page-form button[type=submit]`)))
		b.until("the saved page", `(document.querySelector(".notice")||{}).textContent === "Saved (version 1). It is not published yet."`)
		b.until("the text kept", `document.querySelector("#body-editor .ProseMirror").textContent.includes("under the writer’s full name")`)
		b.patient(chromedp.Click(chromedp.CSS(`form[action$="/publish"] button`)))
		b.until("the published notice", `document.querySelector(".notice").textContent.startsWith("Published")`)
		b.patient(chromedp.Navigate(n.base + "/"))
		b.until("the footer link", `!!document.querySelector('.site-footer a[href="/letters-policy"]')`)
		b.patient(chromedp.Click(chromedp.CSS(`.site-footer a[href="/letters-policy"]`)))
		b.until("the page", `location.pathname === "/letters-policy" && document.querySelector("h1").textContent === "Letters policy" &&
			document.querySelector(".static-page .body").textContent.includes("We print letters under the writer’s full name.")`)
	})
}
