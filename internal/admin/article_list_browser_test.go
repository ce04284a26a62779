package admin_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// until polls a script until it is true, for up to a minute: the machine
// may be loaded, and the page is re-queried each time, never held. A page
// between two documents, or a script that throws, counts as not yet.
func (b *tab) until(what, js string) {
	b.t.Helper()
	js = "(() => { try { return !!(" + js + "); } catch (e) { return false; } })()"
	deadline := time.Now().Add(60 * time.Second)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("timed out waiting for %s (page: %s)", what, evalIn[string](b, `location.href + " " + document.title`))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestArticleListInTheBrowser: an editor searches the list and filters it
// by status with the form, chooses two stories, and unpublishes them after
// a confirmation that names the count.
func TestArticleListInTheBrowser(t *testing.T) {
	st := dbtest.SQLite(t)
	n := newLiveNewsroom(t, st)
	ctx := context.Background()
	ids := map[string]int64{}
	for _, c := range []struct {
		headline string
		status   news.Status
	}{{"Harbour wall to be rebuilt", news.Published}, {"Harbour dues rise", news.Published},
		{"Harbour master retires", news.Draft}, {"Ferry fares frozen", news.Published}} {
		a := news.Article{Headline: c.headline, Standfirst: "What happened.", Section: n.section, Authors: n.writers[:1],
			Body: blocks.Document{blocks.P(blocks.T("Said on Tuesday."))}, Status: c.status}
		if _, err := st.SaveEdit(ctx, store.Edit{Article: &a}); err != nil {
			t.Fatal(err)
		}
		ids[c.headline] = a.ID
	}
	b := n.open(t, news.RoleEditor)
	b.do(chromedp.Navigate(n.base+"/admin/articles"), chromedp.WaitVisible(chromedp.ID("f-q")))
	b.do(chromedp.SendKeys(chromedp.ID("f-q"), "harbour"),
		chromedp.SetValue(chromedp.ID("f-stage"), "published"),
		chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)))
	b.until("the filtered list", `location.search.includes("q=harbour") && location.search.includes("stage=published")`)
	rows := `Array.from(document.querySelectorAll("#bulk tbody a")).map(a => a.textContent).sort().join("|")`
	b.until("the two published harbour stories", rows+` === "Harbour dues rise|Harbour wall to be rebuilt"`)
	// The filters are kept in the form, for the next search.
	if v := evalIn[string](b, `document.getElementById("f-stage").value`); v != "published" {
		t.Errorf("the status filter reads %q after the search", v)
	}
	b.do(chromedp.Click(chromedp.ID(fmt.Sprint("pick-", ids["Harbour wall to be rebuilt"]))),
		chromedp.Click(chromedp.ID(fmt.Sprint("pick-", ids["Harbour dues rise"]))),
		chromedp.SetValue(chromedp.ID("b-action"), "unpublish"),
		chromedp.Click(chromedp.CSS(`#bulk button[type=submit]`)))
	b.until("the confirmation", `document.querySelector("h1")?.textContent === "Unpublish 2 articles?"`)
	if got, _ := st.ArticleByID(ctx, ids["Harbour dues rise"]); got.Status != news.Published {
		t.Fatal("the confirmation page changed the article already")
	}
	b.do(chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	b.until("the result", `document.querySelector("h1")?.textContent === "Unpublished 2 articles"`)
	for _, h := range []string{"Harbour wall to be rebuilt", "Harbour dues rise"} {
		if got, _ := st.ArticleByID(ctx, ids[h]); got.Status != news.Unpublished {
			t.Errorf("%s is %s", h, got.Status)
		}
	}
	if got, _ := st.ArticleByID(ctx, ids["Ferry fares frozen"]); got.Status != news.Published {
		t.Error("an article not chosen was unpublished")
	}
}
